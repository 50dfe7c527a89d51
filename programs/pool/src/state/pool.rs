use anchor_lang::prelude::*;

use crate::constants::{MAX_OUTCOMES, POOL_SEED};

/// The market maker of one arena, at PDA ["pool", arena].
///
/// `balances` are the pool's books: each equals the amount in the matching vault, as only
/// the pool's instructions move tokens out of its vaults. Tokens sent to a vault by anyone
/// else are not counted (a donation cannot move prices). The LP supply is the LP mint's.
#[account]
#[derive(InitSpace, Debug)]
pub struct Pool {
    pub arena: Pubkey,
    pub creator: Pubkey,
    pub collateral_mint: Pubkey,
    pub lp_mint: Pubkey,
    /// The pool's collateral token account: empty between instructions.
    pub collateral: Pubkey,
    pub fee_bps: u16,
    pub outcome_count: u8,
    pub bump: u8,
    pub lp_mint_bump: u8,
    pub collateral_bump: u8,
    pub vault_bumps: [u8; MAX_OUTCOMES],
    pub created_ts: i64,
    /// Outcome tokens held, per outcome; entries past `outcome_count` stay zero.
    pub balances: [u64; MAX_OUTCOMES],
    /// Every fee ever taken, in collateral: kept in the pool as complete sets.
    pub fees_collected: u64,
    /// Collateral traded: what buyers paid plus what sellers received.
    pub volume: u64,
    pub vaults: [Pubkey; MAX_OUTCOMES],
}

impl Pool {
    /// Calls `f` with the signer seeds of the pool PDA, which owns the vaults, the collateral
    /// account and the LP mint.
    pub fn with_signer<R>(&self, f: impl FnOnce(&[&[&[u8]]]) -> R) -> R {
        let bump = [self.bump];
        f(&[&[POOL_SEED, self.arena.as_ref(), &bump]])
    }

    pub fn outcome_count(&self) -> usize {
        usize::from(self.outcome_count)
    }

    /// The balances of the pool's outcomes.
    pub fn balances(&self) -> &[u64] {
        &self.balances[..self.outcome_count()]
    }

    pub fn set_balances(&mut self, balances: &[u64]) {
        self.balances[..balances.len()].copy_from_slice(balances);
    }
}
