use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::constants::CONFIG_SEED;
use crate::errors::ArenaError;
use crate::events::SetsSplit;
use crate::outcome_tokens::{mint_outcome, outcome_tokens, pay_into_vault};
use crate::state::{Arena, ArenaStatus, Config};

/// Remaining accounts: each outcome's mint and the token account to receive it, in order.
#[derive(Accounts)]
pub struct Split<'info> {
    pub owner: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, Config>,
    #[account(mut, has_one = vault)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(mut, token::mint = arena.collateral_mint)]
    pub owner_collateral: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Turns `amount` of collateral into `amount` of every outcome token.
pub fn handler<'info>(ctx: Context<'_, '_, 'info, 'info, Split<'info>>, amount: u64) -> Result<()> {
    require!(!ctx.accounts.config.paused, ArenaError::Paused);
    require!(amount > 0, ArenaError::ZeroAmount);
    let arena = &mut ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, ArenaError::ArenaNotOpen);
    arena.set_collateral = arena
        .set_collateral
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;

    let token_program = ctx.accounts.token_program.to_account_info();
    pay_into_vault(
        &token_program,
        &ctx.accounts.owner.to_account_info(),
        &ctx.accounts.owner_collateral.to_account_info(),
        &ctx.accounts.vault.to_account_info(),
        amount,
    )?;
    for token in outcome_tokens(arena, ctx.remaining_accounts)? {
        mint_outcome(&token_program, arena, &token, amount)?;
    }

    emit!(SetsSplit {
        arena: arena.key(),
        owner: ctx.accounts.owner.key(),
        amount,
        set_collateral: arena.set_collateral,
    });
    Ok(())
}
