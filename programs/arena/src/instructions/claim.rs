use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::constants::POSITION_SEED;
use crate::errors::ArenaError;
use crate::events::Claimed;
use crate::math::winning_payout;
use crate::outcome_tokens::pay_from_vault;
use crate::state::{Arena, ArenaStatus, Position};

#[derive(Accounts)]
pub struct Claim<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = vault)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(
        mut,
        seeds = [POSITION_SEED, arena.key().as_ref(), owner.key().as_ref()],
        bump = position.bump,
        has_one = owner,
        has_one = arena,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(mut, token::mint = arena.collateral_mint)]
    pub owner_collateral: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Pays a position what it is owed once the arena is settled: its share of the payout pool
/// for a stake on the winner, or its stakes back when the arena was voided or nobody had
/// backed the winner.
pub fn handler(ctx: Context<Claim>) -> Result<()> {
    let arena = &mut ctx.accounts.arena;
    let position = &mut ctx.accounts.position;
    require!(
        arena.status != ArenaStatus::Open,
        ArenaError::ArenaNotSettled
    );
    require!(!position.claimed, ArenaError::AlreadyClaimed);

    let winning_pot = arena.pots[usize::from(arena.winning_outcome)];
    let refund = arena.status == ArenaStatus::Voided || winning_pot == 0;
    let amount = if refund {
        position.total_staked
    } else {
        let stake = position.stakes[usize::from(arena.winning_outcome)];
        winning_payout(stake, winning_pot, arena.payout_pool).ok_or(ArenaError::Overflow)?
    };
    require!(amount > 0, ArenaError::NothingToClaim);

    position.claimed = true;
    arena.pot_unclaimed = arena
        .pot_unclaimed
        .checked_sub(amount)
        .ok_or(ArenaError::Overflow)?;
    pay_from_vault(
        &ctx.accounts.token_program.to_account_info(),
        arena,
        &ctx.accounts.vault.to_account_info(),
        &ctx.accounts.owner_collateral.to_account_info(),
        amount,
    )?;

    emit!(Claimed {
        arena: arena.key(),
        owner: position.owner,
        amount,
        refund,
    });
    Ok(())
}
