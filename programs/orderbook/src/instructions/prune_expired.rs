use anchor_lang::prelude::*;

use crate::events::emit_removals;
use crate::state::Market;

/// Permissionless: anyone may clear expired orders.
#[derive(Accounts)]
pub struct PruneExpired<'info> {
    #[account(mut)]
    pub market: AccountLoader<'info, Market>,
}

/// Removes up to `limit` (0 for 32) expired orders; their locks return to their owners' free
/// balances.
pub fn handler(ctx: Context<PruneExpired>, limit: u8) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let market_key = ctx.accounts.market.key();
    let mut market = ctx.accounts.market.load_mut()?;
    let mut engine = market.engine()?;
    let removals = engine.prune_expired(now, limit)?;
    emit_removals(market_key, engine.seats, &removals);
    Ok(())
}
