//! Benchmarks of BetFun: the localnet's RPC against in-process LiteSVM (`localnet-bench`) and
//! the native cost of each arena instruction under callgrind (`arena-cost`). See README.md.

pub mod arena_cost;
pub mod callgrind;
pub mod cpu;
pub mod latency;
pub mod localnet;
pub mod machine;
pub mod matching_bench;
pub mod orderbook_cost;
pub mod pool_cost;
pub mod report;
pub mod rpc;
pub mod setup;
pub mod throughput;
pub mod workload;
