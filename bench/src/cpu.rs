//! CPU time spent by each thread of a process, from `/proc/<pid>/task/*/schedstat`, and by
//! the whole machine, from `/proc/stat`, to tell where a batch's time went: the localnet's
//! chain thread, its other threads, the client, or other processes.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

/// CPU time by thread name (threads of one name summed).
#[derive(Clone, Debug, Default)]
pub struct Snapshot(BTreeMap<String, Duration>);

impl Snapshot {
    /// The threads of process `pid` as they stand now.
    pub fn take(pid: u32) -> Result<Self> {
        let dir = format!("/proc/{pid}/task");
        let mut times = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).with_context(|| format!("listing {dir}"))? {
            let task = entry.with_context(|| format!("listing {dir}"))?.path();
            // A thread that ended meanwhile simply no longer counts.
            let (Ok(name), Ok(schedstat)) = (
                std::fs::read_to_string(task.join("comm")),
                std::fs::read_to_string(task.join("schedstat")),
            ) else {
                continue;
            };
            let nanos: u64 = schedstat
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .with_context(|| format!("parsing {}/schedstat", task.display()))?;
            *times.entry(name.trim().to_string()).or_default() += Duration::from_nanos(nanos);
        }
        Ok(Snapshot(times))
    }

    /// CPU seconds by thread name spent since `earlier`.
    pub fn since(&self, earlier: &Snapshot) -> BTreeMap<String, f64> {
        self.0
            .iter()
            .map(|(name, &now)| {
                let before = earlier.0.get(name).copied().unwrap_or_default();
                (name.clone(), now.saturating_sub(before).as_secs_f64())
            })
            .filter(|(_, seconds)| *seconds > 0.0)
            .collect()
    }
}

/// The machine's cumulative CPU time, busy and in all, in clock ticks (the first line of
/// `/proc/stat`).
#[derive(Clone, Copy, Debug)]
struct MachineTicks {
    busy: u64,
    total: u64,
}

impl MachineTicks {
    fn take() -> Result<Self> {
        let stat = std::fs::read_to_string("/proc/stat").context("reading /proc/stat")?;
        let ticks: Vec<u64> = stat
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("cpu "))
            .context("no cpu line in /proc/stat")?
            .split_whitespace()
            .map(|n| n.parse().context("parsing /proc/stat"))
            .collect::<Result<_>>()?;
        // user nice system idle iowait irq softirq steal ...; guest time is already in user.
        let total: u64 = ticks.iter().take(8).sum();
        let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
        Ok(MachineTicks {
            busy: total - idle,
            total,
        })
    }

    /// The share of all cores busy since `earlier`.
    fn busy_since(&self, earlier: &MachineTicks) -> f64 {
        let total = self.total.saturating_sub(earlier.total);
        if total == 0 {
            return 0.0;
        }
        self.busy.saturating_sub(earlier.busy) as f64 / total as f64
    }
}

/// Where the CPU time of one batch went.
#[derive(Clone, Debug, Serialize)]
pub struct Usage {
    /// CPU seconds of the localnet's threads, by thread name.
    pub localnet: BTreeMap<String, f64>,
    /// CPU seconds of this benchmark's own threads (the clients).
    pub client: f64,
    /// The share of all the machine's cores that was busy (with anything).
    pub machine_busy: f64,
}

impl Usage {
    /// The localnet thread (by name) that was busiest, and its CPU seconds.
    pub fn busiest(&self) -> Option<(&str, f64)> {
        self.localnet
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(name, &seconds)| (name.as_str(), seconds))
    }

    pub fn localnet_total(&self) -> f64 {
        self.localnet.values().sum()
    }
}

/// Snapshots of the localnet and of this process, taken together.
pub struct Meter {
    localnet_pid: u32,
    localnet: Snapshot,
    client: Snapshot,
    machine: MachineTicks,
}

impl Meter {
    pub fn start(localnet_pid: u32) -> Result<Self> {
        Ok(Meter {
            localnet_pid,
            localnet: Snapshot::take(localnet_pid)?,
            client: Snapshot::take(std::process::id())?,
            machine: MachineTicks::take()?,
        })
    }

    pub fn stop(&self) -> Result<Usage> {
        let localnet = Snapshot::take(self.localnet_pid)?.since(&self.localnet);
        let client = Snapshot::take(std::process::id())?.since(&self.client);
        Ok(Usage {
            localnet,
            client: client.values().sum(),
            machine_busy: MachineTicks::take()?.busy_since(&self.machine),
        })
    }
}
