//! Seeds and limits shared by the instructions, the matching engine and the clients.

/// The market authority PDA, ["market", arena, [outcome]]: one per (arena, outcome), owner of
/// both vaults.
pub const MARKET_SEED: &[u8] = b"market";
/// The base (outcome token) vault, ["base_vault", market].
pub const BASE_VAULT_SEED: &[u8] = b"base_vault";
/// The quote (collateral) vault, ["quote_vault", market].
pub const QUOTE_VAULT_SEED: &[u8] = b"quote_vault";

/// Resting orders per side of a book.
pub const MAX_ORDERS_PER_SIDE: usize = 512;
/// Trader seats per market.
pub const MAX_SEATS: usize = 256;

/// Upper bound of the fills one order may take (and the default match limit). Each fill logs
/// one event of about 250 bytes, so a full order logs about 4 KB.
pub const MAX_MATCH_LIMIT: u8 = 16;
/// Upper bound of resting orders one placement removes without a fill: expired orders met
/// while matching and the taker's own orders removed or reduced by self-trade prevention.
pub const MAX_REMOVALS_PER_ORDER: usize = 8;
/// Upper bound (and default) of orders cancelled or pruned by one instruction.
pub const MAX_CANCELS_PER_IX: u8 = 32;

/// Upper bound of the maker and taker fees: 10%.
pub const MAX_FEE_BPS: u16 = 1_000;
