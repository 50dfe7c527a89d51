//! matching-bench: the order book's matching engine without the SVM, orders and fills per
//! second on a deep book, median of several timed repetitions. Writes
//! results/matching.{json,md}.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use betfun_bench::machine::Machine;
use betfun_bench::matching_bench::{self, BACKGROUND_DEPTH, FILLS_PER_TAKER};
use clap::Parser;
use serde::Serialize;

#[derive(Parser)]
#[command(about = "Time the order book's matching engine on a deep book")]
struct Args {
    /// Timed repetitions; the median is reported.
    #[arg(long, default_value_t = 9)]
    repetitions: usize,
    /// Cycles per repetition: the maker posts 16 asks, the taker's bid sweeps them.
    #[arg(long, default_value_t = 200_000)]
    cycles: u64,
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
}

#[derive(Serialize)]
struct Report {
    machine: Machine,
    background_depth_per_side: usize,
    fills_per_taker_order: u64,
    cycles_per_repetition: u64,
    repetitions: Vec<Repetition>,
    median_orders_per_second: f64,
    median_fills_per_second: f64,
    median_nanoseconds_per_order: f64,
}

#[derive(Serialize)]
struct Repetition {
    orders: u64,
    fills: u64,
    seconds: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() -> Result<()> {
    let args = Args::parse();
    let machine = Machine::describe();
    // One untimed warm-up.
    matching_bench::sample(args.cycles / 10 + 1)?;
    let mut repetitions = Vec::new();
    for _ in 0..args.repetitions.max(1) {
        let sample = matching_bench::sample(args.cycles)?;
        repetitions.push(Repetition {
            orders: sample.orders,
            fills: sample.fills,
            seconds: sample.elapsed.as_secs_f64(),
        });
    }
    let orders = median(
        repetitions
            .iter()
            .map(|r| r.orders as f64 / r.seconds)
            .collect(),
    );
    let fills = median(
        repetitions
            .iter()
            .map(|r| r.fills as f64 / r.seconds)
            .collect(),
    );
    let report = Report {
        machine,
        background_depth_per_side: BACKGROUND_DEPTH,
        fills_per_taker_order: FILLS_PER_TAKER,
        cycles_per_repetition: args.cycles,
        repetitions,
        median_orders_per_second: orders.round(),
        median_fills_per_second: fills.round(),
        median_nanoseconds_per_order: (1e9 / orders).round(),
    };
    std::fs::create_dir_all(&args.out)?;
    let json = serde_json::to_string_pretty(&report)? + "\n";
    std::fs::write(args.out.join("matching.json"), json).context("writing matching.json")?;
    let md = markdown(&report);
    std::fs::write(args.out.join("matching.md"), &md).context("writing matching.md")?;
    println!("{md}");
    Ok(())
}

fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut out = String::from("# Order book: native matching throughput\n\n");
    let _ = writeln!(
        out,
        "The matching engine of programs/orderbook (`matching`, `book`, `seats`) called \
         directly, without the SVM, accounts or token transfers; one thread. The book holds \
         {} resting orders per side behind the touch; each cycle a maker posts {} asks and a \
         taker's immediate-or-cancel bid fills all {} ({} orders, {} fills per cycle), {} \
         cycles per repetition, median of {} repetitions (one untimed warm-up before). Timed \
         with std::time::Instant; other work on the machine (see the load average) slows it.\n",
        report.background_depth_per_side,
        report.fills_per_taker_order,
        report.fills_per_taker_order,
        report.fills_per_taker_order + 1,
        report.fills_per_taker_order,
        report.cycles_per_repetition,
        report.repetitions.len()
    );
    let _ = writeln!(
        out,
        "Machine: {}, {} cores, {} GiB, {}; {}; {}; load average {}.\n",
        m.cpu, m.cores, m.memory_gib, m.os, m.rustc, m.date, m.load_average
    );
    let _ = writeln!(out, "| Measure | Median |\n|---|--:|");
    let _ = writeln!(
        out,
        "| orders per second | {} |",
        thousands(report.median_orders_per_second)
    );
    let _ = writeln!(
        out,
        "| fills per second | {} |",
        thousands(report.median_fills_per_second)
    );
    let _ = writeln!(
        out,
        "| nanoseconds per order | {} |",
        thousands(report.median_nanoseconds_per_order)
    );
    out
}

fn thousands(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
