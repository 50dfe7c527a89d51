//! The chain's thread, and the handle the servers reach it through.
//!
//! LiteSVM is single-threaded state, so the chain lives on one dedicated thread that runs the
//! jobs sent to it (closures over `&mut Chain`) one at a time, and advances the slot clock
//! between them.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use tokio::sync::{broadcast, oneshot};

use super::{Chain, ChainConfig, ChainEvent};

/// Events queued for PubSub connections before a slow one starts missing them.
const EVENT_CAPACITY: usize = 16_384;

type Job = Box<dyn FnOnce(&mut Chain) + Send>;

/// The chain thread stopped (a job panicked mid-way is not this: the thread survives that).
#[derive(Debug, thiserror::Error)]
#[error("the chain is not running")]
pub struct ChainStopped;

/// A cheap, cloneable way to reach the chain.
#[derive(Clone)]
pub struct ChainHandle {
    jobs: mpsc::Sender<Job>,
    events: broadcast::Sender<ChainEvent>,
}

impl ChainHandle {
    /// Opens the chain (replaying the ledger) on its own thread; returns once it is ready.
    pub fn spawn(config: ChainConfig) -> anyhow::Result<Self> {
        let (events, _) = broadcast::channel(EVENT_CAPACITY);
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        let chain_events = events.clone();
        std::thread::Builder::new()
            .name("chain".into())
            .spawn(move || match Chain::open(config, chain_events) {
                Ok(chain) => {
                    let _ = ready_tx.send(Ok(()));
                    run(chain, queue);
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                }
            })?;
        ready_rx
            .recv()
            .map_err(|_| anyhow::anyhow!("the chain thread died while starting"))??;
        Ok(Self { jobs, events })
    }

    /// Runs `job` on the chain and returns its result.
    pub async fn call<R, F>(&self, job: F) -> Result<R, ChainStopped>
    where
        R: Send + 'static,
        F: FnOnce(&mut Chain) -> R + Send + 'static,
    {
        let (reply, result) = oneshot::channel();
        let job: Job = Box::new(move |chain| {
            let _ = reply.send(job(chain));
        });
        self.jobs.send(job).map_err(|_| ChainStopped)?;
        // A job that panicked drops its reply sender: the caller sees it as an error.
        result.await.map_err(|_| ChainStopped)
    }

    /// Every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<ChainEvent> {
        self.events.subscribe()
    }
}

fn run(mut chain: Chain, queue: mpsc::Receiver<Job>) {
    loop {
        let wait = chain
            .next_slot_at()
            .saturating_duration_since(Instant::now());
        match queue.recv_timeout(wait) {
            Ok(job) => {
                // A bug in one request must not take the chain down with it.
                if panic::catch_unwind(AssertUnwindSafe(|| job(&mut chain))).is_err() {
                    eprintln!("betfun-localnet: a request panicked; the chain carries on");
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        chain.tick();
    }
}
