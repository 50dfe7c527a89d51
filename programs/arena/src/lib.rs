//! BetFun Arena: prediction markets with pari-mutuel pots and tradeable outcome tokens.
//!
//! This file only dispatches; each instruction lives in `instructions/` with its accounts.

// The entrypoint `#[program]` generates calls `AccountInfo::realloc`, deprecated since
// solana-program 2.3.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod client;
pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod math;
pub mod outcome_tokens;
pub mod state;

pub use instructions::*;

declare_id!("Hzo5mGyyuNH9Yx9MxdAJEfRHAqNfHM9DMjH9yWTYbRsm");

#[program]
pub mod arena {
    use super::*;

    /// Creates the global config: admin, treasury, protocol fee.
    pub fn initialize_config(ctx: Context<InitializeConfig>, protocol_fee_bps: u16) -> Result<()> {
        instructions::initialize_config::handler(ctx, protocol_fee_bps)
    }

    /// The admin changes the admin, the treasury, the protocol fee or the pause switch.
    pub fn update_config(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
        instructions::update_config::handler(ctx, args)
    }

    /// Opens a market with 2–8 outcomes, its collateral vault and one SPL mint per outcome.
    /// The outcome mints are passed as remaining accounts, in outcome order.
    pub fn create_arena<'info>(
        ctx: Context<'_, '_, 'info, 'info, CreateArena<'info>>,
        args: CreateArenaArgs,
    ) -> Result<()> {
        instructions::create_arena::handler(ctx, args)
    }

    /// Stakes `amount` of collateral on `outcome` in the pari-mutuel pot, before close.
    pub fn place_bet(ctx: Context<PlaceBet>, outcome: u8, amount: u64) -> Result<()> {
        instructions::place_bet::handler(ctx, outcome, amount)
    }

    /// Turns `amount` of collateral into `amount` of every outcome token. Remaining accounts:
    /// each outcome's mint and the token account to receive it, in outcome order.
    pub fn split<'info>(
        ctx: Context<'_, '_, 'info, 'info, Split<'info>>,
        amount: u64,
    ) -> Result<()> {
        instructions::split::handler(ctx, amount)
    }

    /// Burns `amount` of every outcome token for `amount` of collateral. Remaining accounts as
    /// for `split`.
    pub fn merge<'info>(
        ctx: Context<'_, '_, 'info, 'info, Merge<'info>>,
        amount: u64,
    ) -> Result<()> {
        instructions::merge::handler(ctx, amount)
    }

    /// The resolver declares the winning outcome, after close; the fees are paid.
    pub fn resolve(ctx: Context<Resolve>, winning_outcome: u8) -> Result<()> {
        instructions::resolve::handler(ctx, winning_outcome)
    }

    /// The resolver cancels the arena: stakes are refunded, tokens redeem for 1/n each.
    pub fn void_arena(ctx: Context<VoidArena>) -> Result<()> {
        instructions::void_arena::handler(ctx)
    }

    /// Pays a position its winnings, or its stakes back, once the arena is settled.
    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        instructions::claim::handler(ctx)
    }

    /// Burns outcome tokens for collateral once the arena is settled. Remaining accounts as for
    /// `split`; `amounts` has one entry per outcome.
    pub fn redeem<'info>(
        ctx: Context<'_, '_, 'info, 'info, Redeem<'info>>,
        amounts: Vec<u64>,
    ) -> Result<()> {
        instructions::redeem::handler(ctx, amounts)
    }
}
