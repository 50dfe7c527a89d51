pub mod add_liquidity;
pub mod buy;
pub mod create_pool;
pub mod remove_liquidity;
pub mod sell;

// Anchor's `#[program]` finds each instruction's generated account modules at the crate root,
// hence the globs; every module also exports a `handler`, only ever called by its path.
#[allow(ambiguous_glob_reexports)]
pub use {add_liquidity::*, buy::*, create_pool::*, remove_liquidity::*, sell::*};
