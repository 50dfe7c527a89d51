use anchor_lang::prelude::*;

use crate::errors::OrderbookError;
use crate::events::emit_removals;
use crate::state::Market;

#[derive(Accounts)]
pub struct CancelOrderByClientId<'info> {
    pub owner: Signer<'info>,
    #[account(mut)]
    pub market: AccountLoader<'info, Market>,
}

/// Cancels the owner's resting orders carrying `client_order_id` (up to 32); at least one
/// must rest.
pub fn handler(ctx: Context<CancelOrderByClientId>, client_order_id: u64) -> Result<()> {
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    let mut market = ctx.accounts.market.load_mut()?;
    let mut engine = market.engine()?;
    let seat = engine.seats.find(&owner).ok_or(OrderbookError::NoSeat)?;
    let removals = engine.cancel_by_client_id(seat, client_order_id, 0)?;
    emit_removals(market_key, engine.seats, &removals);
    Ok(())
}
