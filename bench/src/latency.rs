//! Latency from `sendTransaction` to the `accountSubscribe` notification of the account it
//! changed, at a WebSocket client.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{json, Value};
use solana_pubkey::Pubkey;
use solana_rent::Rent;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::rpc::{self, Connection};
use crate::workload::Accounts;

/// How long one sample may wait for its notification before it counts as lost.
const SAMPLE_TIMEOUT: Duration = Duration::from_secs(2);

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The distribution of the samples, in milliseconds.
#[derive(Clone, Debug, Serialize)]
pub struct Latency {
    pub commitment: String,
    pub samples: usize,
    /// Samples whose notification did not arrive within the sample timeout.
    pub lost: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

/// Subscribes to a fresh account, then `samples` times sends one transfer to it and times the
/// notification that shows the new balance.
pub async fn measure(
    rpc: &mut Connection,
    ws_url: &str,
    accounts: &Accounts,
    samples: usize,
    commitment: &str,
) -> Result<Latency> {
    let (mut socket, _) = tokio_tungstenite::connect_async(ws_url)
        .await
        .with_context(|| format!("connecting to {ws_url}"))?;
    let receiver = Pubkey::new_unique();
    let subscription = subscribe(&mut socket, &receiver, commitment).await?;

    let blockhash = rpc.latest_blockhash().await?;
    // The first transfer makes the account rent-exempt; each later one adds a lamport more.
    let first = Rent::default().minimum_balance(0);
    let mut balance = 0;
    let mut times = Vec::with_capacity(samples);
    let mut lost = 0;
    for i in 0..samples {
        let lamports = if i == 0 { first } else { i as u64 };
        balance += lamports;
        let tx = accounts.transfer_to(i, &receiver, lamports, blockhash);
        let body = rpc::send_transaction_body(&tx, false)?;
        let start = Instant::now();
        let notified = tokio::time::timeout(
            SAMPLE_TIMEOUT,
            notification(&mut socket, subscription, balance),
        );
        let (sent, notified) = tokio::join!(rpc.post(body), notified);
        sent.with_context(|| format!("sending latency sample {i}"))?;
        match notified {
            Ok(arrived) => times.push(arrived?.duration_since(start)),
            Err(_) => lost += 1,
        }
    }
    Ok(summarize(times, lost, commitment))
}

/// Sends `accountSubscribe` and returns the subscription id.
async fn subscribe(socket: &mut Socket, account: &Pubkey, commitment: &str) -> Result<u64> {
    let request = json!({
        "jsonrpc": "2.0", "id": 1, "method": "accountSubscribe",
        "params": [account.to_string(), {"encoding": "base64", "commitment": commitment}],
    });
    socket
        .send(Message::text(request.to_string()))
        .await
        .context("sending accountSubscribe")?;
    loop {
        let message = next_json(socket).await?;
        if message["id"] == 1 {
            return message["result"]
                .as_u64()
                .ok_or_else(|| anyhow!("accountSubscribe answered {message}"));
        }
    }
}

/// Waits for the notification of `subscription` that shows `lamports`; returns when it came.
async fn notification(socket: &mut Socket, subscription: u64, lamports: u64) -> Result<Instant> {
    loop {
        let message = next_json(socket).await?;
        let params = &message["params"];
        if message["method"] == "accountNotification"
            && params["subscription"] == subscription
            && params["result"]["value"]["lamports"] == lamports
        {
            return Ok(Instant::now());
        }
    }
}

/// The next text message, parsed (pings are answered by the socket itself).
async fn next_json(socket: &mut Socket) -> Result<Value> {
    loop {
        let message = socket
            .next()
            .await
            .ok_or_else(|| anyhow!("the PubSub server closed the connection"))?
            .context("reading from the PubSub server")?;
        match message {
            Message::Text(text) => {
                return serde_json::from_str(&text)
                    .with_context(|| format!("PubSub sent invalid JSON: {}", text.as_str()))
            }
            Message::Close(frame) => bail!("the PubSub server closed the connection: {frame:?}"),
            _ => {}
        }
    }
}

fn summarize(mut times: Vec<Duration>, lost: usize, commitment: &str) -> Latency {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    // Nearest-rank percentile.
    let percentile = |p: f64| {
        if times.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * times.len() as f64).ceil() as usize;
        ms(times[rank.clamp(1, times.len()) - 1])
    };
    let mean = if times.is_empty() {
        f64::NAN
    } else {
        times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64
    };
    Latency {
        commitment: commitment.to_string(),
        samples: times.len() + lost,
        lost,
        p50_ms: percentile(50.0),
        p90_ms: percentile(90.0),
        p99_ms: percentile(99.0),
        max_ms: times.last().map_or(f64::NAN, |&d| ms(d)),
        mean_ms: mean,
    }
}
