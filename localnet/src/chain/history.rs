//! Transaction history: every transaction that landed (succeeded, or failed and paid its fee),
//! indexed by signature, by address and by slot.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use solana_account_decoder_client_types::token::UiTokenAmount;
use solana_clock::{Slot, UnixTimestamp};
use solana_message::v0::LoadedAddresses;
use solana_pubkey::Pubkey;
use solana_signature::Signature;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_context::TransactionReturnData;
use solana_transaction_error::TransactionError;
use solana_transaction_status_client_types::{
    InnerInstructions, TransactionStatusMeta, TransactionTokenBalance,
};

use crate::token;

/// A landed transaction with what a validator's `getTransaction` reports about it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TransactionRecord {
    pub slot: Slot,
    pub block_time: UnixTimestamp,
    pub transaction: VersionedTransaction,
    pub meta: TransactionMeta,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TransactionMeta {
    pub err: Option<TransactionError>,
    pub fee: u64,
    pub pre_balances: Vec<u64>,
    pub post_balances: Vec<u64>,
    pub pre_token_balances: Vec<TokenBalance>,
    pub post_token_balances: Vec<TokenBalance>,
    pub logs: Vec<String>,
    /// Only the top-level instructions that invoked others, as a validator stores them.
    pub inner_instructions: Vec<InnerInstructions>,
    pub loaded_addresses: LoadedAddresses,
    pub return_data: Option<TransactionReturnData>,
    pub compute_units_consumed: u64,
}

/// The balance of one token account of a transaction, before or after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenBalance {
    pub account_index: u8,
    pub mint: Pubkey,
    pub owner: Pubkey,
    pub program_id: Pubkey,
    pub amount: u64,
    pub decimals: u8,
}

impl TransactionRecord {
    /// The first signature identifies a transaction.
    pub fn signature(&self) -> Signature {
        // Sanitized transactions always carry at least the fee payer's signature.
        self.transaction
            .signatures
            .first()
            .copied()
            .unwrap_or_default()
    }

    /// Static keys, then the writable and the readonly keys loaded from lookup tables: the
    /// order account indexes (balances, inner instructions) refer to.
    pub fn account_keys(&self) -> impl Iterator<Item = &Pubkey> {
        self.transaction
            .message
            .static_account_keys()
            .iter()
            .chain(&self.meta.loaded_addresses.writable)
            .chain(&self.meta.loaded_addresses.readonly)
    }

    /// The status meta in the form the RPC types render.
    pub fn status_meta(&self) -> TransactionStatusMeta {
        let meta = &self.meta;
        let token_balances = |balances: &[TokenBalance]| {
            balances
                .iter()
                .map(|b| TransactionTokenBalance {
                    account_index: b.account_index,
                    mint: b.mint.to_string(),
                    ui_token_amount: ui_token_amount(b),
                    owner: b.owner.to_string(),
                    program_id: b.program_id.to_string(),
                })
                .collect()
        };
        TransactionStatusMeta {
            status: meta.err.clone().map_or(Ok(()), Err),
            fee: meta.fee,
            pre_balances: meta.pre_balances.clone(),
            post_balances: meta.post_balances.clone(),
            inner_instructions: Some(meta.inner_instructions.clone()),
            log_messages: Some(meta.logs.clone()),
            pre_token_balances: Some(token_balances(&meta.pre_token_balances)),
            post_token_balances: Some(token_balances(&meta.post_token_balances)),
            rewards: Some(Vec::new()),
            loaded_addresses: meta.loaded_addresses.clone(),
            return_data: meta.return_data.clone(),
            compute_units_consumed: Some(meta.compute_units_consumed),
            cost_units: None,
        }
    }
}

fn ui_token_amount(balance: &TokenBalance) -> UiTokenAmount {
    token::ui_amount(balance.amount, balance.decimals)
}

/// Which part of an address's history `signatures_for_address` returns.
#[derive(Clone, Copy, Debug, Default)]
pub struct HistoryRange {
    /// Start after this signature (going back in time).
    pub before: Option<Signature>,
    /// Stop at this signature, excluded.
    pub until: Option<Signature>,
    pub limit: usize,
}

#[derive(Default)]
pub struct History {
    records: Vec<TransactionRecord>,
    by_signature: HashMap<Signature, usize>,
    by_address: HashMap<Pubkey, Vec<usize>>,
    by_slot: BTreeMap<Slot, Vec<usize>>,
}

