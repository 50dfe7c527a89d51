//! Starts the `betfun-localnet` binary on free ports with a temporary ledger, and stops it.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use solana_keypair::Keypair;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdout, Command};

/// How long the localnet may take to print its URLs.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running localnet; killed when dropped, and its directory removed by `stop`.
pub struct Localnet {
    child: Child,
    dir: PathBuf,
    pub pid: u32,
    pub rpc: SocketAddr,
    pub ws_url: String,
}

impl Localnet {
    /// Starts `binary` with a fresh ledger, funding `payer` at genesis.
    pub async fn start(binary: &Path, payer: &Keypair) -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("betfun-bench-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing a stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let keypair_path = dir.join("payer.json");
        let keypair_json = serde_json::to_string(&payer.to_bytes().to_vec())?;
        std::fs::write(&keypair_path, keypair_json)
            .with_context(|| format!("writing {}", keypair_path.display()))?;
        let log_path = dir.join("localnet.log");
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("creating {}", log_path.display()))?;

        let port = free_port_pair()?;
        let mut child = Command::new(binary)
            .arg("--rpc-port")
            .arg(port.to_string())
            .arg("--bind")
            .arg("127.0.0.1")
            .arg("--ledger")
            .arg(dir.join("ledger"))
            .arg("--reset")
            .arg("--keypair")
            .arg(&keypair_path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log.try_clone().context("sharing the log file")?)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let pid = child.id().context("the localnet exited at once")?;
        let stdout = child.stdout.take().context("the localnet's stdout")?;
        let urls = tokio::time::timeout(START_TIMEOUT, read_urls(stdout, log)).await;
        let (rpc_url, ws_url) = match urls {
            Ok(Ok(urls)) => urls,
            Ok(Err(e)) => bail!("{e:#} (log: {})", log_path.display()),
            Err(_) => bail!(
                "the localnet did not print its URLs within {START_TIMEOUT:?} (log: {})",
                log_path.display()
            ),
        };
        let rpc = rpc_url
            .strip_prefix("http://")
            .and_then(|addr| addr.trim_end_matches('/').parse().ok())
            .ok_or_else(|| anyhow!("unexpected RPC URL {rpc_url}"))?;
        Ok(Localnet {
            child,
            dir,
            pid,
            rpc,
            ws_url,
        })
    }

    /// Kills the localnet and removes its ledger.
    pub async fn stop(mut self) -> Result<()> {
        self.child.kill().await.context("stopping the localnet")?;
        std::fs::remove_dir_all(&self.dir)
            .with_context(|| format!("removing {}", self.dir.display()))
    }
}

/// Reads the localnet's stdout until it prints both URLs, then keeps copying it to `log` in the
/// background (so the pipe never fills).
async fn read_urls(stdout: ChildStdout, log: std::fs::File) -> Result<(String, String)> {
    let mut log = tokio::fs::File::from_std(log);
    let mut lines = BufReader::new(stdout).lines();
    let (mut rpc, mut ws) = (None, None);
    let urls = loop {
        if let (Some(rpc), Some(ws)) = (&rpc, &ws) {
            break (String::clone(rpc), String::clone(ws));
        }
        let line = lines
            .next_line()
            .await
            .context("reading the localnet's output")?
            .ok_or_else(|| anyhow!("the localnet exited before printing its URLs"))?;
        log.write_all(format!("{line}\n").as_bytes()).await?;
        if let Some(url) = line.trim().strip_prefix("RPC URL:") {
            rpc = Some(url.trim().to_string());
        } else if let Some(url) = line.trim().strip_prefix("WebSocket URL:") {
            ws = Some(url.trim().to_string());
        }
    };
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            if log.write_all(format!("{line}\n").as_bytes()).await.is_err() {
                break;
            }
        }
    });
    Ok(urls)
}

/// A port P on 127.0.0.1 such that P and P+1 (PubSub) are both free right now.
fn free_port_pair() -> Result<u16> {
    for _ in 0..50 {
        let first = TcpListener::bind("127.0.0.1:0").context("binding a probe port")?;
        let port = first.local_addr()?.port();
        if port < u16::MAX && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return Ok(port);
        }
    }
    bail!("found no two consecutive free ports")
}
