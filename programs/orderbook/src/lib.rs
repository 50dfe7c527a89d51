//! BetFun Arena's order book: a central limit order book per outcome token, quoted in the
//! arena's collateral, settled atomically into trader seats without a crank.
//!
//! This file only dispatches; each instruction lives in `instructions/` with its accounts.
//! The book (`book`), the seats (`seats`), the matching engine (`matching`) and the units
//! (`math`) are pure modules, tested without a runtime.

// The entrypoint `#[program]` generates calls `AccountInfo::realloc`, deprecated since
// solana-program 2.3.
#![allow(deprecated)]

use anchor_lang::prelude::*;

pub mod book;
pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod matching;
pub mod math;
pub mod seats;
pub mod state;
pub mod vault;

pub use instructions::*;

declare_id!("BLQVff3etg6m1pMHoQbXWd6NptyQ4kka7G7aLJggWfvZ");

#[program]
pub mod orderbook {
    use super::*;

    /// Initializes a market for one outcome of an arena: its authority PDA and two vaults.
    /// The market account itself is created by the client in the same transaction (it is
    /// larger than a CPI may allocate). Only the arena's creator or the config's admin.
    pub fn create_market(ctx: Context<CreateMarket>, args: CreateMarketArgs) -> Result<()> {
        instructions::create_market::handler(ctx, args)
    }

    /// Moves tokens into the vaults, credited to the owner's seat as free balances.
    pub fn deposit(ctx: Context<Deposit>, base_amount: u64, quote_amount: u64) -> Result<()> {
        instructions::deposit::handler(ctx, base_amount, quote_amount)
    }

    /// Pays free balances out to the owner's token accounts; works after resolution too.
    pub fn withdraw(ctx: Context<Withdraw>, base_amount: u64, quote_amount: u64) -> Result<()> {
        instructions::withdraw::handler(ctx, base_amount, quote_amount)
    }

    /// Places an order of any type; fills settle at once into the seats.
    pub fn place_order(ctx: Context<PlaceOrder>, args: PlaceOrderArgs) -> Result<()> {
        instructions::place_order::handler(ctx, args)
    }

    /// Cancels one of the owner's resting orders by its order id.
    pub fn cancel_order(ctx: Context<CancelOrder>, order_id: u64) -> Result<()> {
        instructions::cancel_order::handler(ctx, order_id)
    }

    /// Cancels the owner's resting orders carrying a client order id.
    pub fn cancel_order_by_client_id(
        ctx: Context<CancelOrderByClientId>,
        client_order_id: u64,
    ) -> Result<()> {
        instructions::cancel_order_by_client_id::handler(ctx, client_order_id)
    }

    /// Cancels up to `limit` (0 for 32) of the owner's resting orders.
    pub fn cancel_all_orders(ctx: Context<CancelAllOrders>, limit: u8) -> Result<()> {
        instructions::cancel_all_orders::handler(ctx, limit)
    }

    /// Permissionless: removes up to `limit` (0 for 32) expired orders.
    pub fn prune_expired(ctx: Context<PruneExpired>, limit: u8) -> Result<()> {
        instructions::prune_expired::handler(ctx, limit)
    }

    /// Permissionless: pays the accrued fees to the arena config's treasury.
    pub fn sweep_fees(ctx: Context<SweepFees>) -> Result<()> {
        instructions::sweep_fees::handler(ctx)
    }
}
