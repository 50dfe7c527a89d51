//! Command-line flags.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use crate::chain::ChainConfig;

const LAMPORTS_PER_SOL: u64 = 1_000_000_000;

/// A local Solana validator for clients: JSON-RPC and PubSub over LiteSVM, hosting BetFun's
/// programs natively.
#[derive(Debug, Parser)]
#[command(name = "betfun-localnet", version)]
pub struct Config {
    /// JSON-RPC port; PubSub listens on the next one.
    #[arg(long, default_value_t = 8899)]
    pub rpc_port: u16,

    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Keep accounts and transaction history in this directory across restarts.
    #[arg(long, value_name = "DIR")]
    pub ledger: Option<PathBuf>,

    /// Wipe the ledger before starting.
    #[arg(long)]
    pub reset: bool,

    /// Slot duration in milliseconds.
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(1..))]
    pub slot_ms: u64,

    /// Lamports the faucet starts with (it serves requestAirdrop).
    #[arg(long, default_value_t = 1_000_000_000 * LAMPORTS_PER_SOL)]
    pub faucet_lamports: u64,

    /// A keypair file (Solana CLI JSON format) to fund at start; created if missing.
    #[arg(long, value_name = "PATH")]
    pub keypair: Option<PathBuf>,

    /// SOL the --keypair account is topped up to at start.
    #[arg(long, default_value_t = 500)]
    pub keypair_sol: u64,
}

impl Config {
    pub fn pubsub_port(&self) -> Option<u16> {
        self.rpc_port.checked_add(1)
    }

    pub fn chain(&self) -> ChainConfig {
        ChainConfig {
            slot_duration: Duration::from_millis(self.slot_ms),
            faucet_lamports: self.faucet_lamports,
            ledger_dir: self.ledger.clone(),
            reset: self.reset,
        }
    }

    pub fn keypair_lamports(&self) -> u64 {
        self.keypair_sol.saturating_mul(LAMPORTS_PER_SOL)
    }
}
