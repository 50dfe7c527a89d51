pub mod claim;
pub mod create_arena;
pub mod initialize_config;
pub mod merge;
pub mod place_bet;
pub mod redeem;
pub mod resolve;
pub mod split;
pub mod update_config;
pub mod void_arena;

// Anchor's `#[program]` finds each instruction's generated account modules at the crate root,
// hence the globs; every module also exports a `handler`, only ever called by its path.
#[allow(ambiguous_glob_reexports)]
pub use {
    claim::*, create_arena::*, initialize_config::*, merge::*, place_bet::*, redeem::*, resolve::*,
    split::*, update_config::*, void_arena::*,
};
