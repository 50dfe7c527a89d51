use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::errors::ArenaError;
use crate::events::SetsMerged;
use crate::outcome_tokens::{burn_outcome, outcome_tokens, pay_from_vault};
use crate::state::{Arena, ArenaStatus};

/// Remaining accounts: each outcome's mint and the owner's token account of it, in order.
#[derive(Accounts)]
pub struct Merge<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = vault)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(mut, token::mint = arena.collateral_mint)]
    pub owner_collateral: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Burns `amount` of every outcome token and pays `amount` of collateral back. Merging stays
/// open while the platform is paused, so that nobody's funds are ever stuck.
pub fn handler<'info>(ctx: Context<'_, '_, 'info, 'info, Merge<'info>>, amount: u64) -> Result<()> {
    require!(amount > 0, ArenaError::ZeroAmount);
    let arena = &mut ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, ArenaError::ArenaNotOpen);
    arena.set_collateral = arena
        .set_collateral
        .checked_sub(amount)
        .ok_or(ArenaError::Overflow)?;

    let token_program = ctx.accounts.token_program.to_account_info();
    let owner = ctx.accounts.owner.to_account_info();
    for token in outcome_tokens(arena, ctx.remaining_accounts)? {
        burn_outcome(&token_program, &owner, &token, amount)?;
    }
    pay_from_vault(
        &token_program,
        arena,
        &ctx.accounts.vault.to_account_info(),
        &ctx.accounts.owner_collateral.to_account_info(),
        amount,
    )?;

    emit!(SetsMerged {
        arena: arena.key(),
        owner: owner.key(),
        amount,
        set_collateral: arena.set_collateral,
    });
    Ok(())
}
