//! ws-subscribers: many GraphQL subscribers (graphql-transport-ws) on one thread, for the API
//! benchmark's subscriber count (bench/api). Each connection holds one subscription; every
//! message's arrival is timed (wall clock, as the benchmark's confirmation times are) under
//! the first `signature` field in its payload.
//!
//! Protocol with the caller: once every connection is open and subscribed, it prints
//! `READY <connected> <failed>`; when its stdin reaches a line `stop` (or its end) it writes
//! the arrivals as JSON to `--out` and prints `DONE`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use clap::Parser;
use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

use betfun_bench::cpu::Snapshot;

#[derive(Parser)]
#[command(about = "N GraphQL subscribers over graphql-transport-ws, timing every message")]
struct Args {
    /// e.g. ws://127.0.0.1:8000/graphql
    #[arg(long)]
    url: String,
    #[arg(long)]
    connections: usize,
    /// The subscription document.
    #[arg(long)]
    query: String,
    /// Its variables, as a JSON object.
    #[arg(long, default_value = "{}")]
    variables: String,
    /// Connections being opened at once.
    #[arg(long, default_value_t = 64)]
    connect_concurrency: usize,
    /// Where the arrivals go (JSON).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Default, Serialize)]
struct Record {
    connected: usize,
    failed: usize,
    first_failure: Option<String>,
    /// Connections that ended (closed, error message) before the stop.
    ended: usize,
    first_end: Option<String>,
    /// signature -> arrival times, unix nanoseconds, one per subscriber that got it.
    arrivals: HashMap<String, Vec<u128>>,
    /// CPU seconds of this process from READY to the stop, and the seconds between.
    client_cpu_s: f64,
    seconds: f64,
}

fn unix_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn cpu_seconds() -> f64 {
    Snapshot::take(std::process::id())
        .map(|now| now.since(&Snapshot::default()).values().sum())
        .unwrap_or(f64::NAN)
}

/// The first string under a key `signature`, depth first.
fn signature(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) => map
            .get("signature")
            .and_then(Value::as_str)
            .or_else(|| map.values().find_map(signature)),
        Value::Array(items) => items.iter().find_map(signature),
        _ => None,
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects, acknowledges and subscribes.
async fn open(args: &Args, variables: &Value) -> Result<Socket> {
    let mut request = args.url.as_str().into_client_request()?;
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static("graphql-transport-ws"),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .context("connecting")?;
    let init = json!({"type": "connection_init", "payload": {}});
    socket.send(Message::text(init.to_string())).await?;
    loop {
        let message = socket.next().await.context("closed before the ack")??;
        if let Message::Text(text) = message {
            let reply: Value = serde_json::from_str(&text)?;
            anyhow::ensure!(
                reply["type"] == "connection_ack",
                "expected connection_ack, got {text}"
            );
            break;
        }
    }
    let subscribe = json!({
        "id": "1",
        "type": "subscribe",
        "payload": {"query": args.query, "variables": variables},
    });
    socket.send(Message::text(subscribe.to_string())).await?;
    Ok(socket)
}

/// Reads one connection's messages into the record until it ends.
async fn follow(mut socket: Socket, record: Rc<RefCell<Record>>) {
    let end = loop {
        let Some(message) = socket.next().await else {
            break "closed".to_string();
        };
        let arrived = unix_ns();
        let text = match message {
            Ok(Message::Text(text)) => text,
            Ok(Message::Close(frame)) => break format!("close frame {frame:?}"),
            Ok(_) => continue,
            Err(error) => break format!("{error}"),
        };
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        match value["type"].as_str() {
            Some("next") => {
                if let Some(sig) = signature(&value["payload"]) {
                    record
                        .borrow_mut()
                        .arrivals
                        .entry(sig.to_string())
                        .or_default()
                        .push(arrived);
                }
            }
            Some("ping") => {
                let pong = json!({"type": "pong"}).to_string();
                if socket.send(Message::text(pong)).await.is_err() {
                    break "pong failed".to_string();
                }
            }
            Some("error") | Some("complete") => break text.to_string(),
            _ => {}
        }
    };
    let mut record = record.borrow_mut();
    record.ended += 1;
    record.first_end.get_or_insert(end);
}

async fn run(args: Args) -> Result<()> {
    let variables: Value = serde_json::from_str(&args.variables).context("--variables")?;
    let record = Rc::new(RefCell::new(Record::default()));
    let mut opened = futures::stream::iter(0..args.connections)
        .map(|_| open(&args, &variables))
        .buffer_unordered(args.connect_concurrency.max(1));
    while let Some(result) = opened.next().await {
        match result {
            Ok(socket) => {
                record.borrow_mut().connected += 1;
                tokio::task::spawn_local(follow(socket, Rc::clone(&record)));
            }
            Err(error) => {
                let mut record = record.borrow_mut();
                record.failed += 1;
                record.first_failure.get_or_insert(format!("{error:#}"));
            }
        }
    }
    drop(opened);
    let (connected, failed) = {
        let record = record.borrow();
        (record.connected, record.failed)
    };
    println!("READY {connected} {failed}");
    std::io::stdout().flush()?;
    let cpu_before = cpu_seconds();
    let ready = std::time::Instant::now();
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await? {
        if line.trim() == "stop" {
            break;
        }
    }
    {
        let mut record = record.borrow_mut();
        record.client_cpu_s = cpu_seconds() - cpu_before;
        record.seconds = ready.elapsed().as_secs_f64();
        let file = std::fs::File::create(&args.out)
            .with_context(|| format!("creating {}", args.out.display()))?;
        serde_json::to_writer(std::io::BufWriter::new(file), &*record)?;
    }
    println!("DONE");
    std::io::stdout().flush()?;
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    tokio::task::LocalSet::new().block_on(&runtime, run(args))?;
    // The connections are not closed one by one: the process ends with them.
    std::process::exit(0)
}