impl History {
    pub fn insert(&mut self, record: TransactionRecord) {
        let index = self.records.len();
        self.by_signature.insert(record.signature(), index);
        let mut keys: Vec<Pubkey> = record.account_keys().copied().collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            self.by_address.entry(key).or_default().push(index);
        }
        self.by_slot.entry(record.slot).or_default().push(index);
        self.records.push(record);
    }

    pub fn get(&self, signature: &Signature) -> Option<&TransactionRecord> {
        self.by_signature
            .get(signature)
            .map(|&index| &self.records[index])
    }

    pub fn contains(&self, signature: &Signature) -> bool {
        self.by_signature.contains_key(signature)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> &[TransactionRecord] {
        &self.records
    }

    /// The transactions of `slot`, in execution order.
    pub fn in_slot(&self, slot: Slot) -> impl Iterator<Item = &TransactionRecord> {
        self.by_slot
            .get(&slot)
            .into_iter()
            .flatten()
            .map(|&index| &self.records[index])
    }

    /// The transactions that mention `address`, newest first.
    pub fn for_address(&self, address: &Pubkey, range: HistoryRange) -> Vec<&TransactionRecord> {
        let Some(indexes) = self.by_address.get(address) else {
            return Vec::new();
        };
        // An unknown `before` finds nothing, as on a validator; an unknown `until` bounds nothing.
        let end = match range.before {
            Some(before) => match self.by_signature.get(&before) {
                Some(&index) => index,
                None => return Vec::new(),
            },
            None => usize::MAX,
        };
        let start = range
            .until
            .and_then(|until| self.by_signature.get(&until))
            .map_or(0, |&index| index + 1);
        indexes
            .iter()
            .rev()
            .copied()
            .skip_while(|&index| index >= end)
            .take_while(|&index| index >= start)
            .take(range.limit)
            .map(|index| &self.records[index])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_hash::Hash;
    use solana_keypair::Keypair;
    use solana_message::{Message, VersionedMessage};
    use solana_signer::Signer;

    fn record(payer: &Keypair, to: &Pubkey, lamports: u64, slot: Slot) -> TransactionRecord {
        let ix = solana_system_interface::instruction::transfer(&payer.pubkey(), to, lamports);
        let message = Message::new_with_blockhash(&[ix], Some(&payer.pubkey()), &Hash::default());
        let transaction =
            VersionedTransaction::try_new(VersionedMessage::Legacy(message), &[payer])
                .expect("signed");
        TransactionRecord {
            slot,
            block_time: 0,
            transaction,
            meta: TransactionMeta {
                err: None,
                fee: 5000,
                pre_balances: vec![],
                post_balances: vec![],
                pre_token_balances: vec![],
                post_token_balances: vec![],
                logs: vec![],
                inner_instructions: vec![],
                loaded_addresses: LoadedAddresses::default(),
                return_data: None,
                compute_units_consumed: 150,
            },
        }
    }

    fn history_of(count: u64, to: &Pubkey) -> (History, Vec<Signature>) {
        let payer = Keypair::new();
        let mut history = History::default();
        let mut signatures = Vec::new();
        for i in 0..count {
            let record = record(&payer, to, i + 1, i / 2);
            signatures.push(record.signature());
            history.insert(record);
        }
        (history, signatures)
    }

    fn signatures(records: Vec<&TransactionRecord>) -> Vec<Signature> {
        records
            .into_iter()
            .map(TransactionRecord::signature)
            .collect()
    }

    #[test]
    fn address_history_is_newest_first_and_limited() {
        let to = Pubkey::new_unique();
        let (history, sigs) = history_of(5, &to);
        let range = HistoryRange {
            limit: 3,
            ..HistoryRange::default()
        };
        assert_eq!(
            signatures(history.for_address(&to, range)),
            vec![sigs[4], sigs[3], sigs[2]]
        );
        assert!(history.for_address(&Pubkey::new_unique(), range).is_empty());
    }

    #[test]
    fn before_and_until_bound_the_range_exclusively() {
        let to = Pubkey::new_unique();
        let (history, sigs) = history_of(6, &to);
        let range = HistoryRange {
            before: Some(sigs[4]),
            until: Some(sigs[1]),
            limit: 1000,
        };
        assert_eq!(
            signatures(history.for_address(&to, range)),
            vec![sigs[3], sigs[2]]
        );
        let unknown_before = HistoryRange {
            before: Some(Signature::default()),
            limit: 1000,
            ..HistoryRange::default()
        };
        assert!(history.for_address(&to, unknown_before).is_empty());
    }

    #[test]
    fn records_are_found_by_signature_and_slot() {
        let to = Pubkey::new_unique();
        let (history, sigs) = history_of(4, &to);
        assert_eq!(history.get(&sigs[2]).map(|r| r.slot), Some(1));
        assert_eq!(history.in_slot(1).count(), 2);
        assert_eq!(history.len(), 4);
        assert!(!history.contains(&Signature::default()));
    }
}
