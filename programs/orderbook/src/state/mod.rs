mod market;

pub use market::*;
