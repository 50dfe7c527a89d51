use anchor_lang::prelude::*;

use crate::errors::OrderbookError;
use crate::events::emit_removals;
use crate::state::Market;

/// Cancelling needs no open arena: after resolution it frees locked funds for withdrawal.
#[derive(Accounts)]
pub struct CancelOrder<'info> {
    pub owner: Signer<'info>,
    #[account(mut)]
    pub market: AccountLoader<'info, Market>,
}

/// Cancels one of the owner's resting orders by its id; its lock returns to the free balances.
pub fn handler(ctx: Context<CancelOrder>, order_id: u64) -> Result<()> {
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    let mut market = ctx.accounts.market.load_mut()?;
    let mut engine = market.engine()?;
    let seat = engine.seats.find(&owner).ok_or(OrderbookError::NoSeat)?;
    let removal = engine.cancel(seat, order_id)?;
    emit_removals(market_key, engine.seats, &[removal]);
    Ok(())
}
