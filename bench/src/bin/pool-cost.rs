//! pool-cost: the native cost of the pool's buy and sell for 2, 4 and 8 outcomes, in
//! instructions counted by valgrind's callgrind (deterministic, unlike time). Writes
//! results/pool-cost.{json,md}.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use betfun_bench::callgrind;
use betfun_bench::machine::Machine;
use betfun_bench::pool_cost;
use betfun_localnet::programs::new_svm;
use clap::Parser;
use serde::Serialize;

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
        return pool_cost::run(&mut new_svm(), callgrind::measured_transaction);
    }
    let machine = Machine::describe();
    let steps = pool_cost::steps();
    let counts = callgrind::count_scenario("pool-cost", steps.len())?;

    let steps = steps
        .into_iter()
        .zip(counts)
        .map(|((outcomes, instruction), (program, transaction))| Step {
            outcomes,
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
            callgrind::thousands(step.program),
            callgrind::thousands(step.transaction)
        );
    }
    out
}
