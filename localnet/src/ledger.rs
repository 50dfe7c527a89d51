//! The ledger on disk: an append-only log of what the chain committed, replayed at start.
//!
//! Each record is one frame, `[payload length: u32 LE][crc32 of payload: u32 LE][payload]`,
//! written with a single `write` after the transaction executed and before anyone is told it
//! did. A process killed at any moment leaves at most one torn frame at the end of the file;
//! opening the ledger cuts it off, so only the transaction in flight is lost. Data written to
//! the file survives the process (it is in the OS page cache); a clean start rewrites the log
//! compactly and syncs it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use solana_account::Account;
use solana_clock::Slot;
use solana_hash::Hash;
use solana_pubkey::Pubkey;

use crate::chain::history::TransactionRecord;

const FILE_NAME: &str = "ledger.log";
const MAGIC: &[u8; 8] = b"BFLEDG01";
const FRAME_HEADER: usize = 8;

/// One committed change of the chain.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Record {
    /// First record of every ledger: what makes this chain itself.
    Genesis {
        hash: Hash,
        /// The faucet's keypair (64 bytes), so airdrops after a restart come from the same
        /// account.
        faucet: Vec<u8>,
    },
    /// Accounts as they stand after a transaction (or after replay, for a compacted ledger),
    /// and the transaction that wrote them.
    Commit {
        slot: Slot,
        unix_ms: u64,
        accounts: Vec<(Pubkey, Account)>,
        transaction: Option<Box<TransactionRecord>>,
    },
    /// The Clock sysvar's offset from wall time, and where the slot stood.
    Clock {
        slot: Slot,
        unix_ms: u64,
        offset_secs: i64,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("ledger I/O: {0}")]
    Io(#[from] io::Error),
    #[error("{path} is not a betfun-localnet ledger (use --reset to start over)")]
    NotALedger { path: PathBuf },
    #[error("ledger record at byte {offset} cannot be read: {reason} (use --reset to start over)")]
    Unreadable { offset: u64, reason: String },
}

pub struct Ledger {
    dir: PathBuf,
    file: File,
}

impl Ledger {
    /// Opens (or creates) the ledger in `dir`, wiping it first if `reset`, and returns the
    /// records it holds. A torn frame at the end is cut off.
    pub fn open(dir: &Path, reset: bool) -> Result<(Self, Vec<Record>), LedgerError> {
        fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        if reset && path.exists() {
            fs::remove_file(&path)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if bytes.is_empty() {
            file.write_all(MAGIC)?;
            file.sync_all()?;
            return Ok((
                Self {
                    dir: dir.to_path_buf(),
                    file,
                },
                Vec::new(),
            ));
        }
        if !bytes.starts_with(MAGIC) {
            return Err(LedgerError::NotALedger { path });
        }
        let (records, valid_len) = decode_frames(&bytes[MAGIC.len()..])?;
        let valid_len = (MAGIC.len() + valid_len) as u64;
        if valid_len < bytes.len() as u64 {
            file.set_len(valid_len)?;
        }
        Ok((
            Self {
                dir: dir.to_path_buf(),
                file,
            },
            records,
        ))
    }

    /// Appends one record in a single write.
    pub fn append(&mut self, record: &Record) -> io::Result<()> {
        self.file.write_all(&encode_frame(record)?)
    }

    /// Replaces the whole log with `records`, atomically: a crash leaves the old log or the new.
    pub fn rewrite<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) -> io::Result<()> {
        let path = self.dir.join(FILE_NAME);
        let temp = self.dir.join(format!("{FILE_NAME}.tmp"));
        let mut out = io::BufWriter::new(File::create(&temp)?);
        out.write_all(MAGIC)?;
        for record in records {
            out.write_all(&encode_frame(record)?)?;
        }
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        fs::rename(&temp, &path)?;
        File::open(&self.dir)?.sync_all()?;
        self.file = OpenOptions::new().append(true).open(&path)?;
        Ok(())
    }
}

fn encode_frame(record: &Record) -> io::Result<Vec<u8>> {
    let payload = bincode::serialize(record).map_err(io::Error::other)?;
    let len = u32::try_from(payload.len()).map_err(io::Error::other)?;
    let mut frame = Vec::with_capacity(FRAME_HEADER + payload.len());
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    frame.extend_from_slice(&payload);
    Ok(frame)
}

