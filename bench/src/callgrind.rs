//! Counting native instructions with valgrind's callgrind, which is deterministic: the same
//! binary on the same inputs counts the same, however busy the machine is.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

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
