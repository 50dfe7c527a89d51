//! Seeds and limits shared by the instructions and the clients.

pub use arena::constants::{MAX_OUTCOMES, MIN_OUTCOMES};

/// The pool of an arena: PDA ["pool", arena].
pub const POOL_SEED: &[u8] = b"pool";
/// The pool's LP token mint: PDA ["lp_mint", pool].
pub const LP_MINT_SEED: &[u8] = b"lp_mint";
/// The pool's collateral token account, through which collateral passes on its way into
/// and out of complete sets: PDA ["collateral", pool].
pub const COLLATERAL_SEED: &[u8] = b"collateral";
/// The pool's token account of outcome `i`: PDA ["vault", pool, i as u8].
pub const VAULT_SEED: &[u8] = b"vault";

/// Upper bound of a pool's trading fee: 10%.
pub const MAX_FEE_BPS: u16 = 1_000;

/// Prices in events are in units of 1/PRICE_SCALE collateral per outcome token.
pub const PRICE_SCALE: u64 = 1_000_000_000;
