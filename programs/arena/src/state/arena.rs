use anchor_lang::prelude::*;

use crate::constants::{
    ARENA_SEED, MAX_CATEGORY_LEN, MAX_OUTCOMES, MAX_OUTCOME_LABEL_LEN, MAX_TITLE_LEN,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum ArenaStatus {
    /// Taking bets until `close_ts`, then waiting for the resolver.
    Open,
    /// `winning_outcome` won: winners claim, winning tokens redeem.
    Resolved,
    /// Cancelled by the resolver: stakes are refunded and every outcome token redeems 1/n.
    Voided,
}

/// One prediction market, at PDA ["arena", id as u64 little-endian].
///
/// The fixed-size fields come first so that clients can filter arenas by them with `memcmp`
/// at fixed offsets (see [`Arena::STATUS_OFFSET`]); the strings follow.
#[account]
#[derive(InitSpace, Debug)]
pub struct Arena {
    pub id: u64,
    pub creator: Pubkey,
    pub resolver: Pubkey,
    pub collateral_mint: Pubkey,
    pub vault: Pubkey,
    pub status: ArenaStatus,
    pub winning_outcome: u8,
    pub outcome_count: u8,
    pub creator_fee_bps: u16,
    /// The config's protocol fee when the arena was created: later changes don't apply.
    pub protocol_fee_bps: u16,
    pub bump: u8,
    pub vault_bump: u8,
    pub close_ts: i64,
    pub created_ts: i64,
    pub resolved_ts: i64,
    /// Pari-mutuel stakes per outcome; entries past `outcome_count` stay zero.
    pub pots: [u64; MAX_OUTCOMES],
    /// Everything ever staked.
    pub total_pot: u64,
    /// What the pot still holds: stakes, less fees at resolution, less claims.
    pub pot_unclaimed: u64,
    /// The pot net of fees, shared by the winners (fixed at resolution).
    pub payout_pool: u64,
    /// Collateral backing the outcome tokens: one unit per complete set minted by `split`,
    /// less what `merge` and `redeem` paid back. The vault holds `pot_unclaimed + set_collateral`.
    pub set_collateral: u64,
    pub outcome_mints: [Pubkey; MAX_OUTCOMES],
    #[max_len(MAX_TITLE_LEN)]
    pub title: String,
    #[max_len(MAX_CATEGORY_LEN)]
    pub category: String,
    #[max_len(MAX_OUTCOMES, MAX_OUTCOME_LABEL_LEN)]
    pub outcomes: Vec<String>,
}

impl Arena {
    /// Offset of `status` in the account data, discriminator included.
    pub const STATUS_OFFSET: usize = 8 + 8 + 32 * 4;

    /// Calls `f` with the signer seeds of the arena PDA, which owns the vault and the outcome
    /// mints.
    pub fn with_signer<R>(&self, f: impl FnOnce(&[&[&[u8]]]) -> R) -> R {
        let id = self.id.to_le_bytes();
        let bump = [self.bump];
        f(&[&[ARENA_SEED, &id, &bump]])
    }

    pub fn outcome_count(&self) -> usize {
        usize::from(self.outcome_count)
    }

    pub fn is_betting_open(&self, now: i64) -> bool {
        self.status == ArenaStatus::Open && now < self.close_ts
    }
}
