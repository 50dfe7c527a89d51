mod pool;

pub use pool::*;