/// Decodes whole frames; returns the records and the length of the intact prefix. A frame cut
/// short or failing its checksum ends the log (a write the process did not finish); a frame
/// whose checksum holds but whose record does not decode is an error, not something to drop.
fn decode_frames(bytes: &[u8]) -> Result<(Vec<Record>, usize), LedgerError> {
    let mut records = Vec::new();
    let mut offset = 0;
    while let Some(header) = bytes.get(offset..offset + FRAME_HEADER) {
        let len = u32::from_le_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let crc = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
        let start = offset + FRAME_HEADER;
        let Some(payload) = bytes.get(start..start + len) else {
            break;
        };
        if crc32fast::hash(payload) != crc {
            break;
        }
        let record = bincode::deserialize(payload).map_err(|e| LedgerError::Unreadable {
            offset: (MAGIC.len() + offset) as u64,
            reason: e.to_string(),
        })?;
        records.push(record);
        offset = start + len;
    }
    Ok((records, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("betfun-ledger-test-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn commit(slot: Slot) -> Record {
        Record::Commit {
            slot,
            unix_ms: slot * 400,
            accounts: vec![(
                Pubkey::new_unique(),
                Account {
                    lamports: slot + 1,
                    data: vec![1, 2, 3],
                    owner: Pubkey::new_unique(),
                    executable: false,
                    rent_epoch: u64::MAX,
                },
            )],
            transaction: None,
        }
    }

    fn slots(records: &[Record]) -> Vec<Slot> {
        records
            .iter()
            .filter_map(|r| match r {
                Record::Commit { slot, .. } => Some(*slot),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn records_survive_reopening() {
        let dir = temp_dir("reopen");
        let (mut ledger, records) = Ledger::open(&dir, false).expect("opened");
        assert!(records.is_empty());
        for slot in 1..=3 {
            ledger.append(&commit(slot)).expect("appended");
        }
        drop(ledger);
        let (_, records) = Ledger::open(&dir, false).expect("reopened");
        assert_eq!(slots(&records), vec![1, 2, 3]);
        let (_, records) = Ledger::open(&dir, true).expect("reset");
        assert!(records.is_empty());
        fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_torn_last_frame_is_cut_off_and_appends_continue() {
        let dir = temp_dir("torn");
        let (mut ledger, _) = Ledger::open(&dir, false).expect("opened");
        ledger.append(&commit(1)).expect("appended");
        ledger.append(&commit(2)).expect("appended");
        drop(ledger);
        let path = dir.join(FILE_NAME);
        let len = fs::metadata(&path).expect("exists").len();
        OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(len - 5))
            .expect("truncated");

        let (mut ledger, records) = Ledger::open(&dir, false).expect("reopened");
        assert_eq!(slots(&records), vec![1]);
        ledger.append(&commit(3)).expect("appended");
        drop(ledger);
        let (_, records) = Ledger::open(&dir, false).expect("reopened");
        assert_eq!(slots(&records), vec![1, 3]);
        fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_corrupted_last_frame_is_dropped() {
        let dir = temp_dir("corrupt");
        let (mut ledger, _) = Ledger::open(&dir, false).expect("opened");
        ledger.append(&commit(1)).expect("appended");
        ledger.append(&commit(2)).expect("appended");
        drop(ledger);
        let path = dir.join(FILE_NAME);
        let mut bytes = fs::read(&path).expect("readable");
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        fs::write(&path, bytes).expect("written");
        let (_, records) = Ledger::open(&dir, false).expect("reopened");
        assert_eq!(slots(&records), vec![1]);
        fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn rewrite_replaces_the_log() {
        let dir = temp_dir("rewrite");
        let (mut ledger, _) = Ledger::open(&dir, false).expect("opened");
        for slot in 1..=4 {
            ledger.append(&commit(slot)).expect("appended");
        }
        ledger.rewrite(&[commit(9)]).expect("rewritten");
        ledger.append(&commit(10)).expect("appended");
        drop(ledger);
        let (_, records) = Ledger::open(&dir, false).expect("reopened");
        assert_eq!(slots(&records), vec![9, 10]);
        fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = temp_dir("foreign");
        fs::create_dir_all(&dir).expect("created");
        fs::write(dir.join(FILE_NAME), b"hello world").expect("written");
        assert!(matches!(
            Ledger::open(&dir, false),
            Err(LedgerError::NotALedger { .. })
        ));
        fs::remove_dir_all(dir).ok();
    }
}
