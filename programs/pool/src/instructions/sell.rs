use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};
use arena::program::Arena as ArenaProgram;
use arena::state::{Arena, ArenaStatus};

use crate::errors::PoolError;
use crate::events::SharesSold;
use crate::math::{self, Fee, Product};
use crate::pool_tokens::{
    arena_pairs, outcome_accounts, pay_from_pool, pay_into_pool, Layout, Sets,
};
use crate::state::Pool;

/// Remaining accounts: per outcome, in order, its mint and the pool's vault of it.
#[derive(Accounts)]
pub struct Sell<'info> {
    pub trader: Signer<'info>,
    #[account(mut)]
    pub arena: Box<Account<'info, Arena>>,
    /// CHECK: the arena's collateral vault, checked here and by the arena program.
    #[account(mut, address = arena.vault @ PoolError::WrongArena)]
    pub arena_vault: UncheckedAccount<'info>,
    #[account(mut, has_one = arena @ PoolError::WrongArena)]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: the pool's collateral token account, checked against the pool.
    #[account(mut, address = pool.collateral @ PoolError::WrongPoolAccount)]
    pub pool_collateral: UncheckedAccount<'info>,
    /// Receives the collateral.
    #[account(mut, token::mint = pool.collateral_mint)]
    pub trader_collateral: Box<Account<'info, TokenAccount>>,
    /// Pays the outcome tokens.
    #[account(mut)]
    pub trader_outcome: Box<Account<'info, TokenAccount>>,
    pub arena_program: Program<'info, ArenaProgram>,
    pub token_program: Program<'info, Token>,
}

/// Sells at most `max_tokens_in` tokens of `outcome` for exactly `collateral_out` (net of
/// the fee). The pool takes the tokens that keep the product of its balances before the fee,
/// merges `collateral_out` complete sets and pays the collateral; the fee's sets stay.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, Sell<'info>>,
    outcome: u8,
    collateral_out: u64,
    max_tokens_in: u64,
) -> Result<()> {
    require!(collateral_out > 0, PoolError::ZeroAmount);
    let arena = &ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, PoolError::ArenaNotOpen);
    let pool = &ctx.accounts.pool;
    let index = usize::from(outcome);
    require!(index < pool.outcome_count(), PoolError::InvalidOutcome);
    require_keys_eq!(
        ctx.accounts.trader_outcome.mint,
        arena.outcome_mints[index],
        PoolError::WrongOutcomeAccount
    );
    let fee = Fee::new(pool.fee_bps).ok_or(PoolError::FeeTooHigh)?;
    let sale = math::sell(pool.balances(), index, collateral_out, fee)?;
    require!(
        sale.tokens_in <= max_tokens_in,
        PoolError::TokensInAboveMaximum
    );
    require!(
        Product::of(&sale.balances) >= Product::of(pool.balances()),
        PoolError::InvariantViolated
    );

    let outcomes = outcome_accounts(
        pool,
        &arena.outcome_mints,
        ctx.remaining_accounts,
        Layout::MintVault,
    )?;
    let token_program = ctx.accounts.token_program.to_account_info();
    let pool_collateral = ctx.accounts.pool_collateral.to_account_info();
    pay_into_pool(
        &token_program,
        &ctx.accounts.trader.to_account_info(),
        &ctx.accounts.trader_outcome.to_account_info(),
        outcomes[index].vault,
        sale.tokens_in,
    )?;
    let sets = Sets {
        arena_program: ctx.accounts.arena_program.to_account_info(),
        arena: arena.to_account_info(),
        arena_vault: ctx.accounts.arena_vault.to_account_info(),
        pool_collateral: pool_collateral.clone(),
        token_program: token_program.clone(),
    };
    sets.merge(pool, arena_pairs(&outcomes), collateral_out)?;
    pay_from_pool(
        &token_program,
        pool,
        &pool_collateral,
        &ctx.accounts.trader_collateral.to_account_info(),
        collateral_out,
    )?;

    let pool = &mut ctx.accounts.pool;
    pool.set_balances(&sale.balances);
    pool.fees_collected = pool
        .fees_collected
        .checked_add(sale.fee)
        .ok_or(PoolError::Overflow)?;
    pool.volume = pool
        .volume
        .checked_add(collateral_out)
        .ok_or(PoolError::Overflow)?;
    emit!(SharesSold {
        pool: pool.key(),
        arena: pool.arena,
        trader: ctx.accounts.trader.key(),
        outcome,
        collateral_out,
        fee: sale.fee,
        tokens_in: sale.tokens_in,
        prices: math::prices(&sale.balances),
        balances: sale.balances,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
