//! The chain: the SVM and everything a validator keeps around it — slots and the Clock,
//! the window of valid blockhashes, signature checks, transaction history, the ledger — and
//! the events PubSub serves.
//!
//! A `Chain` lives on one thread (see [`handle`]); it is driven by requests and by the slot
//! clock, never shared.

pub mod blockhash;
pub mod handle;
pub mod history;

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _};
use litesvm::types::TransactionMetadata;
use litesvm::LiteSVM;
use solana_account::{Account, ReadableAccount};
use solana_clock::{Slot, UnixTimestamp};
use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_message::inner_instruction::InnerInstructionsList;
use solana_message::v0::LoadedAddresses;
use solana_message::{Message, SanitizedMessage, VersionedMessage};
use solana_pubkey::Pubkey;
use solana_rpc_client_types::filter::RpcFilterType;
use solana_signature::Signature;
use solana_signer::Signer;
use solana_sysvar::clock::Clock;
use solana_sysvar::epoch_schedule::EpochSchedule;
use solana_sysvar::slot_hashes::SlotHashes;
use solana_transaction::sanitized::{MessageHash, SanitizedTransaction};
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_context::TransactionReturnData;
use solana_transaction_error::TransactionError;
use solana_transaction_status_client_types::{InnerInstruction, InnerInstructions};
use tokio::sync::broadcast;

use crate::encoding::matches_filters;
use crate::ledger::{Ledger, Record};
use crate::{programs, token};
use blockhash::{BlockhashWindow, MAX_PROCESSING_AGE};
use history::{HistoryRange, TokenBalance, TransactionMeta, TransactionRecord};

/// A transaction with its signatures checked. Verifying ed25519 signatures costs more than
/// executing most transactions, so callers do it on their own threads before handing the
/// transaction to the single chain thread.
pub struct CheckedTransaction {
    tx: VersionedTransaction,
    verified: bool,
}

impl CheckedTransaction {
    pub fn new(tx: VersionedTransaction) -> Self {
        let verified = tx.verify_with_results().iter().all(|ok| *ok);
        Self { tx, verified }
    }
}

/// Bounds of `localnet_setClock`: far enough for any test, far from overflowing the slot
/// arithmetic or a client's date types.
const MAX_SLOT: Slot = 1 << 48;
const MAX_UNIX_TIMESTAMP: UnixTimestamp = 253_402_300_799;

pub use handle::ChainHandle;
pub use history::History;

/// The fee of each signature, as on every cluster today.
pub const LAMPORTS_PER_SIGNATURE: u64 = 5_000;

pub struct ChainConfig {
    pub slot_duration: Duration,
    pub faucet_lamports: u64,
    pub ledger_dir: Option<PathBuf>,
    pub reset: bool,
}

/// What PubSub hears about.
#[derive(Clone, Debug)]
pub enum ChainEvent {
    Slot { slot: Slot, parent: Slot },
    Account(Arc<AccountUpdate>),
    Transaction(Arc<TransactionNotice>),
}

/// An account a transaction wrote, as it stands after the transaction.
#[derive(Debug)]
pub struct AccountUpdate {
    pub slot: Slot,
    pub pubkey: Pubkey,
    pub view: AccountView,
}

/// A transaction that landed.
#[derive(Debug)]
pub struct TransactionNotice {
    pub slot: Slot,
    pub signature: Signature,
    pub err: Option<TransactionError>,
    pub logs: Vec<String>,
    pub account_keys: Vec<Pubkey>,
}

/// An account with what encoding it as `jsonParsed` needs besides its own data.
#[derive(Clone, Debug)]
pub struct AccountView {
    pub account: Account,
    /// The decimals of the mint, when the account is a token account.
    pub token_decimals: Option<u8>,
}

/// Why a transaction was refused before it could execute.
#[derive(Debug)]
pub enum SendError {
    /// It does not decode into a valid transaction, or its lookup tables do not resolve.
    InvalidTransaction(String),
    SignatureVerification,
    /// Preflight simulation failed: nothing was executed.
    PreflightFailure(Box<Simulation>),
}

#[derive(Clone, Debug, Default)]
pub struct SimulateOptions {
    pub sig_verify: bool,
    pub replace_recent_blockhash: bool,
    /// Accounts whose post-simulation state the caller wants.
    pub accounts: Vec<Pubkey>,
}

