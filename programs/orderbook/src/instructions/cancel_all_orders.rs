use anchor_lang::prelude::*;

use crate::errors::OrderbookError;
use crate::events::emit_removals;
use crate::state::Market;

#[derive(Accounts)]
pub struct CancelAllOrders<'info> {
    pub owner: Signer<'info>,
    #[account(mut)]
    pub market: AccountLoader<'info, Market>,
}

/// Cancels up to `limit` (0 for 32) of the owner's resting orders, best first: the events of
/// one instruction stay small. A trader with more orders calls it again.
pub fn handler(ctx: Context<CancelAllOrders>, limit: u8) -> Result<()> {
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    let mut market = ctx.accounts.market.load_mut()?;
    let mut engine = market.engine()?;
    let seat = engine.seats.find(&owner).ok_or(OrderbookError::NoSeat)?;
    let removals = engine.cancel_all(seat, limit)?;
    emit_removals(market_key, engine.seats, &removals);
    Ok(())
}
