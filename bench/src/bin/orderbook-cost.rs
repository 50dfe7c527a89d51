//! orderbook-cost: the native cost of the order book's place_order as a function of fills, on
//! books of several depths, and of deposit and cancel, in instructions counted by valgrind's
//! callgrind (deterministic, unlike time). Writes results/orderbook-cost.{json,md}.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use betfun_bench::callgrind;
use betfun_bench::machine::Machine;
use betfun_bench::orderbook_cost;
use betfun_localnet::programs::new_svm;
use clap::Parser;
use serde::Serialize;

#[derive(Parser)]
#[command(about = "Count the native instructions of order book instructions with callgrind")]
struct Args {
    /// Run the scenario itself; this is what the benchmark runs under valgrind.
    #[arg(long, hide = true)]
    scenario: bool,
    /// Where orderbook-cost.json and orderbook-cost.md go (relative to the repository root, where
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
    /// Resting orders per side of the book.
    depth: usize,
    instruction: String,
    /// Inside the program (CPIs included).
    program: u64,
    /// The whole transaction in the runtime, signature check excepted.
    transaction: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.scenario {
        return orderbook_cost::run(&mut new_svm(), callgrind::measured_transaction);
    }
    let machine = Machine::describe();
    let steps = orderbook_cost::steps();
    let counts = callgrind::count_scenario("orderbook-cost", steps.len())?;

    let steps = steps
        .into_iter()
        .zip(counts)
        .map(|((depth, instruction), (program, transaction))| Step {
            depth,
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
    std::fs::write(dir.join("orderbook-cost.json"), json).context("writing orderbook-cost.json")?;
    std::fs::write(dir.join("orderbook-cost.md"), markdown(report))
        .context("writing orderbook-cost.md")?;
    println!("{}", markdown(report));
    Ok(())
}

fn markdown(report: &Report) -> String {
    let m = &report.machine;
    let mut out = String::from("# Order book instructions: native cost\n\n");
    let _ = writeln!(
        out,
        "Instructions counted by {} (callgrind), {}; {}; {}. Counts do not depend on \
         the machine's load. Each book holds `depth` resting bids and `depth` resting asks of \
         a background trader away from the touch; a maker posts asks at the touch and a \
         taker's immediate-or-cancel bid takes exactly the number of fills shown. The program \
         takes at most 16 fills per order (its match limit), so 32 fills are two orders of \
         16, both shown and summed. A side is an array sorted worst first: a fill takes the \
         order at the end and an order at the best price goes in at the end (a binary search), \
         while an order at the worst price, or the cancel of one, moves the whole side, and a \
         cancel finds its order by a linear scan.\n",
        report.valgrind, m.cpu, m.rustc, m.date
    );
    let depths = orderbook_cost::DEPTHS;
    let find = |depth: usize, name: &str| {
        report
            .steps
            .iter()
            .find(|s| s.depth == depth && s.instruction == name)
    };
    for (title, pick) in [
        ("in the program (CPIs included)", 0usize),
        ("whole transaction (signature check excepted)", 1),
    ] {
        let value = |s: &Step| if pick == 0 { s.program } else { s.transaction };
        let _ = write!(out, "\n## Native instructions, {title}\n\n| Instruction |");
        for depth in depths {
            let _ = write!(out, " depth {depth} |");
        }
        let _ = write!(out, "\n|---|");
        for _ in depths {
            let _ = write!(out, "--:|");
        }
        let _ = writeln!(out);
        for name in orderbook_cost::steps_of_depth() {
            let _ = write!(out, "| {name} |");
            for &depth in depths {
                let cell =
                    find(depth, &name).map_or("-".into(), |s| callgrind::thousands(value(s)));
                let _ = write!(out, " {cell} |");
            }
            let _ = writeln!(out);
            if name.ends_with("second order of 16") {
                let _ = write!(out, "| place_order, 32 fills (two orders, sum) |");
                for &depth in depths {
                    let first = find(depth, "place_order, 32 fills: first order of 16");
                    let second = find(depth, &name);
                    let cell = match (first, second) {
                        (Some(a), Some(b)) => callgrind::thousands(value(a) + value(b)),
                        _ => "-".into(),
                    };
                    let _ = write!(out, " {cell} |");
                }
                let _ = writeln!(out);
            }
        }
        // Marginal cost per fill, from 1 to 16 fills.
        let _ = write!(out, "| marginal cost per fill (1 → 16 fills) |");
        for &depth in depths {
            let one = find(depth, "place_order, 1 fills");
            let sixteen = find(depth, "place_order, 16 fills");
            let cell = match (one, sixteen) {
                (Some(a), Some(b)) => callgrind::thousands(value(b).saturating_sub(value(a)) / 15),
                _ => "-".into(),
            };
            let _ = write!(out, " {cell} |");
        }
        let _ = writeln!(out);
    }
    out
}