#[derive(Debug)]
pub struct Simulation {
    pub slot: Slot,
    pub err: Option<TransactionError>,
    pub logs: Vec<String>,
    pub units_consumed: u64,
    pub return_data: Option<TransactionReturnData>,
    pub inner_instructions: Vec<InnerInstructions>,
    pub accounts: Vec<Option<AccountView>>,
    /// The blockhash put in place of the transaction's, and its last valid block height.
    pub replacement_blockhash: Option<(Hash, u64)>,
}

pub struct EpochInfo {
    pub absolute_slot: Slot,
    pub block_height: u64,
    pub epoch: u64,
    pub slot_index: u64,
    pub slots_in_epoch: u64,
    pub transaction_count: u64,
}

/// One entry of an address's history.
pub struct SignatureInfo {
    pub signature: Signature,
    pub slot: Slot,
    pub err: Option<TransactionError>,
    pub block_time: UnixTimestamp,
}

/// Which token accounts of an owner `token_accounts_by_owner` returns.
pub enum TokenAccountsFilter {
    Mint(Pubkey),
    ProgramId(Pubkey),
}

/// A block: every slot produces one, holding the transactions that landed in it.
pub struct Block {
    pub slot: Slot,
    pub parent_slot: Slot,
    pub blockhash: Hash,
    pub previous_blockhash: Hash,
    pub block_time: Option<UnixTimestamp>,
    pub transactions: Vec<TransactionRecord>,
}

pub struct ClockState {
    pub slot: Slot,
    pub unix_timestamp: UnixTimestamp,
}

/// The identity of a chain, fixed at its creation.
struct Genesis {
    hash: Hash,
    faucet: Keypair,
}

/// Maps wall time to slots: a slot every `duration` from an anchor.
struct SlotClock {
    anchor_slot: Slot,
    anchor: Instant,
    duration: Duration,
}

impl SlotClock {
    fn slot_at(&self, now: Instant) -> Slot {
        let elapsed = now.saturating_duration_since(self.anchor).as_millis();
        let slots = elapsed / self.duration.as_millis().max(1);
        self.anchor_slot + u64::try_from(slots).unwrap_or(u64::MAX / 2)
    }

    fn start_of(&self, slot: Slot) -> Instant {
        let slots = slot.saturating_sub(self.anchor_slot);
        let offset = self
            .duration
            .checked_mul(u32::try_from(slots).unwrap_or(u32::MAX))
            .unwrap_or(Duration::MAX);
        self.anchor.checked_add(offset).unwrap_or(self.anchor)
    }
}

/// The outcome of executing a transaction for real.
enum Executed {
    /// It landed: recorded in history, fee charged, notified.
    Landed {
        signature: Signature,
        err: Option<TransactionError>,
    },
    /// It was rejected before execution (stale blockhash, duplicate, unpayable fee...).
    Dropped(TransactionError),
}

/// Account keys and write locks of a transaction, with its lookup tables resolved.
struct ResolvedKeys {
    keys: Vec<Pubkey>,
    writable: Vec<bool>,
    loaded: LoadedAddresses,
    fee: u64,
}

pub struct Chain {
    svm: LiteSVM,
    genesis: Genesis,
    slot: Slot,
    slot_clock: SlotClock,
    /// Seconds added to wall time to give the Clock's `unix_timestamp` (`localnet_setClock`).
    clock_offset: i64,
    blockhashes: BlockhashWindow,
    history: History,
    ledger: Option<Ledger>,
    events: broadcast::Sender<ChainEvent>,
}

fn wall_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn wall_secs() -> i64 {
    i64::try_from(wall_ms() / 1000).unwrap_or(i64::MAX)
}

