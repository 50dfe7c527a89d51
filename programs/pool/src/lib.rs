//! BetFun pool: a fixed-product market maker over one arena's outcome tokens, with an LP token.
//!
//! Buying splits the trader's collateral into complete sets through the arena program and
//! pays out the bought outcome; selling merges sets back into collateral. The product of the
//! pool's outcome balances is kept before fees; fees stay in the pool as complete sets, so
//! they accrue to the LP tokens. See `math` for the formulas and their rounding.
//!
//! This file only dispatches; each instruction lives in `instructions/` with its accounts.

// The entrypoint `#[program]` generates calls `AccountInfo::realloc`, deprecated since
// solana-program 2.3.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod math;
pub mod pool_tokens;
pub mod state;

pub use instructions::*;

declare_id!("3gdnwKLpYXm3fzjpsg7v7Xxzc7iVdUDyvNuPzriy3fvA");

#[program]
pub mod pool {
    use super::*;

    /// Opens the pool of an open arena with a trading fee of `fee_bps` (at most 1000).
    /// Remaining accounts: each outcome's mint and the pool's vault PDA of it, in order.
    pub fn create_pool<'info>(
        ctx: Context<'_, '_, 'info, 'info, CreatePool<'info>>,
        fee_bps: u16,
    ) -> Result<()> {
        instructions::create_pool::handler(ctx, fee_bps)
    }

    /// Deposits `collateral` as complete sets for at least `min_lp_out` LP tokens; the first
    /// deposit may set the starting odds (one weight per outcome). Remaining accounts: per
    /// outcome its mint, the pool's vault and the provider's token account, in order.
    pub fn add_liquidity<'info>(
        ctx: Context<'_, '_, 'info, 'info, AddLiquidity<'info>>,
        collateral: u64,
        min_lp_out: u64,
        odds: Vec<u64>,
    ) -> Result<()> {
        instructions::add_liquidity::handler(ctx, collateral, min_lp_out, odds)
    }

    /// Burns `lp` LP tokens for a pro-rata share of every balance, fees included, with one
    /// minimum per outcome. Remaining accounts: per outcome the pool's vault and the
    /// provider's token account, in order.
    pub fn remove_liquidity<'info>(
        ctx: Context<'_, '_, 'info, 'info, RemoveLiquidity<'info>>,
        lp: u64,
        min_amounts: Vec<u64>,
    ) -> Result<()> {
        instructions::remove_liquidity::handler(ctx, lp, min_amounts)
    }

    /// Buys at least `min_tokens_out` of `outcome` for `collateral_in`, fee included.
    /// Remaining accounts: per outcome its mint and the pool's vault, in order.
    pub fn buy<'info>(
        ctx: Context<'_, '_, 'info, 'info, Buy<'info>>,
        outcome: u8,
        collateral_in: u64,
        min_tokens_out: u64,
    ) -> Result<()> {
        instructions::buy::handler(ctx, outcome, collateral_in, min_tokens_out)
    }

    /// Sells at most `max_tokens_in` of `outcome` for exactly `collateral_out`, net of the fee.
    /// Remaining accounts: per outcome its mint and the pool's vault, in order.
    pub fn sell<'info>(
        ctx: Context<'_, '_, 'info, 'info, Sell<'info>>,
        outcome: u8,
        collateral_out: u64,
        max_tokens_in: u64,
    ) -> Result<()> {
        instructions::sell::handler(ctx, outcome, collateral_out, max_tokens_in)
    }
}
