use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::constants::{CONFIG_SEED, POSITION_SEED};
use crate::errors::ArenaError;
use crate::events::BetPlaced;
use crate::outcome_tokens::pay_into_vault;
use crate::state::{Arena, ArenaStatus, Config, Position};

#[derive(Accounts)]
pub struct PlaceBet<'info> {
    #[account(mut)]
    pub bettor: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, Config>,
    #[account(mut, has_one = vault)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(
        init_if_needed,
        payer = bettor,
        space = 8 + Position::INIT_SPACE,
        seeds = [POSITION_SEED, arena.key().as_ref(), bettor.key().as_ref()],
        bump,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(mut, token::mint = arena.collateral_mint)]
    pub bettor_collateral: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<PlaceBet>, outcome: u8, amount: u64) -> Result<()> {
    require!(!ctx.accounts.config.paused, ArenaError::Paused);
    require!(amount > 0, ArenaError::ZeroAmount);
    let arena = &mut ctx.accounts.arena;
    require!(outcome < arena.outcome_count, ArenaError::InvalidOutcome);
    require!(arena.status == ArenaStatus::Open, ArenaError::ArenaNotOpen);
    let now = Clock::get()?.unix_timestamp;
    require!(arena.is_betting_open(now), ArenaError::BettingClosed);

    let index = usize::from(outcome);
    arena.pots[index] = arena.pots[index]
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;
    arena.total_pot = arena
        .total_pot
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;
    arena.pot_unclaimed = arena
        .pot_unclaimed
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;

    let arena_key = arena.key();
    let position = &mut ctx.accounts.position;
    if position.owner == Pubkey::default() {
        position.arena = arena_key;
        position.owner = ctx.accounts.bettor.key();
        position.bump = ctx.bumps.position;
    }
    position.stakes[index] = position.stakes[index]
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;
    position.total_staked = position
        .total_staked
        .checked_add(amount)
        .ok_or(ArenaError::Overflow)?;

    pay_into_vault(
        &ctx.accounts.token_program.to_account_info(),
        &ctx.accounts.bettor.to_account_info(),
        &ctx.accounts.bettor_collateral.to_account_info(),
        &ctx.accounts.vault.to_account_info(),
        amount,
    )?;

    emit!(BetPlaced {
        arena: arena_key,
        bettor: position.owner,
        outcome,
        amount,
        outcome_pot: arena.pots[index],
        total_pot: arena.total_pot,
        position_stake: position.stakes[index],
        ts: now,
    });
    Ok(())
}
