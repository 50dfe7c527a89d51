mod arena;
mod config;
mod position;

pub use arena::*;
pub use config::*;
pub use position::*;
