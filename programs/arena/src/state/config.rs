use anchor_lang::prelude::*;

/// The platform's settings; one per program, at PDA ["config"].
#[account]
#[derive(InitSpace, Debug)]
pub struct Config {
    pub admin: Pubkey,
    /// Token owner of the protocol fees: fees go to its associated token account.
    pub treasury: Pubkey,
    pub protocol_fee_bps: u16,
    pub paused: bool,
    /// Arenas created so far; the next arena's id.
    pub arena_count: u64,
    pub bump: u8,
}
