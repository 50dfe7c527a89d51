use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;
use crate::errors::ArenaError;
use crate::events::ConfigInitialized;
use crate::math::BasisPoints;
use crate::state::Config;

#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(init, payer = admin, space = 8 + Config::INIT_SPACE, seeds = [CONFIG_SEED], bump)]
    pub config: Account<'info, Config>,
    /// CHECK: any wallet may receive the protocol fees; only its key is stored.
    pub treasury: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<InitializeConfig>, protocol_fee_bps: u16) -> Result<()> {
    let fee = BasisPoints::new(protocol_fee_bps).ok_or(ArenaError::FeeTooHigh)?;
    let config = &mut ctx.accounts.config;
    config.set_inner(Config {
        admin: ctx.accounts.admin.key(),
        treasury: ctx.accounts.treasury.key(),
        protocol_fee_bps: fee.get(),
        paused: false,
        arena_count: 0,
        bump: ctx.bumps.config,
    });
    emit!(ConfigInitialized {
        admin: config.admin,
        treasury: config.treasury,
        protocol_fee_bps: config.protocol_fee_bps,
    });
    Ok(())
}
