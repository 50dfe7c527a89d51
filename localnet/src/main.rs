//! `betfun-localnet`: serves JSON-RPC on `--rpc-port` and PubSub on the port after it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use axum::serve::ListenerExt;
use clap::Parser;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use tokio::net::TcpListener;

use betfun_localnet::chain::ChainHandle;
use betfun_localnet::config::Config;
use betfun_localnet::{pubsub, rpc};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    let pubsub_port = config
        .pubsub_port()
        .context("--rpc-port must leave room for the PubSub port after it")?;
    let rpc_addr = SocketAddr::new(config.bind, config.rpc_port);
    let pubsub_addr = SocketAddr::new(config.bind, pubsub_port);

    let chain = ChainHandle::spawn(config.chain())?;
    if let Some(path) = &config.keypair {
        let owner = load_or_create_keypair(path)?;
        fund(&chain, &owner, config.keypair_lamports()).await?;
    }

    let rpc_listener = TcpListener::bind(rpc_addr)
        .await
        .with_context(|| format!("listening on {rpc_addr}"))?;
    let pubsub_listener = TcpListener::bind(pubsub_addr)
        .await
        .with_context(|| format!("listening on {pubsub_addr}"))?;

    // Callers wait for these lines, the WebSocket one last: both servers are bound by then.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "RPC URL: http://{rpc_addr}")?;
    writeln!(stdout, "WebSocket URL: ws://{pubsub_addr}")?;
    stdout.flush()?;
    drop(stdout);

    // Nagle's algorithm would hold a notification back until the client acknowledges the
    // previous message (40 ms of delayed ACK after a subscribe): replies go out at once.
    let rpc_listener = rpc_listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let pubsub_listener = pubsub_listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let rpc_server = axum::serve(rpc_listener, rpc::router(chain.clone()))
        .with_graceful_shutdown(shutdown_signal());
    let pubsub_server = axum::serve(pubsub_listener, pubsub::router(chain))
        .with_graceful_shutdown(shutdown_signal());
    tokio::try_join!(
        async { rpc_server.await.context("JSON-RPC server") },
        async { pubsub_server.await.context("PubSub server") },
    )?;
    Ok(())
}

/// The keypair at `path` (Solana CLI format: a JSON array of 64 bytes), created if absent.
fn load_or_create_keypair(path: &Path) -> anyhow::Result<Pubkey> {
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading keypair {}", path.display()))?;
        let bytes: Vec<u8> = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a JSON array of bytes", path.display()))?;
        let keypair = Keypair::try_from(bytes.as_slice())
            .map_err(|e| anyhow::anyhow!("{} is not a keypair: {e}", path.display()))?;
        return Ok(keypair.pubkey());
    }
    let keypair = Keypair::new();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_string(&keypair.to_bytes().to_vec())?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut file| file.write_all(json.as_bytes()))
        .with_context(|| format!("writing keypair {}", path.display()))?;
    eprintln!(
        "betfun-localnet: created keypair {} ({})",
        path.display(),
        keypair.pubkey()
    );
    Ok(keypair.pubkey())
}

/// Tops `owner` up to `target` lamports with an airdrop.
async fn fund(chain: &ChainHandle, owner: &Pubkey, target: u64) -> anyhow::Result<()> {
    let owner = *owner;
    chain
        .call(move |c| {
            let balance = c.balance(&owner);
            if balance < target {
                c.airdrop(&owner, target - balance).map(|_| ())
            } else {
                Ok(())
            }
        })
        .await?
        .map_err(|e| anyhow::anyhow!("funding {owner}: {e}"))
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return interrupt.await.unwrap_or(()),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    interrupt.await.unwrap_or(());
}
