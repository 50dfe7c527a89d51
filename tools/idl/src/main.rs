//! `betfun-idl [--check]`: writes `idl/<program>.json` for every program under `programs/`,
//! or, with `--check`, fails when a committed IDL differs from what the sources generate.
//!
//! Anchor builds an IDL by compiling the program's tests with the `idl-build` feature and
//! reading what they print; this runs that build without the Anchor CLI.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

const PROGRAMS: &[&str] = &["arena", "orderbook", "pool"];

fn main() -> ExitCode {
    let check = std::env::args().any(|arg| arg == "--check");
    match run(check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("betfun-idl: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(check: bool) -> Result<bool> {
    let root = workspace_root()?;
    // anchor-lang-idl prefixes its cargo call with the rustup toolchain when this variable is
    // set (as `cargo run` sets it), in a form cargo rejects; the default toolchain is the one.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let mut fresh = true;
    for program in PROGRAMS {
        let idl = anchor_lang_idl::build::IdlBuilder::new()
            .program_path(root.join("programs").join(program))
            .resolution(true)
            .skip_lint(false)
            .no_docs(false)
            // Only the library holds the IDL tests; building the integration tests would
            // compile the whole localnet a second time under the IDL build's flags.
            .cargo_args(vec!["--release".into(), "--lib".into()])
            .build()
            .with_context(|| format!("building the IDL of {program}"))?;
        let generated = serde_json::to_string_pretty(&idl)? + "\n";
        let path = root.join("idl").join(format!("{program}.json"));
        if check {
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed != generated {
                eprintln!("{} is stale: run `make idl` and commit it", path.display());
                fresh = false;
            }
        } else {
            std::fs::create_dir_all(path.parent().expect("idl/ has a parent"))?;
            std::fs::write(&path, generated)
                .with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(fresh)
}

/// The checkout this runs in: the nearest directory above the working directory that holds
/// `programs/` and a `Cargo.toml`. (Not the one it was compiled in: several checkouts may share one
/// cargo target directory, and with it this binary.)
fn workspace_root() -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("reading the working directory")?;
    cwd.ancestors()
        .find(|dir| dir.join("programs").is_dir() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
        .with_context(|| format!("{} is not inside a BetFun checkout", cwd.display()))
}
