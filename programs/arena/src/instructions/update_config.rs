use anchor_lang::prelude::*;

use crate::constants::CONFIG_SEED;
use crate::errors::ArenaError;
use crate::events::ConfigUpdated;
use crate::math::BasisPoints;
use crate::state::Config;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub struct UpdateConfigArgs {
    pub new_admin: Option<Pubkey>,
    pub treasury: Option<Pubkey>,
    /// Applies to arenas created afterwards; each arena keeps the fee it was created with.
    pub protocol_fee_bps: Option<u16>,
    /// While paused, no arena is created and no bet or split is taken; merging, resolving,
    /// claiming and redeeming go on, so that funds are never stuck.
    pub paused: Option<bool>,
}

#[derive(Accounts)]
pub struct UpdateConfig<'info> {
    pub admin: Signer<'info>,
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump, has_one = admin @ ArenaError::NotAdmin)]
    pub config: Account<'info, Config>,
}

pub fn handler(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
    let config = &mut ctx.accounts.config;
    if let Some(bps) = args.protocol_fee_bps {
        config.protocol_fee_bps = BasisPoints::new(bps).ok_or(ArenaError::FeeTooHigh)?.get();
    }
    if let Some(admin) = args.new_admin {
        config.admin = admin;
    }
    if let Some(treasury) = args.treasury {
        config.treasury = treasury;
    }
    if let Some(paused) = args.paused {
        config.paused = paused;
    }
    emit!(ConfigUpdated {
        admin: config.admin,
        treasury: config.treasury,
        protocol_fee_bps: config.protocol_fee_bps,
        paused: config.paused,
    });
    Ok(())
}
