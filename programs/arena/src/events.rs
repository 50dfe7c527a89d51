//! Events carry everything an indexer needs without reading other accounts.

use anchor_lang::prelude::*;

#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub treasury: Pubkey,
    pub protocol_fee_bps: u16,
}

#[event]
pub struct ArenaCreated {
    pub arena: Pubkey,
    pub arena_id: u64,
    pub creator: Pubkey,
    pub resolver: Pubkey,
    pub collateral_mint: Pubkey,
    pub vault: Pubkey,
    pub title: String,
    pub category: String,
    pub outcomes: Vec<String>,
    pub outcome_mints: Vec<Pubkey>,
    pub close_ts: i64,
    pub creator_fee_bps: u16,
    pub protocol_fee_bps: u16,
    pub created_ts: i64,
}
