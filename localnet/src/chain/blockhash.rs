//! The window of recent blockhashes a transaction may be signed against.
//!
//! A validator accepts a transaction whose recent blockhash is one of the last
//! `MAX_PROCESSING_AGE` (150) blocks. Here every slot produces a block and its blockhash is
//! derived from the genesis hash and the slot number, so the window can be rebuilt after a
//! restart and a blockhash handed out before it stays valid for its whole lifetime.

use std::collections::{HashMap, VecDeque};

use solana_clock::Slot;
use solana_hash::Hash;

/// How many blocks a blockhash stays valid for, as on a validator.
pub const MAX_PROCESSING_AGE: u64 = 150;

/// The blockhash of the block produced at `slot`.
pub fn blockhash_for_slot(genesis: &Hash, slot: Slot) -> Hash {
    solana_sha256_hasher::hashv(&[genesis.as_ref(), b"blockhash", &slot.to_le_bytes()])
}

/// Recent blockhashes with the slot that produced each; the newest is the latest blockhash.
#[derive(Debug)]
pub struct BlockhashWindow {
    genesis: Hash,
    order: VecDeque<(Slot, Hash)>,
    slots: HashMap<Hash, Slot>,
}

impl BlockhashWindow {
    /// The window as it stands when `slot` is the newest block.
    pub fn new(genesis: Hash, slot: Slot) -> Self {
        let mut window = Self {
            genesis,
            order: VecDeque::new(),
            slots: HashMap::new(),
        };
        for past in slot.saturating_sub(MAX_PROCESSING_AGE)..=slot {
            window.push(past);
        }
        window
    }

    /// Records the block of `slot` (newer than every block so far) and drops expired ones.
    pub fn push(&mut self, slot: Slot) {
        let hash = blockhash_for_slot(&self.genesis, slot);
        self.order.push_back((slot, hash));
        self.slots.insert(hash, slot);
        while let Some(&(oldest, old_hash)) = self.order.front() {
            if oldest + MAX_PROCESSING_AGE >= slot {
                break;
            }
            self.order.pop_front();
            self.slots.remove(&old_hash);
        }
    }

    /// The newest blockhash and the slot of its block.
    pub fn latest(&self) -> (Slot, Hash) {
        // The window always holds the current slot's block: `new` and `push` add it.
        self.order
            .back()
            .copied()
            .unwrap_or_else(|| (0, blockhash_for_slot(&self.genesis, 0)))
    }

    /// The slot whose block produced `hash`, while it is still valid.
    pub fn slot_of(&self, hash: &Hash) -> Option<Slot> {
        self.slots.get(hash).copied()
    }

    pub fn is_valid(&self, hash: &Hash) -> bool {
        self.slots.contains_key(hash)
    }

    /// Recent (slot, blockhash) pairs, newest first, for the SlotHashes sysvar.
    pub fn newest_first(&self) -> impl Iterator<Item = (Slot, Hash)> + '_ {
        self.order.iter().rev().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn genesis() -> Hash {
        Hash::new_from_array([7; 32])
    }

    #[test]
    fn blockhashes_are_deterministic_and_distinct() {
        assert_eq!(
            blockhash_for_slot(&genesis(), 5),
            blockhash_for_slot(&genesis(), 5)
        );
        assert_ne!(
            blockhash_for_slot(&genesis(), 5),
            blockhash_for_slot(&genesis(), 6)
        );
    }

    #[test]
    fn a_blockhash_expires_after_max_processing_age_blocks() {
        let mut window = BlockhashWindow::new(genesis(), 10);
        let issued = window.latest().1;
        for slot in 11..=10 + MAX_PROCESSING_AGE {
            window.push(slot);
        }
        assert!(window.is_valid(&issued));
        window.push(11 + MAX_PROCESSING_AGE);
        assert!(!window.is_valid(&issued));
    }

    #[test]
    fn a_rebuilt_window_accepts_blockhashes_issued_before() {
        let mut before = BlockhashWindow::new(genesis(), 1_000);
        before.push(1_001);
        let issued = before.latest().1;
        let after = BlockhashWindow::new(genesis(), 1_100);
        assert_eq!(after.slot_of(&issued), Some(1_001));
        assert_eq!(after.newest_first().count() as u64, MAX_PROCESSING_AGE + 1);
    }

    #[test]
    fn a_window_near_genesis_starts_at_slot_zero() {
        let window = BlockhashWindow::new(genesis(), 3);
        assert_eq!(window.newest_first().count(), 4);
        assert_eq!(window.latest().0, 3);
    }
}
