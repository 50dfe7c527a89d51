//! http-load: the HTTP load generator of the API benchmark (bench/api). One thread, HTTP/1.1
//! keep-alive connections, so that the load it offers is not limited by the client.
//!
//! Three modes, each printing one JSON object on stdout:
//!
//! - open loop (`--rate R`): request *i* is due at `start + i / R` whatever the answers; the
//!   connections share the schedule (connection *k* sends requests k, k + C, k + 2C, ...), a
//!   connection that is behind sends at once, and latency is counted from the due time, so a
//!   slow server is charged with the wait it causes (no coordinated omission);
//! - closed loop (no `--rate`): each connection sends its next request as soon as the last
//!   one is answered, for `--duration`: the saturation throughput;
//! - burst (`--bodies FILE`): every line of FILE POSTed once, by all connections as fast as
//!   they go (the transactions of the indexer's ingest burst).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{header, Method, Request};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpStream;

use betfun_bench::cpu::Snapshot;

/// An answer slower than this counts as an error (and its connection is reopened).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// An open-loop run stops sending this long after its scheduled end, however far behind.
const DRAIN_LIMIT: Duration = Duration::from_secs(10);

#[derive(Parser)]
#[command(about = "Open- and closed-loop HTTP load for the API benchmark")]
struct Args {
    /// The server, e.g. 127.0.0.1:8000.
    #[arg(long)]
    addr: SocketAddr,
    /// The request path.
    #[arg(long, default_value = "/")]
    path: String,
    /// A JSON body: the requests are POSTs with it (GET without).
    #[arg(long)]
    body: Option<String>,
    /// A file of JSON bodies, one per line, each POSTed once (burst mode).
    #[arg(long)]
    bodies: Option<PathBuf>,
    /// Requests per second offered (open loop); without it, a closed loop.
    #[arg(long)]
    rate: Option<f64>,
    /// HTTP/1.1 connections.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Measured time.
    #[arg(long, default_value = "10s", value_parser = humantime::parse_duration)]
    duration: Duration,
    /// Unmeasured load first, the same as the measured one.
    #[arg(long, default_value = "2s", value_parser = humantime::parse_duration)]
    warmup: Duration,
    /// A response body containing this string counts as an error.
    #[arg(long)]
    reject: Option<String>,
}

#[derive(Serialize)]
struct Outcome {
    mode: &'static str,
    offered_rate: Option<f64>,
    connections: usize,
    seconds: f64,
    completed: usize,
    errors: usize,
    /// Open loop: requests due in the run that were never sent (the client gave up).
    unsent: usize,
    throughput: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    mean_ms: f64,
    /// CPU seconds of this process during the measured run, and per second of it.
    client_cpu_s: f64,
    client_cpu_share: f64,
    started_unix_ns: u128,
    finished_unix_ns: u128,
    first_error: Option<String>,
}

struct Target {
    addr: SocketAddr,
    path: String,
    host: String,
    reject: Option<String>,
}

struct Connection {
    sender: SendRequest<Full<Bytes>>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP handshake")?;
        tokio::task::spawn_local(connection);
        Ok(Connection { sender })
    }
}

