//! BetFun Arena: prediction markets with pari-mutuel pots and tradeable outcome tokens.
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

    /// Opens a market with 2–8 outcomes, its collateral vault and one SPL mint per outcome.
    /// The outcome mints are passed as remaining accounts, in outcome order.
    pub fn create_arena<'info>(
        ctx: Context<'_, '_, 'info, 'info, CreateArena<'info>>,
        args: CreateArenaArgs,
    ) -> Result<()> {
        instructions::create_arena::handler(ctx, args)
    }
}
