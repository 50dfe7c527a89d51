pub mod create_arena;
pub mod initialize_config;

// Anchor's `#[program]` finds each instruction's generated account modules at the crate root,
// hence the globs; every module also exports a `handler`, only ever called by its path.
#[allow(ambiguous_glob_reexports)]
pub use {create_arena::*, initialize_config::*};
