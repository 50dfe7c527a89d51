use anchor_lang::prelude::*;

use crate::errors::ArenaError;
use crate::events::ArenaVoided;
use crate::state::{Arena, ArenaStatus};

#[derive(Accounts)]
pub struct VoidArena<'info> {
    pub resolver: Signer<'info>,
    #[account(mut, has_one = resolver @ ArenaError::NotResolver)]
    pub arena: Box<Account<'info, Arena>>,
}

/// Cancels the arena: every stake is refunded through `claim` and every outcome token redeems
/// for 1/n of a collateral unit. Unlike resolution this may happen before the close time, for
/// a question that can no longer be answered.
pub fn handler(ctx: Context<VoidArena>) -> Result<()> {
    let arena = &mut ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, ArenaError::ArenaNotOpen);
    let now = Clock::get()?.unix_timestamp;
    arena.status = ArenaStatus::Voided;
    arena.resolved_ts = now;
    arena.payout_pool = arena.total_pot;
    emit!(ArenaVoided {
        arena: arena.key(),
        resolver: arena.resolver,
        total_pot: arena.total_pot,
        ts: now,
    });
    Ok(())
}
