//! Events carry everything an indexer needs without reading other accounts.

use anchor_lang::prelude::*;

#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub treasury: Pubkey,
    pub protocol_fee_bps: u16,
}

#[event]
pub struct ConfigUpdated {
    pub admin: Pubkey,
    pub treasury: Pubkey,
    pub protocol_fee_bps: u16,
    pub paused: bool,
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

#[event]
pub struct BetPlaced {
    pub arena: Pubkey,
    pub bettor: Pubkey,
    pub outcome: u8,
    pub amount: u64,
    /// The outcome's pot after the bet.
    pub outcome_pot: u64,
    pub total_pot: u64,
    /// The bettor's stake on the outcome after the bet.
    pub position_stake: u64,
    pub ts: i64,
}

#[event]
pub struct SetsSplit {
    pub arena: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub set_collateral: u64,
}

#[event]
pub struct SetsMerged {
    pub arena: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub set_collateral: u64,
}

#[event]
pub struct ArenaResolved {
    pub arena: Pubkey,
    pub resolver: Pubkey,
    pub winning_outcome: u8,
    pub total_pot: u64,
    pub winning_pot: u64,
    pub protocol_fee: u64,
    pub creator_fee: u64,
    /// What the winners share; with no stake on the winner, every stake is refunded instead.
    pub payout_pool: u64,
    pub ts: i64,
}

#[event]
pub struct ArenaVoided {
    pub arena: Pubkey,
    pub resolver: Pubkey,
    pub total_pot: u64,
    pub ts: i64,
}

#[event]
pub struct Claimed {
    pub arena: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    /// Stakes refunded rather than winnings (voided arena, or nobody backed the winner).
    pub refund: bool,
}

#[event]
pub struct Redeemed {
    pub arena: Pubkey,
    pub owner: Pubkey,
    /// Tokens burned per outcome.
    pub amounts: Vec<u64>,
    pub payout: u64,
    pub set_collateral: u64,
}
