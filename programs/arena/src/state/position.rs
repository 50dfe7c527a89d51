use anchor_lang::prelude::*;

use crate::constants::MAX_OUTCOMES;

/// A wallet's pari-mutuel stakes in one arena, at PDA ["position", arena, owner].
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    pub arena: Pubkey,
    pub owner: Pubkey,
    pub stakes: [u64; MAX_OUTCOMES],
    pub total_staked: u64,
    /// Paid out by `claim`; a position is claimed at most once.
    pub claimed: bool,
    pub bump: u8,
}
