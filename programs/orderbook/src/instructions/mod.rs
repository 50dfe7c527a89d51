pub mod cancel_all_orders;
pub mod cancel_order;
pub mod cancel_order_by_client_id;
pub mod create_market;
pub mod deposit;
pub mod place_order;
pub mod prune_expired;
pub mod sweep_fees;
pub mod withdraw;

// Anchor's `#[program]` finds each instruction's generated account modules at the crate root,
// hence the globs; every module also exports a `handler`, only ever called by its path.
#[allow(ambiguous_glob_reexports)]
pub use {
    cancel_all_orders::*, cancel_order::*, cancel_order_by_client_id::*, create_market::*,
    deposit::*, place_order::*, prune_expired::*, sweep_fees::*, withdraw::*,
};
