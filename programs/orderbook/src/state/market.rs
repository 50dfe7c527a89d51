use anchor_lang::prelude::*;

use crate::book::OrderBook;
use crate::constants::MARKET_SEED;
use crate::errors::OrderbookError;
use crate::matching::Engine;
use crate::math::MarketParams;
use crate::seats::SeatTable;

/// One order book: the outcome token `base_mint` of an arena quoted in its collateral
/// `quote_mint`, with the seats of its traders.
///
/// Zero-copy and about 66 KiB, more than a CPI may allocate: the client creates the account
/// (owned by this program, [`Market::SPACE`] bytes) in the transaction that calls
/// `create_market`. The header comes first so that clients can filter markets by `arena`,
/// `base_mint` or `quote_mint` with `memcmp` at fixed offsets.
#[account(zero_copy)]
#[derive(Debug)]
pub struct Market {
    pub arena: Pubkey,
    /// The PDA ["market", arena, [outcome]]: one per (arena, outcome), owner of the vaults.
    pub authority: Pubkey,
    pub base_mint: Pubkey,
    pub quote_mint: Pubkey,
    pub base_vault: Pubkey,
    pub quote_vault: Pubkey,
    pub creator: Pubkey,
    /// Quote units per lot per tick.
    pub tick_size: u64,
    /// Base units per lot.
    pub lot_size: u64,
    /// The id of the next order placed; ids start at 1.
    pub next_order_id: u64,
    /// Fees in quote not yet swept to the treasury.
    pub fees_accrued: u64,
    /// Fees swept so far.
    pub fees_swept: u64,
    pub created_ts: i64,
    pub maker_fee_bps: u16,
    pub taker_fee_bps: u16,
    pub outcome: u8,
    pub authority_bump: u8,
    pub _padding: [u8; 2],
    pub seats: SeatTable,
    pub book: OrderBook,
}

impl Market {
    /// The account's size, discriminator included.
    pub const SPACE: usize = 8 + std::mem::size_of::<Market>();

    pub fn params(&self) -> Result<MarketParams> {
        MarketParams::new(
            self.tick_size,
            self.lot_size,
            self.maker_fee_bps,
            self.taker_fee_bps,
        )
        .ok_or_else(|| error!(OrderbookError::InvalidMarketParams))
    }

    /// The matching engine over this market's book, seats and fees.
    pub fn engine(&mut self) -> Result<Engine<'_>> {
        let params = self.params()?;
        Ok(Engine::new(
            params,
            &mut self.book,
            &mut self.seats,
            &mut self.fees_accrued,
        ))
    }

    /// Takes the next order id.
    pub fn take_order_id(&mut self) -> Result<u64> {
        let id = self.next_order_id;
        self.next_order_id = id
            .checked_add(1)
            .ok_or_else(|| error!(OrderbookError::Overflow))?;
        Ok(id)
    }

    /// The seeds of the market authority, copied out so that the market may be released
    /// before a CPI.
    pub fn authority_seeds(&self) -> AuthoritySeeds {
        AuthoritySeeds {
            arena: self.arena,
            outcome: self.outcome,
            bump: self.authority_bump,
        }
    }
}

/// What the market authority signs with.
#[derive(Clone, Copy, Debug)]
pub struct AuthoritySeeds {
    pub arena: Pubkey,
    pub outcome: u8,
    pub bump: u8,
}

impl AuthoritySeeds {
    /// Calls `f` with the signer seeds of the market authority, which owns the vaults.
    pub fn with_signer<R>(&self, f: impl FnOnce(&[&[&[u8]]]) -> R) -> R {
        let outcome = [self.outcome];
        let bump = [self.bump];
        f(&[&[MARKET_SEED, self.arena.as_ref(), &outcome, &bump]])
    }
}

/// The market authority PDA ["market", arena, [outcome]]: it makes the market unique per
/// (arena, outcome), lets clients find the market from the pair, and owns the vaults.
#[account]
#[derive(InitSpace, Debug)]
pub struct MarketAuthority {
    pub market: Pubkey,
    pub arena: Pubkey,
    pub outcome: u8,
    pub bump: u8,
}
