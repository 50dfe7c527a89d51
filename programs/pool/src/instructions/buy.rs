use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};
use arena::constants::CONFIG_SEED;
use arena::program::Arena as ArenaProgram;
use arena::state::{Arena, ArenaStatus, Config};

use crate::errors::PoolError;
use crate::events::SharesBought;
use crate::math::{self, Fee, Product};
use crate::pool_tokens::{
    arena_pairs, outcome_accounts, pay_from_pool, pay_into_pool, Layout, Sets,
};
use crate::state::Pool;

/// Remaining accounts: per outcome, in order, its mint and the pool's vault of it.
#[derive(Accounts)]
pub struct Buy<'info> {
    pub trader: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump, seeds::program = arena::ID)]
    pub config: Box<Account<'info, Config>>,
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
    #[account(mut, token::mint = pool.collateral_mint)]
    pub trader_collateral: Box<Account<'info, TokenAccount>>,
    /// Receives the bought outcome tokens.
    #[account(mut)]
    pub trader_outcome: Box<Account<'info, TokenAccount>>,
    pub arena_program: Program<'info, ArenaProgram>,
    pub token_program: Program<'info, Token>,
}

/// Pays `collateral_in` (fee included) for at least `min_tokens_out` tokens of `outcome`.
/// The collateral becomes complete sets in the pool, which pays out the outcome's tokens that
/// keep the product of its balances before the fee.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, Buy<'info>>,
    outcome: u8,
    collateral_in: u64,
    min_tokens_out: u64,
) -> Result<()> {
    require!(collateral_in > 0, PoolError::ZeroAmount);
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
    let trade = math::buy(pool.balances(), index, collateral_in, fee)?;
    require!(
        trade.tokens_out >= min_tokens_out,
        PoolError::TokensOutBelowMinimum
    );
    require!(
        Product::of(&trade.balances) >= Product::of(pool.balances()),
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
        &ctx.accounts.trader_collateral.to_account_info(),
        &pool_collateral,
        collateral_in,
    )?;
    let sets = Sets {
        arena_program: ctx.accounts.arena_program.to_account_info(),
        arena: arena.to_account_info(),
        arena_vault: ctx.accounts.arena_vault.to_account_info(),
        pool_collateral,
        token_program: token_program.clone(),
    };
    sets.split(
        pool,
        ctx.accounts.config.to_account_info(),
        arena_pairs(&outcomes),
        collateral_in,
    )?;
    pay_from_pool(
        &token_program,
        pool,
        outcomes[index].vault,
        &ctx.accounts.trader_outcome.to_account_info(),
        trade.tokens_out,
    )?;

    let pool = &mut ctx.accounts.pool;
    pool.set_balances(&trade.balances);
    pool.fees_collected = pool
        .fees_collected
        .checked_add(trade.fee)
        .ok_or(PoolError::Overflow)?;
    pool.volume = pool
        .volume
        .checked_add(collateral_in)
        .ok_or(PoolError::Overflow)?;
    emit!(SharesBought {
        pool: pool.key(),
        arena: pool.arena,
        trader: ctx.accounts.trader.key(),
        outcome,
        collateral_in,
        fee: trade.fee,
        tokens_out: trade.tokens_out,
        prices: math::prices(&trade.balances),
        balances: trade.balances,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
