//! arena-cost: the native cost of each arena instruction, in instructions counted by
//! valgrind's callgrind (deterministic, unlike time). Writes results/arena-cost.{json,md}.
//! See bench/README.md.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{ensure, Context, Result};
use betfun_bench::arena_cost::{self, STEPS};
use betfun_bench::callgrind::{self, Scope};
use betfun_bench::machine::Machine;
use betfun_localnet::programs::new_svm;
use clap::Parser;
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use serde::Serialize;
use solana_transaction::Transaction;

#[derive(Parser)]
#[command(about = "Count the native instructions of each arena instruction with callgrind")]
struct Args {
    /// Run the scenario itself; this is what the benchmark runs under valgrind.
    #[arg(long, hide = true)]
    scenario: bool,
    /// Where arena-cost.json and arena-cost.md go (relative to the repository root, where
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
    instruction: &'static str,
    /// Inside the program (CPIs included).
    program: u64,
    /// The whole transaction in the runtime, signature check excepted.
    transaction: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.scenario {
        return arena_cost::run(&mut new_svm(), measured_transaction);
    }
    let machine = Machine::describe();
    let binary = std::env::current_exe().context("locating this binary")?;
    let work = std::env::temp_dir().join(format!("arena-cost-{}", std::process::id()));
    let mut counts = Vec::new();
    for scope in [Scope::Program, Scope::Transaction] {
        eprintln!("counting {scope:?} instructions under callgrind...");
        let dir = work.join(format!("{scope:?}"));
        let per_step = callgrind::count_spans(
            &binary,
            &["--scenario"],
            "arena_cost::begin_span",
            "arena_cost::measured_transaction",
            scope,
            &dir,
        )?;
        ensure!(
            per_step.len() == STEPS.len(),
            "{} dumps for {} steps",
            per_step.len(),
            STEPS.len()
        );
        counts.push(per_step);
    }
    let _ = std::fs::remove_dir_all(&work);

    let steps = STEPS
        .iter()
        .zip(counts[0].iter().zip(&counts[1]))
        .map(|(&instruction, (&program, &transaction))| Step {
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
    std::fs::write(dir.join("arena-cost.json"), json).context("writing arena-cost.json")?;
    std::fs::write(dir.join("arena-cost.md"), markdown(report)).context("writing arena-cost.md")?;
    println!("{}", markdown(report));
    Ok(())
}

fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut out = String::from("# Arena instructions: native cost\n\n");
    let _ = writeln!(
        out,
        "Instructions counted by {} (callgrind), {}; {}; {}. Counts do not depend on \
         the machine's load.\n",
        report.valgrind, m.cpu, m.rustc, m.date
    );
    let _ = writeln!(
        out,
        "| Instruction | in the program (CPIs included) | whole transaction |\n|---|--:|--:|"
    );
    for step in &report.steps {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            step.instruction,
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
