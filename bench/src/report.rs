//! The figures of a run, written as JSON and as a markdown table.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::latency::Latency;
use crate::machine::Machine;
use crate::throughput::Outcome;
use crate::workload::Kind;

/// Targets the figures are held against.
pub const TARGET_RATIO: f64 = 0.5;
pub const TARGET_P99_MS: f64 = 20.0;
pub const TARGET_PLACE_BET_TPS: f64 = 1_000.0;
pub const TARGET_PLACE_ORDER_TPS: f64 = 1_000.0;

/// The transactions per second over RPC a kind is held to, if any.
fn target_tps(kind: Kind) -> Option<f64> {
    match kind {
        Kind::PlaceBet => Some(TARGET_PLACE_BET_TPS),
        Kind::PlaceOrder => Some(TARGET_PLACE_ORDER_TPS),
        Kind::Sol | Kind::Spl | Kind::PoolBuy => None,
    }
}

#[derive(Serialize)]
pub struct Report {
    pub machine: Machine,
    pub config: Config,
    pub throughput: Vec<Row>,
    pub latency: Latency,
}

/// The parameters of the run.
#[derive(Serialize)]
pub struct Config {
    pub transactions: usize,
    pub warmup: usize,
    pub senders: usize,
    pub concurrency: Vec<usize>,
    pub preflight: bool,
    pub client_threads: usize,
    pub latency_samples: usize,
    pub localnet: String,
}

/// How a batch of transactions was processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Each transaction's signatures verified, then `svm.send_transaction`, in one thread: the
    /// baseline, the work LiteSVM does by default and a validator cannot skip.
    InProcess,
    /// The same without the signature check (`new_svm()` leaves it to the localnet): the
    /// runtime's execution alone, for reference.
    InProcessUnverified,
    /// `sendTransaction` to the localnet by concurrent clients.
    Rpc,
}

impl Route {
    fn label(self) -> &'static str {
        match self {
            Route::InProcess => "in-process (baseline)",
            Route::InProcessUnverified => "in-process, signatures unchecked",
            Route::Rpc => "RPC sendTransaction",
        }
    }
}

#[derive(Serialize)]
pub struct Row {
    pub kind: Kind,
    pub route: Route,
    /// Concurrent connections (RPC only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
    pub tps: f64,
    /// This row's TPS over the in-process baseline's for the same kind.
    pub ratio: f64,
    /// This row's TPS over in-process execution without the signature check.
    pub ratio_unverified: f64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Report {
    pub fn write(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let json = dir.join("localnet.json");
        let text = serde_json::to_string_pretty(self)? + "\n";
        std::fs::write(&json, text).with_context(|| format!("writing {}", json.display()))?;
        let markdown = dir.join("localnet.md");
        std::fs::write(&markdown, self.markdown())
            .with_context(|| format!("writing {}", markdown.display()))
    }

    pub fn markdown(&self) -> String {
        let m = &self.machine;
        let c = &self.config;
        let mut out = String::new();
        let _ = writeln!(out, "# Localnet benchmark\n");
        let _ = writeln!(
            out,
            "{}, {} cores, {} GiB; {}; {}; {} (load average {} before the run).\n",
            m.cpu, m.cores, m.memory_gib, m.os, m.rustc, m.date, m.load_average
        );
        let _ = writeln!(
            out,
            "{} transactions per batch from {} senders (after {} unmeasured), preflight {}, \
             {} client thread(s) sharing the machine with the localnet.\n",
            c.transactions,
            c.senders,
            c.warmup,
            if c.preflight { "on" } else { "off" },
            c.client_threads,
        );
        let _ = writeln!(out, "## Throughput\n");
        let _ = writeln!(
            out,
            "| Transaction | Route | Clients | Succeeded | Seconds | TPS | vs in-process \
             | vs execution alone | Failures |"
        );
        let _ = writeln!(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|");
        for row in &self.throughput {
            let o = &row.outcome;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {}/{} | {:.3} | {:.0} | {:.0}% | {:.0}% | {} |",
                row.kind.label(),
                row.route.label(),
                row.concurrency.map_or("1".into(), |n| n.to_string()),
                o.succeeded,
                o.transactions,
                o.seconds,
                row.tps,
                row.ratio * 100.0,
                row.ratio_unverified * 100.0,
                failures(o),
            );
        }
        let _ = writeln!(out, "\n## Where the CPU time of the RPC batches went\n");
        let _ = writeln!(
            out,
            "| Transaction | Clients | localnet µs/tx | busiest localnet thread (busy) \
             | client µs/tx | machine busy | other processes µs/tx |"
        );
        let _ = writeln!(out, "|---|--:|--:|---|--:|--:|--:|");
        for row in &self.throughput {
            let (Some(cpu), Some(clients)) = (&row.outcome.cpu, row.concurrency) else {
                continue;
            };
            let per_tx = |seconds: f64| seconds * 1e6 / row.outcome.transactions as f64;
            let busiest = cpu.busiest().map_or("-".into(), |(name, seconds)| {
                format!("{name} ({:.0}%)", seconds / row.outcome.seconds * 100.0)
            });
            let machine = cpu.machine_busy * m.cores as f64 * row.outcome.seconds;
            let _ = writeln!(
                out,
                "| {} | {clients} | {:.0} | {busiest} | {:.0} | {:.0}% | {:.0} |",
                row.kind.label(),
                per_tx(cpu.localnet_total()),
                per_tx(cpu.client),
                cpu.machine_busy * 100.0,
                per_tx((machine - cpu.localnet_total() - cpu.client).max(0.0)),
            );
        }
        let l = &self.latency;
        let _ = writeln!(out, "\n## sendTransaction → accountNotification\n");
        let _ = writeln!(
            out,
            "| Commitment | Samples | Lost | p50 ms | p90 ms | p99 ms | max ms | mean ms |"
        );
        let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            l.commitment, l.samples, l.lost, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms, l.mean_ms
        );
        let _ = writeln!(out, "\n## Targets\n");
        for row in self.throughput.iter().filter(|r| r.route == Route::Rpc) {
            let _ = writeln!(
                out,
                "- {} over RPC with {} clients ≥ {:.0}% of in-process: {:.0}%, {}",
                row.kind.label(),
                row.concurrency.unwrap_or(1),
                TARGET_RATIO * 100.0,
                row.ratio * 100.0,
                verdict(row.ratio >= TARGET_RATIO),
            );
        }
        for row in self.throughput.iter().filter(|r| r.route == Route::Rpc) {
            let Some(target) = target_tps(row.kind) else {
                continue;
            };
            let _ = writeln!(
                out,
                "- {} over RPC with {} clients ≥ {target:.0} per second: {:.0}, {}",
                row.kind.label(),
                row.concurrency.unwrap_or(1),
                row.tps,
                verdict(row.tps >= target),
            );
        }
        let _ = writeln!(
            out,
            "- notification p99 < {TARGET_P99_MS} ms: {:.2} ms, {}",
            l.p99_ms,
            verdict(l.p99_ms < TARGET_P99_MS && l.lost == 0),
        );
        out
    }
}

fn failures(o: &Outcome) -> String {
    let parts = [
        (o.rejected, "rejected"),
        (o.failed, "failed"),
        (o.missing, "missing"),
    ];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if text.is_empty() {
        "0".into()
    } else {
        text.join(", ")
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**not met**"
    }
}
