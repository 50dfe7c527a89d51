//! localnet-bench: throughput of the localnet's `sendTransaction` against in-process LiteSVM,
//! and the latency of its `accountSubscribe` notifications. See bench/README.md.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use clap::Parser;

use betfun_bench::localnet::Localnet;
use betfun_bench::machine::Machine;
use betfun_bench::report::{Config, Report, Route, Row};
use betfun_bench::rpc::Connection;
use betfun_bench::throughput::Outcome;
use betfun_bench::workload::{Accounts, Kind};
use betfun_bench::{latency, setup, throughput, workload};

#[derive(Parser)]
#[command(about = "Benchmark the BetFun localnet against in-process LiteSVM")]
struct Args {
    /// The localnet binary [default: betfun-localnet beside this binary].
    #[arg(long)]
    localnet: Option<PathBuf>,
    /// Transactions per measured batch.
    #[arg(long, default_value_t = 20_000)]
    transactions: usize,
    /// Unmeasured transactions of each kind sent first (warms caches and connections).
    #[arg(long, default_value_t = 1000)]
    warmup: usize,
    /// Distinct senders the transfers rotate through.
    #[arg(long, default_value_t = 256)]
    senders: usize,
    /// Concurrent RPC connections, one measured batch per value.
    #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
    concurrency: Vec<usize>,
    /// Ask for preflight simulation on every measured sendTransaction.
    #[arg(long)]
    preflight: bool,
    /// Threads of the client's async runtime (the localnet shares the machine with them).
    #[arg(long, default_value_t = 1)]
    client_threads: usize,
    /// Stop sending a batch after this many seconds.
    #[arg(long, default_value_t = 30)]
    time_limit: u64,
    /// Transfers timed from sendTransaction to the account notification.
    #[arg(long, default_value_t = 500)]
    latency_samples: usize,
    /// Commitment of the account subscription.
    #[arg(long, default_value = "processed")]
    commitment: String,
    /// Where localnet.json and localnet.md go (relative to the repository root, where
    /// `make bench` runs).
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
}

fn main() -> Result<()> {
    let args = Args::parse();
    ensure!(args.senders > 0 && args.transactions > 0, "nothing to send");
    ensure!(
        args.transactions.max(args.warmup) <= workload::MAX_BATCH,
        "at most {} transactions per batch",
        workload::MAX_BATCH
    );
    let binary = match &args.localnet {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .context("locating this binary")?
            .with_file_name("betfun-localnet"),
    };
    let machine = Machine::describe();
    let accounts = Accounts::new(args.senders);

    eprintln!("in-process baseline...");
    let baseline = in_process(&args, &accounts)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads.max(1))
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let (rpc_rows, latency) = runtime.block_on(through_localnet(&args, &binary, &accounts))?;

    let mut throughput = Vec::new();
    for (kind, route, outcome) in baseline.iter().cloned() {
        throughput.push(row(kind, route, None, outcome, &baseline));
    }
    for (kind, concurrency, outcome) in rpc_rows {
        throughput.push(row(kind, Route::Rpc, Some(concurrency), outcome, &baseline));
    }
    let report = Report {
        machine,
        config: Config {
            transactions: args.transactions,
            warmup: args.warmup,
            senders: args.senders,
            concurrency: args.concurrency.clone(),
            preflight: args.preflight,
            client_threads: args.client_threads,
            latency_samples: args.latency_samples,
            localnet: binary.display().to_string(),
        },
        throughput,
        latency,
    };
    report.write(&args.out)?;
    print!("{}", report.markdown());
    eprintln!("wrote {}", args.out.display());
    Ok(())
}

/// Every kind of transfer on a fresh SVM in this thread, without and with signature checks.
fn in_process(args: &Args, accounts: &Accounts) -> Result<Vec<(Kind, Route, Outcome)>> {
    let mut svm = betfun_localnet::programs::new_svm();
    setup::in_process(&mut svm, accounts)?;
    let mut results = Vec::new();
    let mut salt = 0;
    for kind in Kind::ALL {
        salt += 1;
        let blockhash = svm.latest_blockhash();
        let warmup = throughput::in_process(
            &mut svm,
            accounts.transfers(kind, args.warmup, salt, blockhash),
            false,
        );
        ensure!(warmup.all_succeeded(), "in-process warm-up: {warmup:?}");
        for (route, verify) in [
            (Route::InProcess, true),
            (Route::InProcessUnverified, false),
        ] {
            salt += 1;
            let txs = accounts.transfers(kind, args.transactions, salt, blockhash);
            let outcome = throughput::in_process(&mut svm, txs, verify);
            eprintln!("  {} {route:?}: {:.0} TPS", kind.label(), outcome.tps());
            results.push((kind, route, outcome));
        }
    }
    Ok(results)
}

type RpcRows = Vec<(Kind, usize, Outcome)>;

/// Starts the localnet, measures throughput and latency through it, and stops it.
async fn through_localnet(
    args: &Args,
    binary: &std::path::Path,
    accounts: &Accounts,
) -> Result<(RpcRows, latency::Latency)> {
    eprintln!("starting {}...", binary.display());
    let localnet = Localnet::start(binary, &accounts.payer).await?;
    let measured = measure_localnet(args, &localnet, accounts).await;
    localnet.stop().await?;
    measured
}

async fn measure_localnet(
    args: &Args,
    localnet: &Localnet,
    accounts: &Accounts,
) -> Result<(RpcRows, latency::Latency)> {
    eprintln!("setup through RPC at {}...", localnet.rpc);
    setup::rpc(localnet, accounts).await?;
    let mut control = Connection::open(localnet.rpc).await?;
    let time_limit = Duration::from_secs(args.time_limit);
    let mut rows = Vec::new();
    let mut salt = 0;
    for kind in Kind::ALL {
        salt += 1;
        let warmup = accounts.transfers(kind, args.warmup, salt, control.latest_blockhash().await?);
        let concurrency = args.concurrency.iter().copied().max().unwrap_or(8);
        let outcome =
            throughput::rpc(localnet, &warmup, concurrency, args.preflight, time_limit).await?;
        ensure!(
            outcome.all_succeeded(),
            "RPC warm-up ({kind:?}): {outcome:?}"
        );
        for &concurrency in &args.concurrency {
            salt += 1;
            eprintln!("{} over RPC, {concurrency} clients...", kind.label());
            let blockhash = control.latest_blockhash().await?;
            let txs = accounts.transfers(kind, args.transactions, salt, blockhash);
            let outcome =
                throughput::rpc(localnet, &txs, concurrency, args.preflight, time_limit).await?;
            eprintln!("  {:.0} TPS", outcome.tps());
            rows.push((kind, concurrency, outcome));
        }
    }
    eprintln!("latency over {} samples...", args.latency_samples);
    let latency = latency::measure(
        &mut control,
        &localnet.ws_url,
        accounts,
        args.latency_samples,
        &args.commitment,
    )
    .await?;
    Ok((rows, latency))
}

fn row(
    kind: Kind,
    route: Route,
    concurrency: Option<usize>,
    outcome: Outcome,
    baseline: &[(Kind, Route, Outcome)],
) -> Row {
    let base = |of: Route| {
        baseline
            .iter()
            .find(|(k, r, _)| *k == kind && *r == of)
            .map_or(f64::NAN, |(.., o)| o.tps())
    };
    Row {
        kind,
        route,
        concurrency,
        tps: outcome.tps(),
        ratio: outcome.tps() / base(Route::InProcess),
        ratio_unverified: outcome.tps() / base(Route::InProcessUnverified),
        outcome,
    }
}