impl Chain {
    /// A fresh chain, or the one in the ledger replayed.
    pub fn open(
        config: ChainConfig,
        events: broadcast::Sender<ChainEvent>,
    ) -> anyhow::Result<Self> {
        let (mut ledger, records) = match &config.ledger_dir {
            Some(dir) => {
                let (ledger, records) = Ledger::open(dir, config.reset)
                    .with_context(|| format!("opening the ledger in {}", dir.display()))?;
                (Some(ledger), records)
            }
            None => (None, Vec::new()),
        };
        let mut records = records.into_iter();
        let genesis = match records.next() {
            Some(Record::Genesis { hash, faucet }) => Genesis {
                hash,
                faucet: Keypair::try_from(faucet.as_slice())
                    .map_err(|e| anyhow::anyhow!("the ledger's faucet keypair: {e}"))?,
            },
            Some(_) => bail!("the ledger does not start with its genesis record"),
            None => Genesis {
                hash: Hash::new_from_array(Keypair::new().pubkey().to_bytes()),
                faucet: Keypair::new(),
            },
        };

        let mut svm = programs::new_svm();
        let faucet = Account {
            lamports: config.faucet_lamports,
            ..Account::default()
        };
        svm.set_account(genesis.faucet.pubkey(), faucet)
            .map_err(|e| anyhow::anyhow!("funding the faucet: {e:?}"))?;

        let mut history = History::default();
        let mut touched = BTreeSet::new();
        let mut clock_offset = 0;
        let mut resume_from: Option<(Slot, u64)> = None;
        for record in records {
            match record {
                Record::Genesis { .. } => bail!("the ledger holds a second genesis record"),
                Record::Commit {
                    slot,
                    unix_ms,
                    accounts,
                    transaction,
                } => {
                    for (pubkey, account) in accounts {
                        svm.set_account(pubkey, account)
                            .map_err(|e| anyhow::anyhow!("replaying account {pubkey}: {e:?}"))?;
                        touched.insert(pubkey);
                    }
                    if let Some(transaction) = transaction {
                        history.insert(*transaction);
                    }
                    resume_from = Some((slot, unix_ms));
                }
                Record::Clock {
                    slot,
                    unix_ms,
                    offset_secs,
                } => {
                    clock_offset = offset_secs;
                    resume_from = Some((slot, unix_ms));
                }
            }
        }

        // Slots keep counting while the localnet is down, so the slot a client saw before a
        // restart is never seen again: continue from the last record plus the time since.
        let slot_ms = u64::try_from(config.slot_duration.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        let start_slot = match resume_from {
            Some((slot, unix_ms)) => slot + wall_ms().saturating_sub(unix_ms) / slot_ms + 1,
            None => 0,
        };

        if let Some(ledger) = &mut ledger {
            let compacted = compact(&svm, &genesis, &touched, &history, start_slot, clock_offset);
            ledger
                .rewrite(&compacted)
                .context("compacting the ledger")?;
        }

        let mut chain = Self {
            svm,
            slot: start_slot,
            slot_clock: SlotClock {
                anchor_slot: start_slot,
                anchor: Instant::now(),
                duration: config.slot_duration,
            },
            clock_offset,
            blockhashes: BlockhashWindow::new(genesis.hash, start_slot),
            genesis,
            history,
            ledger,
            events,
        };
        chain.write_sysvars();
        Ok(chain)
    }

    // ----- slots and time -----

    /// Moves to the slot wall time has reached.
    pub fn tick(&mut self) {
        let target = self.slot_clock.slot_at(Instant::now());
        self.advance_to(target);
    }

    /// When the next slot begins.
    pub fn next_slot_at(&self) -> Instant {
        self.slot_clock.start_of(self.slot + 1)
    }

    fn advance_to(&mut self, target: Slot) {
        if target <= self.slot {
            return;
        }
        let parent = self.slot;
        // After a pause only the last window's worth of blocks can still matter.
        let first = (self.slot + 1).max(target.saturating_sub(MAX_PROCESSING_AGE));
        for slot in first..=target {
            self.blockhashes.push(slot);
        }
        self.slot = target;
        self.write_sysvars();
        let _ = self.events.send(ChainEvent::Slot {
            slot: target,
            parent,
        });
    }

    fn unix_timestamp(&self) -> UnixTimestamp {
        wall_secs().saturating_add(self.clock_offset)
    }

    /// Keeps the Clock and SlotHashes sysvars in step with the slot and the time.
    fn write_sysvars(&mut self) {
        let schedule: EpochSchedule = self.svm.get_sysvar();
        let previous: Clock = self.svm.get_sysvar();
        let epoch = schedule.get_epoch(self.slot);
        let unix_timestamp = self.unix_timestamp();
        let epoch_start_timestamp = if epoch == previous.epoch && previous.epoch_start_timestamp > 0
        {
            previous.epoch_start_timestamp
        } else {
            unix_timestamp
        };
        self.svm.set_sysvar(&Clock {
            slot: self.slot,
            epoch_start_timestamp,
            epoch,
            leader_schedule_epoch: schedule.get_leader_schedule_epoch(self.slot),
            unix_timestamp,
        });
        let recent: Vec<(Slot, Hash)> = self.blockhashes.newest_first().collect();
        self.svm.set_sysvar(&SlotHashes::new(&recent));
    }

    /// Moves the Clock's time forward to `unix_timestamp` and/or warps to a later `slot`.
    pub fn set_clock(
        &mut self,
        unix_timestamp: Option<UnixTimestamp>,
        slot: Option<Slot>,
    ) -> Result<ClockState, String> {
        self.tick();
        if let Some(slot) = slot {
            if slot > MAX_SLOT {
                return Err(format!(
                    "slot {slot} is beyond the largest allowed, {MAX_SLOT}"
                ));
            }
            if slot <= self.slot {
                return Err(format!(
                    "slot {slot} is not after the current slot {}",
                    self.slot
                ));
            }
        }
        if let Some(target) = unix_timestamp {
            if target > MAX_UNIX_TIMESTAMP {
                return Err(format!(
                    "unixTimestamp {target} is beyond the year 9999 ({MAX_UNIX_TIMESTAMP})"
                ));
            }
            let current = self.unix_timestamp();
            if target < current {
                return Err(format!(
                    "unixTimestamp {target} is before the current clock {current}; the clock \
                     only moves forward"
                ));
            }
            self.clock_offset = target - wall_secs();
        }
        if let Some(slot) = slot {
            self.slot_clock.anchor_slot = slot;
            self.slot_clock.anchor = Instant::now();
            self.advance_to(slot);
        }
        self.write_sysvars();
        self.persist(&Record::Clock {
            slot: self.slot,
            unix_ms: wall_ms(),
            offset_secs: self.clock_offset,
        });
        Ok(ClockState {
            slot: self.slot,
            unix_timestamp: self.unix_timestamp(),
        })
    }

    // ----- reads -----

    pub fn slot(&self) -> Slot {
        self.slot
    }

    /// Every slot produces a block, so the block height is the slot.
    pub fn block_height(&self) -> u64 {
        self.slot
    }

    pub fn genesis_hash(&self) -> Hash {
        self.genesis.hash
    }

    /// The node's identity: derived from the genesis so it is stable across restarts.
    pub fn identity(&self) -> Pubkey {
        Pubkey::new_from_array(
            solana_sha256_hasher::hashv(&[self.genesis.hash.as_ref(), b"identity"]).to_bytes(),
        )
    }

    pub fn epoch_info(&self) -> EpochInfo {
        let schedule: EpochSchedule = self.svm.get_sysvar();
        let (epoch, slot_index) = schedule.get_epoch_and_slot_index(self.slot);
        EpochInfo {
            absolute_slot: self.slot,
            block_height: self.block_height(),
            epoch,
            slot_index,
            slots_in_epoch: schedule.get_slots_in_epoch(epoch),
            transaction_count: self.history.len() as u64,
        }
    }

    /// The latest blockhash and the last block height at which it is valid.
    pub fn latest_blockhash(&self) -> (Hash, u64) {
        let (slot, hash) = self.blockhashes.latest();
        (hash, slot + MAX_PROCESSING_AGE)
    }

    pub fn is_blockhash_valid(&self, hash: &Hash) -> bool {
        self.blockhashes.is_valid(hash)
    }

    /// The fee of a message, or `None` when its blockhash is no longer valid.
    pub fn fee_for_message(&self, message: &VersionedMessage) -> Option<u64> {
        self.blockhashes
            .is_valid(message.recent_blockhash())
            .then(|| message_fee(message))
    }

    pub fn minimum_balance_for_rent_exemption(&self, data_len: usize) -> u64 {
        self.svm.minimum_balance_for_rent_exemption(data_len)
    }

    pub fn balance(&self, pubkey: &Pubkey) -> u64 {
        self.svm.get_balance(pubkey).unwrap_or(0)
    }

    pub fn account(&self, pubkey: &Pubkey) -> Option<AccountView> {
        self.svm.get_account(pubkey).map(|a| self.view(a))
    }

    fn view(&self, account: Account) -> AccountView {
        let token_decimals = token::token_account(&account.owner, &account.data)
            .and_then(|state| self.mint_decimals(&state.mint));
        AccountView {
            account,
            token_decimals,
        }
    }

    fn mint_decimals(&self, mint: &Pubkey) -> Option<u8> {
        let account = self.svm.accounts_db().inner.get(mint)?;
        token::mint(account.owner(), account.data()).map(|m| m.decimals)
    }

    /// Accounts owned by `program` that pass `filters` (already prepared), sorted by address.
    pub fn program_accounts(
        &self,
        program: &Pubkey,
        filters: &[RpcFilterType],
    ) -> Vec<(Pubkey, AccountView)> {
        let mut found: Vec<(Pubkey, AccountView)> = self
            .svm
            .accounts_db()
            .inner
            .iter()
            .filter(|(_, account)| account.owner() == program)
            .map(|(pubkey, account)| (*pubkey, Account::from(account.clone())))
            .filter(|(_, account)| matches_filters(filters, account))
            .map(|(pubkey, account)| (pubkey, self.view(account)))
            .collect();
        found.sort_by_key(|(pubkey, _)| *pubkey);
        found
    }

    /// The token accounts of `owner` under a mint or a token program, sorted by address.
    pub fn token_accounts_by_owner(
        &self,
        owner: &Pubkey,
        filter: &TokenAccountsFilter,
    ) -> Vec<(Pubkey, AccountView)> {
        let mut found: Vec<(Pubkey, AccountView)> = self
            .svm
            .accounts_db()
            .inner
            .iter()
            .filter(|(_, account)| match filter {
                TokenAccountsFilter::ProgramId(program) => account.owner() == program,
                TokenAccountsFilter::Mint(_) => token::is_token_program(account.owner()),
            })
            .filter(|(_, account)| {
                token::token_account(account.owner(), account.data()).is_some_and(|state| {
                    state.owner == *owner
                        && match filter {
                            TokenAccountsFilter::Mint(mint) => state.mint == *mint,
                            TokenAccountsFilter::ProgramId(_) => true,
                        }
                })
            })
            .map(|(pubkey, account)| (*pubkey, self.view(Account::from(account.clone()))))
            .collect();
        found.sort_by_key(|(pubkey, _)| *pubkey);
        found
    }

    /// The slot and outcome of a landed transaction.
    pub fn signature_status(
        &self,
        signature: &Signature,
    ) -> Option<(Slot, Option<TransactionError>)> {
        self.history
            .get(signature)
            .map(|record| (record.slot, record.meta.err.clone()))
    }

    pub fn transaction(&self, signature: &Signature) -> Option<TransactionRecord> {
        self.history.get(signature).cloned()
    }

    pub fn signatures_for_address(
        &self,
        address: &Pubkey,
        range: HistoryRange,
    ) -> Vec<SignatureInfo> {
        self.history
            .for_address(address, range)
            .into_iter()
            .map(|record| SignatureInfo {
                signature: record.signature(),
                slot: record.slot,
                err: record.meta.err.clone(),
                block_time: record.block_time,
            })
            .collect()
    }

    /// The block of `slot`, for slots this chain has produced.
    pub fn block(&self, slot: Slot) -> Option<Block> {
        if slot > self.slot {
            return None;
        }
        let transactions: Vec<TransactionRecord> = self.history.in_slot(slot).cloned().collect();
        // Block times of empty blocks are not kept; the wall clock at the slot is near enough.
        let block_time = transactions.first().map(|t| t.block_time).or_else(|| {
            let behind = self.slot - slot;
            let millis = u64::try_from(self.slot_clock.duration.as_millis()).unwrap_or(0);
            let seconds = i64::try_from(behind.saturating_mul(millis) / 1000).unwrap_or(0);
            Some(self.unix_timestamp().saturating_sub(seconds))
        });
        Some(Block {
            slot,
            parent_slot: slot.saturating_sub(1),
            blockhash: blockhash::blockhash_for_slot(&self.genesis.hash, slot),
            previous_blockhash: blockhash::blockhash_for_slot(
                &self.genesis.hash,
                slot.saturating_sub(1),
            ),
            block_time,
            transactions,
        })
    }

    // ----- transactions -----

    /// Resolves a transaction's keys (lookup tables included) as the runtime will see them.
    fn resolve(&self, tx: &VersionedTransaction) -> Result<ResolvedKeys, TransactionError> {
        let sanitized = SanitizedTransaction::try_create(
            tx.clone(),
            MessageHash::Compute,
            Some(false),
            self.svm.accounts_db(),
            &HashSet::new(),
        )?;
        let message = sanitized.message();
        let keys: Vec<Pubkey> = message.account_keys().iter().copied().collect();
        let writable = (0..keys.len()).map(|i| message.is_writable(i)).collect();
        let loaded = match message {
            SanitizedMessage::V0(loaded) => loaded.loaded_addresses.clone().into_owned(),
            SanitizedMessage::Legacy(_) => LoadedAddresses::default(),
        };
        Ok(ResolvedKeys {
            keys,
            writable,
            loaded,
            fee: LAMPORTS_PER_SIGNATURE * message.num_total_signatures(),
        })
    }

    /// `sendTransaction`: checks, preflight unless skipped, then execution.
    pub fn send_transaction(
        &mut self,
        checked: CheckedTransaction,
        skip_preflight: bool,
    ) -> Result<Signature, SendError> {
        let CheckedTransaction { tx, verified } = checked;
        self.tick();
        self.resolve(&tx)
            .map_err(|e| SendError::InvalidTransaction(e.to_string()))?;
        let signature = first_signature(&tx)?;
        if !skip_preflight {
            if !verified {
                return Err(SendError::SignatureVerification);
            }
            let simulation = self.simulate(tx.clone(), &SimulateOptions::default())?;
            if simulation.err.is_some() {
                return Err(SendError::PreflightFailure(Box::new(simulation)));
            }
        }
        // Without preflight a validator answers with the signature whatever happens next; a
        // transaction with a bad signature then never lands.
        if verified {
            self.execute(tx);
        }
        Ok(signature)
    }

    /// `simulateTransaction`: executes against the current state and keeps nothing.
    pub fn simulate(
        &self,
        mut tx: VersionedTransaction,
        options: &SimulateOptions,
    ) -> Result<Simulation, SendError> {
        let mut replacement_blockhash = None;
        if options.replace_recent_blockhash {
            let (hash, last_valid) = self.latest_blockhash();
            tx.message.set_recent_blockhash(hash);
            replacement_blockhash = Some((hash, last_valid));
        }
        self.resolve(&tx)
            .map_err(|e| SendError::InvalidTransaction(e.to_string()))?;
        if options.sig_verify && !tx.verify_with_results().iter().all(|ok| *ok) {
            return Err(SendError::SignatureVerification);
        }
        let precheck = if !self.blockhashes.is_valid(tx.message.recent_blockhash()) {
            Some(TransactionError::BlockhashNotFound)
        } else if self.history.contains(&first_signature(&tx)?) {
            Some(TransactionError::AlreadyProcessed)
        } else {
            None
        };
        let (err, meta, post_accounts) = match precheck {
            Some(err) => (Some(err), TransactionMetadata::default(), Vec::new()),
            None => match self.svm.simulate_transaction(tx) {
                Ok(info) => (None, info.meta, info.post_accounts),
                Err(failed) => (Some(failed.err), failed.meta, Vec::new()),
            },
        };
        let accounts = options
            .accounts
            .iter()
            .map(|key| {
                post_accounts
                    .iter()
                    .find(|(pubkey, _)| pubkey == key)
                    .map(|(_, account)| Account::from(account.clone()))
                    .or_else(|| self.svm.get_account(key))
                    .map(|account| self.view(account))
            })
            .collect();
        Ok(Simulation {
            slot: self.slot,
            err,
            logs: meta.logs,
            units_consumed: meta.compute_units_consumed,
            return_data: non_empty_return_data(meta.return_data),
            inner_instructions: inner_instructions(meta.inner_instructions),
            accounts,
            replacement_blockhash,
        })
    }

    /// `requestAirdrop`: a transfer from the faucet, signed and executed like any transaction.
    pub fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<Signature, String> {
        self.tick();
        let faucet = self.genesis.faucet.pubkey();
        let (_, blockhash) = self.blockhashes.latest();
        // The same airdrop twice in one slot would be the same transaction, refused as a
        // duplicate; a distinct compute-unit limit makes each one its own transaction.
        for attempt in 0..MAX_IDENTICAL_AIRDROPS {
            let mut instructions = vec![solana_system_interface::instruction::transfer(
                &faucet, to, lamports,
            )];
            if attempt > 0 {
                instructions.push(set_compute_unit_limit(DEFAULT_COMPUTE_UNIT_LIMIT - attempt));
            }
            let message = Message::new_with_blockhash(&instructions, Some(&faucet), &blockhash);
            let tx = VersionedTransaction::try_new(
                VersionedMessage::Legacy(message),
                &[&self.genesis.faucet],
            )
            .map_err(|e| e.to_string())?;
            if tx.signatures.iter().any(|s| self.history.contains(s)) {
                continue;
            }
            return match self.execute(tx) {
                Executed::Landed {
                    signature,
                    err: None,
                } => Ok(signature),
                Executed::Landed { err: Some(err), .. } | Executed::Dropped(err) => {
                    Err(format!("airdrop failed: {err}"))
                }
            };
        }
        Err("airdrop failed: too many identical airdrops in one slot".to_string())
    }

    /// Executes a verified transaction for real and, if it lands, records and announces it.
    fn execute(&mut self, tx: VersionedTransaction) -> Executed {
        let Some(&signature) = tx.signatures.first() else {
            return Executed::Dropped(TransactionError::SanitizeFailure);
        };
        if self.history.contains(&signature) {
            return Executed::Dropped(TransactionError::AlreadyProcessed);
        }
        if !self.blockhashes.is_valid(tx.message.recent_blockhash()) {
            return Executed::Dropped(TransactionError::BlockhashNotFound);
        }
        let resolved = match self.resolve(&tx) {
            Ok(resolved) => resolved,
            Err(err) => return Executed::Dropped(err),
        };
        let pre_balances = self.balances(&resolved.keys);
        let pre_token_balances = self.token_balances(&resolved.keys);

        let (err, meta) = match self.svm.send_transaction(tx.clone()) {
            Ok(meta) => (None, meta),
            Err(failed) => (Some(failed.err), failed.meta),
        };
        let post_balances = self.balances(&resolved.keys);
        // A failed transaction lands when it paid its fee: the fee payer's balance moved.
        if let Some(err) = &err {
            if post_balances.first() == pre_balances.first() {
                return Executed::Dropped(err.clone());
            }
        }
        let post_token_balances = self.token_balances(&resolved.keys);

        // A successful transaction writes all its writable accounts; a failed one only charges
        // the fee payer.
        let written: Vec<Pubkey> = match err {
            None => resolved
                .keys
                .iter()
                .zip(&resolved.writable)
                .filter(|(_, writable)| **writable)
                .map(|(key, _)| *key)
                .collect(),
            Some(_) => resolved.keys.first().copied().into_iter().collect(),
        };
        let accounts: Vec<(Pubkey, Account)> = written
            .iter()
            .map(|key| (*key, self.svm.get_account(key).unwrap_or_default()))
            .collect();

        let record = TransactionRecord {
            slot: self.slot,
            block_time: self.unix_timestamp(),
            transaction: tx,
            meta: TransactionMeta {
                err: err.clone(),
                fee: resolved.fee,
                pre_balances,
                post_balances,
                pre_token_balances,
                post_token_balances,
                logs: meta.logs,
                inner_instructions: inner_instructions(meta.inner_instructions),
                loaded_addresses: resolved.loaded,
                return_data: non_empty_return_data(meta.return_data),
                compute_units_consumed: meta.compute_units_consumed,
            },
        };
        // On disk before anyone hears of it: an acknowledged transaction survives a crash.
        self.persist(&Record::Commit {
            slot: self.slot,
            unix_ms: wall_ms(),
            accounts: accounts.clone(),
            transaction: Some(Box::new(record.clone())),
        });

        let notice = TransactionNotice {
            slot: self.slot,
            signature,
            err: err.clone(),
            logs: record.meta.logs.clone(),
            account_keys: resolved.keys,
        };
        self.history.insert(record);
        for (pubkey, account) in accounts {
            let update = AccountUpdate {
                slot: self.slot,
                pubkey,
                view: self.view(account),
            };
            let _ = self.events.send(ChainEvent::Account(Arc::new(update)));
        }
        let _ = self.events.send(ChainEvent::Transaction(Arc::new(notice)));
        Executed::Landed { signature, err }
    }

    fn balances(&self, keys: &[Pubkey]) -> Vec<u64> {
        let accounts = &self.svm.accounts_db().inner;
        keys.iter()
            .map(|key| accounts.get(key).map_or(0, |a| a.lamports()))
            .collect()
    }

    fn token_balances(&self, keys: &[Pubkey]) -> Vec<TokenBalance> {
        let accounts = &self.svm.accounts_db().inner;
        keys.iter()
            .enumerate()
            .filter_map(|(index, key)| {
                let account = accounts.get(key)?;
                let state = token::token_account(account.owner(), account.data())?;
                Some(TokenBalance {
                    account_index: u8::try_from(index).ok()?,
                    mint: state.mint,
                    owner: state.owner,
                    program_id: *account.owner(),
                    amount: state.amount,
                    decimals: self.mint_decimals(&state.mint)?,
                })
            })
            .collect()
    }

    fn persist(&mut self, record: &Record) {
        if let Some(ledger) = &mut self.ledger {
            if let Err(e) = ledger.append(record) {
                eprintln!("betfun-localnet: writing the ledger failed: {e}");
            }
        }
    }
}

const MAX_IDENTICAL_AIRDROPS: u32 = 64;
const DEFAULT_COMPUTE_UNIT_LIMIT: u32 = 200_000;

/// The compute budget program's `SetComputeUnitLimit` (discriminant 2, then the limit).
fn set_compute_unit_limit(units: u32) -> Instruction {
    let mut data = vec![2];
    data.extend_from_slice(&units.to_le_bytes());
    Instruction::new_with_bytes(solana_sdk_ids::compute_budget::id(), &data, Vec::new())
}

fn first_signature(tx: &VersionedTransaction) -> Result<Signature, SendError> {
    tx.signatures
        .first()
        .copied()
        .ok_or_else(|| SendError::InvalidTransaction("the transaction has no signature".into()))
}

fn message_fee(message: &VersionedMessage) -> u64 {
    LAMPORTS_PER_SIGNATURE * u64::from(message.header().num_required_signatures)
}

/// A validator reports no return data when the program set none.
fn non_empty_return_data(data: TransactionReturnData) -> Option<TransactionReturnData> {
    (!data.data.is_empty()).then_some(data)
}

/// Inner instructions by top-level instruction, keeping only instructions that made any.
fn inner_instructions(list: InnerInstructionsList) -> Vec<InnerInstructions> {
    list.into_iter()
        .enumerate()
        .filter(|(_, instructions)| !instructions.is_empty())
        .filter_map(|(index, instructions)| {
            Some(InnerInstructions {
                index: u8::try_from(index).ok()?,
                instructions: instructions
                    .into_iter()
                    .map(|inner| InnerInstruction {
                        instruction: inner.instruction,
                        stack_height: Some(u32::from(inner.stack_height)),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The ledger rewritten to what it must hold: genesis, the accounts transactions wrote, the
/// history, and where the slot and the clock stand.
fn compact(
    svm: &LiteSVM,
    genesis: &Genesis,
    touched: &BTreeSet<Pubkey>,
    history: &History,
    slot: Slot,
    clock_offset: i64,
) -> Vec<Record> {
    let now = wall_ms();
    let mut records = vec![Record::Genesis {
        hash: genesis.hash,
        faucet: genesis.faucet.to_bytes().to_vec(),
    }];
    if !touched.is_empty() {
        records.push(Record::Commit {
            slot,
            unix_ms: now,
            accounts: touched
                .iter()
                .map(|key| (*key, svm.get_account(key).unwrap_or_default()))
                .collect(),
            transaction: None,
        });
    }
    records.extend(history.records().iter().map(|record| Record::Commit {
        slot: record.slot,
        unix_ms: now,
        accounts: Vec::new(),
        transaction: Some(Box::new(record.clone())),
    }));
    records.push(Record::Clock {
        slot,
        unix_ms: now,
        offset_secs: clock_offset,
    });
    records
}