/// One request and its answer; an error when it failed, was not a 200, or was rejected.
async fn exchange(
    slot: &mut Option<Connection>,
    target: &Target,
    body: Option<&Bytes>,
) -> Result<()> {
    if slot.as_ref().is_none_or(|c| c.sender.is_closed()) {
        *slot = Some(Connection::open(target.addr).await?);
    }
    let connection = slot.as_mut().expect("opened above");
    let mut request = Request::builder()
        .uri(&target.path)
        .header(header::HOST, &target.host);
    request = match body {
        Some(_) => request
            .method(Method::POST)
            .header(header::CONTENT_TYPE, "application/json"),
        None => request.method(Method::GET),
    };
    let request = request.body(Full::new(body.cloned().unwrap_or_default()))?;
    let result = tokio::time::timeout(REQUEST_TIMEOUT, async {
        connection.sender.ready().await?;
        let response = connection.sender.send_request(request).await?;
        let status = response.status();
        let bytes = response.into_body().collect().await?.to_bytes();
        anyhow::Ok((status, bytes))
    })
    .await;
    let (status, bytes) = match result {
        Ok(Ok(answer)) => answer,
        Ok(Err(error)) => {
            *slot = None;
            return Err(error);
        }
        Err(_) => {
            *slot = None;
            anyhow::bail!("no answer within {REQUEST_TIMEOUT:?}");
        }
    };
    anyhow::ensure!(
        status.is_success(),
        "status {status}: {}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
    );
    if let Some(reject) = &target.reject {
        if let Some(text) = std::str::from_utf8(&bytes)
            .ok()
            .filter(|t| t.contains(reject))
        {
            anyhow::bail!("rejected answer: {}", &text[..text.len().min(300)]);
        }
    }
    Ok(())
}

#[derive(Default)]
struct Samples {
    latencies: Vec<Duration>,
    errors: usize,
    unsent: usize,
    first_error: Option<String>,
}

impl Samples {
    fn record(&mut self, result: Result<()>, latency: Duration) {
        match result {
            Ok(()) => self.latencies.push(latency),
            Err(error) => {
                self.errors += 1;
                self.first_error.get_or_insert_with(|| format!("{error:#}"));
            }
        }
    }

    fn merge(&mut self, other: Samples) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        self.unsent += other.unsent;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

/// An open loop's schedule: request `i` is due at `start + i / rate`, until `duration`.
#[derive(Clone, Copy)]
struct Schedule {
    start: Instant,
    rate: f64,
    duration: Duration,
}

/// One connection's share of an open-loop schedule: requests `first`, `first + step`, ...
async fn open_loop_worker(
    mut slot: Option<Connection>,
    target: Rc<Target>,
    body: Option<Bytes>,
    schedule: Schedule,
    first: usize,
    step: usize,
) -> (Option<Connection>, Samples) {
    let Schedule {
        start,
        rate,
        duration,
    } = schedule;
    let mut samples = Samples::default();
    let mut i = first;
    loop {
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        if due >= start + duration {
            break;
        }
        if Instant::now() > start + duration + DRAIN_LIMIT {
            samples.unsent += 1;
            i += step;
            continue;
        }
        tokio::time::sleep_until(due.into()).await;
        let result = exchange(&mut slot, &target, body.as_ref()).await;
        samples.record(result, due.elapsed());
        i += step;
    }
    (slot, samples)
}

/// One connection of a closed loop: requests back to back until `end`.
async fn closed_loop_worker(
    mut slot: Option<Connection>,
    target: Rc<Target>,
    body: Option<Bytes>,
    end: Instant,
) -> (Option<Connection>, Samples) {
    let mut samples = Samples::default();
    while Instant::now() < end {
        let sent = Instant::now();
        let result = exchange(&mut slot, &target, body.as_ref()).await;
        samples.record(result, sent.elapsed());
    }
    (slot, samples)
}

/// One connection of a burst: the next unsent body until none is left.
async fn burst_worker(
    mut slot: Option<Connection>,
    target: Rc<Target>,
    bodies: Rc<Vec<Bytes>>,
    next: Rc<AtomicUsize>,
) -> (Option<Connection>, Samples) {
    let mut samples = Samples::default();
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(body) = bodies.get(i) else { break };
        let sent = Instant::now();
        let result = exchange(&mut slot, &target, Some(body)).await;
        samples.record(result, sent.elapsed());
    }
    (slot, samples)
}

