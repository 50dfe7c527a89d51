//! Seeds and limits shared by the instructions and the clients.

pub const CONFIG_SEED: &[u8] = b"config";
pub const ARENA_SEED: &[u8] = b"arena";
pub const VAULT_SEED: &[u8] = b"vault";
pub const OUTCOME_MINT_SEED: &[u8] = b"outcome";

pub const MIN_OUTCOMES: usize = 2;
pub const MAX_OUTCOMES: usize = 8;
pub const MAX_TITLE_LEN: usize = 128;
pub const MAX_CATEGORY_LEN: usize = 32;
pub const MAX_OUTCOME_LABEL_LEN: usize = 48;

/// Upper bound of the protocol fee and of each creator's fee: 10%.
pub const MAX_FEE_BPS: u16 = 1_000;
pub const POSITION_SEED: &[u8] = b"position";
