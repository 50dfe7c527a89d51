//! arena-cost: the native cost of each arena instruction, in instructions counted by
//! valgrind's callgrind (deterministic, unlike time). Writes results/arena-cost.{json,md}.
//! See bench/README.md.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use betfun_bench::arena_cost::{self, STEPS};
use betfun_bench::callgrind;
use betfun_bench::machine::Machine;
use betfun_localnet::programs::new_svm;
use clap::Parser;
use serde::Serialize;

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
        return arena_cost::run(&mut new_svm(), callgrind::measured_transaction);
    }
    let machine = Machine::describe();
    let counts = callgrind::count_scenario("arena-cost", STEPS.len())?;

    let steps = STEPS
        .iter()
        .zip(counts)
        .map(|(&instruction, (program, transaction))| Step {
            instruction,
            program,
            transaction,
        })
        .collect();
    let report = Report {
        machine,
        valgrind: callgrind::valgrind_version(),
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
            callgrind::thousands(step.program),
            callgrind::thousands(step.transaction)
        );
    }
    out
}
