//! Transactions per second: through the localnet's `sendTransaction` by concurrent clients,
//! and in-process by LiteSVM in one thread.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use bytes::Bytes;
use litesvm::LiteSVM;
use serde::Serialize;
use solana_transaction::Transaction;

use crate::cpu::{Meter, Usage};
use crate::localnet::Localnet;
use crate::rpc::{self, Connection};

/// How long the landed transactions may take to show in `getSignatureStatuses`.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(10);

/// What one batch of transactions did.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub transactions: usize,
    /// Wall time from the first send until the last was acknowledged (or executed).
    pub seconds: f64,
    /// Transactions that landed and succeeded.
    pub succeeded: usize,
    /// `sendTransaction` answered with an error (or the request failed).
    pub rejected: usize,
    /// Landed with an error.
    pub failed: usize,
    /// Acknowledged, but without a status after the confirmation timeout; or never sent
    /// because the batch ran out of time.
    pub missing: usize,
    /// Where the CPU time went while sending (RPC only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Usage>,
    /// The first error seen, to tell what went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_error: Option<String>,
}

impl Outcome {
    /// Succeeded transactions per second of wall time.
    pub fn tps(&self) -> f64 {
        self.succeeded as f64 / self.seconds
    }

    pub fn all_succeeded(&self) -> bool {
        self.succeeded == self.transactions
    }
}

/// Sends `txs` through `sendTransaction` over `concurrency` connections, each sending its next
/// transaction as soon as the previous one is acknowledged; then checks every signature's
/// status. Stops sending after `time_limit`.
pub async fn rpc(
    localnet: &Localnet,
    txs: &[Transaction],
    concurrency: usize,
    preflight: bool,
    time_limit: Duration,
) -> Result<Outcome> {
    let bodies: Arc<[Bytes]> = txs
        .iter()
        .map(|tx| rpc::send_transaction_body(tx, preflight))
        .collect::<Result<Vec<_>>>()?
        .into();
    let signatures: Vec<String> = txs.iter().map(|tx| tx.signatures[0].to_string()).collect();
    let mut connections = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        connections.push(Connection::open(localnet.rpc).await?);
    }

    let next = Arc::new(AtomicUsize::new(0));
    let meter = Meter::start(localnet.pid)?;
    let start = Instant::now();
    let deadline = start + time_limit;
    let tasks: Vec<_> = connections
        .into_iter()
        .map(|mut connection| {
            let (bodies, next) = (bodies.clone(), next.clone());
            tokio::spawn(async move {
                let mut answers = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= bodies.len() || Instant::now() > deadline {
                        break answers;
                    }
                    answers.push((index, connection.post(bodies[index].clone()).await));
                }
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(txs.len());
    for task in tasks {
        answers.extend(task.await.context("a sending task panicked")?);
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = meter.stop()?;

    let mut outcome = Outcome {
        transactions: txs.len(),
        seconds,
        succeeded: 0,
        rejected: 0,
        failed: 0,
        missing: txs.len() - answers.len(),
        cpu: Some(cpu),
        first_error: None,
    };
    let mut accepted = Vec::with_capacity(answers.len());
    for (index, answer) in answers {
        let checked = answer.and_then(|signature| match signature.as_str() {
            Some(s) if s == signatures[index] => Ok(()),
            _ => Err(anyhow!(
                "sendTransaction answered {signature}, expected {}",
                signatures[index]
            )),
        });
        match checked {
            Ok(()) => accepted.push(signatures[index].clone()),
            Err(e) => {
                outcome.rejected += 1;
                outcome.first_error.get_or_insert_with(|| format!("{e:#}"));
            }
        }
    }
    confirm(localnet, &accepted, &mut outcome).await?;
    Ok(outcome)
}

/// Polls the status of every accepted signature until all have one or the timeout passes.
async fn confirm(localnet: &Localnet, signatures: &[String], outcome: &mut Outcome) -> Result<()> {
    let mut connection = Connection::open(localnet.rpc).await?;
    let deadline = Instant::now() + CONFIRM_TIMEOUT;
    let mut pending = signatures.to_vec();
    while !pending.is_empty() {
        let statuses = connection.signature_statuses(&pending).await?;
        let mut still = Vec::new();
        for (signature, status) in pending.into_iter().zip(statuses) {
            match status {
                None => still.push(signature),
                Some(None) => outcome.succeeded += 1,
                Some(Some(err)) => {
                    outcome.failed += 1;
                    outcome
                        .first_error
                        .get_or_insert_with(|| format!("{signature}: {err}"));
                }
            }
        }
        pending = still;
        if Instant::now() > deadline {
            break;
        }
        if !pending.is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    outcome.missing += pending.len();
    Ok(())
}

/// Executes `txs` one after the other on `svm` in this thread, optionally verifying each
/// signature first (as the localnet does before it hands a transaction to the SVM).
pub fn in_process(svm: &mut LiteSVM, txs: Vec<Transaction>, verify: bool) -> Outcome {
    let mut outcome = Outcome {
        transactions: txs.len(),
        seconds: 0.0,
        succeeded: 0,
        rejected: 0,
        failed: 0,
        missing: 0,
        cpu: None,
        first_error: None,
    };
    let start = Instant::now();
    for tx in txs {
        if verify {
            if let Err(e) = tx.verify() {
                outcome.rejected += 1;
                outcome.first_error.get_or_insert_with(|| e.to_string());
                continue;
            }
        }
        match svm.send_transaction(tx) {
            Ok(_) => outcome.succeeded += 1,
            Err(e) => {
                outcome.failed += 1;
                outcome
                    .first_error
                    .get_or_insert_with(|| format!("{:?}: {:?}", e.err, e.meta.logs));
            }
        }
    }
    outcome.seconds = start.elapsed().as_secs_f64();
    outcome
}
