mod arena;
mod config;

pub use arena::*;
pub use config::*;
