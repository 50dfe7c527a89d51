//! Events carry everything an indexer needs without reading other accounts: every trade and
//! liquidity change carries the balances, LP supply and prices after it. Prices are in units
//! of 1/`PRICE_SCALE` (10^-9) collateral per outcome token, as `math::prices` computes them.

use anchor_lang::prelude::*;

#[event]
pub struct PoolCreated {
    pub pool: Pubkey,
    pub arena: Pubkey,
    pub creator: Pubkey,
    pub collateral_mint: Pubkey,
    pub lp_mint: Pubkey,
    pub collateral: Pubkey,
    pub vaults: Vec<Pubkey>,
    pub fee_bps: u16,
    pub ts: i64,
}

#[event]
pub struct LiquidityAdded {
    pub pool: Pubkey,
    pub arena: Pubkey,
    pub provider: Pubkey,
    /// Collateral deposited, all of it split into complete sets.
    pub collateral_in: u64,
    pub lp_minted: u64,
    /// Outcome tokens that stayed in the pool, per outcome.
    pub added: Vec<u64>,
    /// Outcome tokens sent back to the provider, per outcome (the deposit's surplus).
    pub returned: Vec<u64>,
    pub balances: Vec<u64>,
    pub lp_supply: u64,
    pub prices: Vec<u64>,
    pub ts: i64,
}

#[event]
pub struct LiquidityRemoved {
    pub pool: Pubkey,
    pub arena: Pubkey,
    pub provider: Pubkey,
    pub lp_burned: u64,
    /// Outcome tokens paid to the provider, per outcome: its share, fees included.
    pub amounts: Vec<u64>,
    pub balances: Vec<u64>,
    pub lp_supply: u64,
    pub prices: Vec<u64>,
    pub ts: i64,
}

#[event]
pub struct SharesBought {
    pub pool: Pubkey,
    pub arena: Pubkey,
    pub trader: Pubkey,
    pub outcome: u8,
    /// Collateral paid by the trader, the fee included.
    pub collateral_in: u64,
    /// The fee, kept by the pool as complete sets.
    pub fee: u64,
    pub tokens_out: u64,
    pub balances: Vec<u64>,
    pub prices: Vec<u64>,
    pub ts: i64,
}

#[event]
pub struct SharesSold {
    pub pool: Pubkey,
    pub arena: Pubkey,
    pub trader: Pubkey,
    pub outcome: u8,
    /// Collateral paid to the trader, net of the fee.
    pub collateral_out: u64,
    /// The fee, kept by the pool as complete sets.
    pub fee: u64,
    pub tokens_in: u64,
    pub balances: Vec<u64>,
    pub prices: Vec<u64>,
    pub ts: i64,
}
