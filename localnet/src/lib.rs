//! betfun-localnet: a local Solana validator hosting BetFun programs natively.

pub mod bridge;
pub mod chain;
pub mod config;
pub mod encoding;
pub mod ledger;
pub mod programs;
pub mod pubsub;
pub mod rpc;
pub mod token;