/// Runs one phase on every connection; the connections back and the samples merged.
async fn phase(
    args: &Args,
    slots: Vec<Option<Connection>>,
    target: &Rc<Target>,
    body: &Option<Bytes>,
    bodies: &Option<Rc<Vec<Bytes>>>,
    duration: Duration,
) -> (Vec<Option<Connection>>, Samples) {
    let start = Instant::now();
    let count = slots.len();
    let next = Rc::new(AtomicUsize::new(0));
    let handles: Vec<_> = slots
        .into_iter()
        .enumerate()
        .map(|(k, slot)| {
            let target = Rc::clone(target);
            let body = body.clone();
            let next = Rc::clone(&next);
            let bodies = bodies.clone();
            let rate = args.rate;
            tokio::task::spawn_local(async move {
                match (bodies, rate) {
                    (Some(bodies), _) => burst_worker(slot, target, bodies, next).await,
                    (None, Some(rate)) => {
                        let schedule = Schedule {
                            start,
                            rate,
                            duration,
                        };
                        open_loop_worker(slot, target, body, schedule, k, count).await
                    }
                    (None, None) => closed_loop_worker(slot, target, body, start + duration).await,
                }
            })
        })
        .collect();
    let mut slots = Vec::with_capacity(count);
    let mut samples = Samples::default();
    for handle in handles {
        let (slot, part) = handle.await.expect("a load worker panicked");
        slots.push(slot);
        samples.merge(part);
    }
    (slots, samples)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1e3
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

async fn run(args: Args) -> Result<Outcome> {
    let target = Rc::new(Target {
        addr: args.addr,
        path: args.path.clone(),
        host: args.addr.to_string(),
        reject: args.reject.clone(),
    });
    let body = args.body.clone().map(Bytes::from);
    let bodies = match &args.bodies {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let lines: Vec<Bytes> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| Bytes::from(l.to_string()))
                .collect();
            Some(Rc::new(lines))
        }
        None => None,
    };
    let mut slots = Vec::with_capacity(args.connections);
    for _ in 0..args.connections {
        slots.push(Some(Connection::open(args.addr).await?));
    }
    if bodies.is_none() && !args.warmup.is_zero() {
        (slots, _) = phase(&args, slots, &target, &body, &None, args.warmup).await;
    }
    let cpu_before = cpu_seconds();
    let started_unix_ns = unix_ns();
    let started = Instant::now();
    let (_, mut samples) = phase(&args, slots, &target, &body, &bodies, args.duration).await;
    let seconds = started.elapsed().as_secs_f64();
    let finished_unix_ns = unix_ns();
    let client_cpu_s = cpu_seconds() - cpu_before;
    samples.latencies.sort_unstable();
    let sorted = &samples.latencies;
    let mean_ms = if sorted.is_empty() {
        f64::NAN
    } else {
        sorted.iter().map(Duration::as_secs_f64).sum::<f64>() * 1e3 / sorted.len() as f64
    };
    // An open loop's throughput is over its scheduled duration, unless it ran late.
    let measured = match (&bodies, args.rate) {
        (None, Some(_)) => seconds.max(args.duration.as_secs_f64()),
        _ => seconds,
    };
    Ok(Outcome {
        mode: match (&bodies, args.rate) {
            (Some(_), _) => "burst",
            (None, Some(_)) => "open",
            (None, None) => "closed",
        },
        offered_rate: args.rate,
        connections: args.connections,
        seconds,
        completed: sorted.len(),
        errors: samples.errors,
        unsent: samples.unsent,
        throughput: sorted.len() as f64 / measured,
        p50_ms: percentile(sorted, 50.0),
        p95_ms: percentile(sorted, 95.0),
        p99_ms: percentile(sorted, 99.0),
        max_ms: sorted.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1e3),
        mean_ms,
        client_cpu_s,
        client_cpu_share: client_cpu_s / seconds,
        started_unix_ns,
        finished_unix_ns,
        first_error: samples.first_error,
    })
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let outcome = tokio::task::LocalSet::new().block_on(&runtime, run(args))?;
    println!("{}", serde_json::to_string(&outcome)?);
    Ok(())
}
