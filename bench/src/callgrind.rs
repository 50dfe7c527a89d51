//! Counting native instructions with valgrind's callgrind, which is deterministic: the same
//! binary on the same inputs counts the same, however busy the machine is.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use solana_transaction::Transaction;

/// What a measurement counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only inside the bridge's call of a native program: the program's own code and the
    /// CPIs it makes (SPL Token runs in the SBF VM there).
    Program,
    /// Everything the runtime does for the transaction: sanitizing, loading accounts, fees,
    /// the program, committing. Not the signature check, which the localnet does before.
    Transaction,
}

impl Scope {
    fn options(self) -> &'static [&'static str] {
        match self {
            Scope::Program => &[
                "--collect-atstart=no",
                // Exactly this function: its closures match a wider pattern and would toggle
                // collection off again inside it.
                "--toggle-collect=betfun_localnet::bridge::run_native",
            ],
            Scope::Transaction => &[],
        }
    }
}

/// Runs `program args` under callgrind and returns the instructions counted in each measured
/// span, in order. A span starts when a function matching `start` returns and ends when the
/// next function matching `end` returns: callgrind dumps (and resets) its counters at both,
/// so the dumps alternate between the work before a span and the span itself. (Callgrind
/// takes one trigger per function, so zeroing and dumping need two functions.)
pub fn count_spans(
    program: &Path,
    args: &[&str],
    start: &str,
    end: &str,
    scope: Scope,
    dir: &Path,
) -> Result<Vec<u64>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let out = dir.join("callgrind.out");
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(format!("--dump-after={start}"))
        .arg(format!("--dump-after={end}"))
        .args(scope.options())
        .arg(program)
        .args(args)
        .status()
        .context("running valgrind (install the valgrind package)")?;
    ensure!(
        status.success(),
        "{} under callgrind: {status}",
        program.display()
    );

    // Each dump goes to `callgrind.out.N`, N counting from 1; the last file, without a
    // number, is the remainder at exit.
    let mut dumps = Vec::new();
    for number in 1.. {
        let path = dir.join(format!("callgrind.out.{number}"));
        if !path.exists() {
            break;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        dumps.push(total(&text).with_context(|| format!("no total in {}", path.display()))?);
    }
    ensure!(
        dumps.len() % 2 == 0,
        "{} dumps: a span did not end",
        dumps.len()
    );
    Ok(dumps.into_iter().skip(1).step_by(2).collect())
}

/// The `totals:` (or `summary:`) line of a callgrind dump: instructions executed.
fn total(dump: &str) -> Result<u64> {
    for line in dump.lines() {
        if let Some(value) = line
            .strip_prefix("totals:")
            .or_else(|| line.strip_prefix("summary:"))
        {
            let first = value.split_whitespace().next().unwrap_or("");
            return first
                .parse()
                .with_context(|| format!("bad total {value:?}"));
        }
    }
    bail!("the dump has no totals line")
}

/// Measured transactions of a scenario run through this. Callgrind dumps its counters when
/// `begin_span` returns and again when this returns: the second dump is the transaction's cost.
#[inline(never)]
#[allow(clippy::result_large_err)] // litesvm's result type, passed through
pub fn measured_transaction(svm: &mut LiteSVM, tx: Transaction) -> TransactionResult {
    begin_span();
    std::hint::black_box(svm.send_transaction(tx))
}

#[inline(never)]
fn begin_span() {
    std::hint::black_box(());
}

/// Runs the current binary with `--scenario` under callgrind, once per scope; for each of the
/// scenario's `steps` measured transactions, the instructions counted in the program and in
/// the whole transaction.
pub fn count_scenario(name: &str, steps: usize) -> Result<Vec<(u64, u64)>> {
    let binary = std::env::current_exe().context("locating this binary")?;
    let work = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let mut counts = Vec::new();
    for scope in [Scope::Program, Scope::Transaction] {
        eprintln!("counting {scope:?} instructions under callgrind...");
        let per_step = count_spans(
            &binary,
            &["--scenario"],
            "betfun_bench::callgrind::begin_span",
            "betfun_bench::callgrind::measured_transaction",
            scope,
            &work.join(format!("{scope:?}")),
        )?;
        ensure!(
            per_step.len() == steps,
            "{} dumps for {steps} steps",
            per_step.len()
        );
        counts.push(per_step);
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(counts[0]
        .iter()
        .copied()
        .zip(counts[1].iter().copied())
        .collect())
}

pub fn valgrind_version() -> String {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_else(|_| "valgrind".into())
}

/// `1234567` as `1,234,567`, for the reports' tables.
pub fn thousands(value: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_total_of_a_dump() {
        let dump = "version: 1\ncmd: x\nevents: Ir\nfn=(1) main\n3 10\ntotals: 12345\n";
        assert_eq!(total(dump).unwrap(), 12345);
        assert_eq!(total("events: Ir\nsummary: 7\n").unwrap(), 7);
        assert!(total("events: Ir\n").is_err());
    }
}
