//! pool-cost: the native cost of the pool's buy and sell for 2, 4 and 8 outcomes, in
//! instructions counted by valgrind's callgrind (deterministic, unlike time). Writes
//! results/pool-cost.{json,md}.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{ensure, Context, Result};
use betfun_bench::callgrind::{self, Scope};
use betfun_bench::machine::Machine;
use betfun_bench::pool_cost;
use betfun_localnet::programs::new_svm;
use clap::Parser;
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use serde::Serialize;
use solana_transaction::Transaction;

#[derive(Parser)]
#[command(about = "Count the native instructions of the pool's buy and sell with callgrind")]
struct Args {
    /// Run the scenario itself; this is what the benchmark runs under valgrind.
    #[arg(long, hide = true)]
    scenario: bool,
    /// Where pool-cost.json and pool-cost.md go (relative to the repository root, where
    /// `make bench` runs).
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
}

/// Measured steps run through this. Callgrind dumps its counters when `begin_span` returns
/// and again when this returns: the second dump is the transaction's cost.
#[inline(never)]
#[allow(clippy::result_large_err)] // litesvm's result type, passed through
fn measured_transaction(svm: &mut LiteSVM, tx: Transaction) -> TransactionResult {
    begin_span();
    std::hint::black_box(svm.send_transaction(tx))
}

#[inline(never)]
fn begin_span() {
    std::hint::black_box(());
}

#[derive(Serialize)]
struct Report {
    machine: Machine,
    valgrind: String,
    steps: Vec<Step>,
}

#[derive(Serialize)]
struct Step {
    outcomes: u8,
    instruction: &'static str,
    /// Inside the program (CPIs included).
    program: u64,
    /// The whole transaction in the runtime, signature check excepted.
    transaction: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.scenario {
        return pool_cost::run(&mut new_svm(), measured_transaction);
    }
    let machine = Machine::describe();
    let steps = pool_cost::steps();
    let binary = std::env::current_exe().context("locating this binary")?;
    let work = std::env::temp_dir().join(format!("pool-cost-{}", std::process::id()));
    let mut counts = Vec::new();
    for scope in [Scope::Program, Scope::Transaction] {
        eprintln!("counting {scope:?} instructions under callgrind...");
        let dir = work.join(format!("{scope:?}"));
        let per_step = callgrind::count_spans(
            &binary,
            &["--scenario"],
            "pool_cost::begin_span",
            "pool_cost::measured_transaction",
            scope,
            &dir,
        )?;
        ensure!(
            per_step.len() == steps.len(),
            "{} dumps for {} steps",
            per_step.len(),
            steps.len()
        );
        counts.push(per_step);
    }
    let _ = std::fs::remove_dir_all(&work);

    let steps = steps
        .into_iter()
        .zip(counts[0].iter().zip(&counts[1]))
        .map(|((outcomes, instruction), (&program, &transaction))| Step {
            outcomes,
            instruction,
            program,
            transaction,
        })
        .collect();
    let report = Report {
        machine,
        valgrind: valgrind_version(),
        steps,
    };
    write(&report, &args.out)
}

fn write(report: &Report, dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let json = serde_json::to_string_pretty(report)? + "\n";
    std::fs::write(dir.join("pool-cost.json"), json).context("writing pool-cost.json")?;
    std::fs::write(dir.join("pool-cost.md"), markdown(report)).context("writing pool-cost.md")?;
    println!("{}", markdown(report));
    Ok(())
}

fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut out = String::from("# Pool: native cost of buy and sell\n\n");
    let _ = writeln!(
        out,
        "Instructions counted by {} (callgrind), {}; {}; {}. Counts do not depend on \
         the machine's load. Each pool holds 10,000 of each outcome token at even odds; the \
         buy spends 100 collateral on outcome 0, the sell then takes 50 collateral out of it. \
         Both go through the arena's split or merge by CPI, which touch every outcome.\n",
        report.valgrind, m.cpu, m.rustc, m.date
    );
    let _ = writeln!(
        out,
        "| Instruction | Outcomes | in the program (CPIs included) | whole transaction |\n\
         |---|--:|--:|--:|"
    );
    for step in &report.steps {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            step.instruction,
            step.outcomes,
            thousands(step.program),
            thousands(step.transaction)
        );
    }
    out
}

fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn valgrind_version() -> String {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_else(|_| "valgrind".into())
}
