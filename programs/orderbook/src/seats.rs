//! Trader seats: each trader's free and locked balances inside a market.
//!
//! Free balances may be withdrawn or spent on orders; locked balances back resting orders
//! (base for asks, quote plus the maker fee for bids). A seat is claimed by a trader's first
//! deposit or order and released when its trader withdraws everything with no order resting.
//!
//! Pure: no accounts, no syscalls.

use anchor_lang::prelude::*;

use crate::constants::MAX_SEATS;
use crate::errors::OrderbookError;

/// 72 bytes, no implicit padding. A free slot has the default owner.
#[zero_copy]
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seat {
    pub owner: Pubkey,
    pub base_free: u64,
    pub base_locked: u64,
    pub quote_free: u64,
    pub quote_locked: u64,
    /// Resting orders of this seat.
    pub open_orders: u32,
    pub _padding: [u8; 4],
}

impl Seat {
    pub fn is_empty(&self) -> bool {
        self.base_free == 0
            && self.base_locked == 0
            && self.quote_free == 0
            && self.quote_locked == 0
            && self.open_orders == 0
    }
}

/// The market's seats; slots `0..used` have been claimed at least once.
#[zero_copy]
#[derive(Debug)]
pub struct SeatTable {
    pub used: u32,
    pub _padding: [u8; 4],
    pub seats: [Seat; MAX_SEATS],
}

impl SeatTable {
    /// The seat index of `owner`.
    pub fn find(&self, owner: &Pubkey) -> Option<u32> {
        self.seats[..self.used as usize]
            .iter()
            .position(|seat| seat.owner == *owner)
            .map(|index| index as u32)
    }

    /// The seat of `owner`, claiming a free slot when it has none.
    pub fn find_or_claim(&mut self, owner: &Pubkey) -> Result<u32> {
        if let Some(index) = self.find(owner) {
            return Ok(index);
        }
        let used = self.used as usize;
        let free = self.seats[..used]
            .iter()
            .position(|seat| seat.owner == Pubkey::default());
        let index = match free {
            Some(index) => index,
            None if used < MAX_SEATS => {
                self.used += 1;
                used
            }
            None => return err!(OrderbookError::SeatsFull),
        };
        self.seats[index] = Seat {
            owner: *owner,
            ..Seat::default()
        };
        Ok(index as u32)
    }

    pub fn get(&self, index: u32) -> &Seat {
        &self.seats[index as usize]
    }

    pub fn get_mut(&mut self, index: u32) -> &mut Seat {
        &mut self.seats[index as usize]
    }

    /// Frees the slot when the seat holds nothing; whether it did.
    pub fn release_if_empty(&mut self, index: u32) -> bool {
        let seat = self.get_mut(index);
        if seat.is_empty() {
            *seat = Seat::default();
            true
        } else {
            false
        }
    }

    /// The claimed seats with their indices.
    pub fn occupied(&self) -> impl Iterator<Item = (u32, &Seat)> {
        self.seats[..self.used as usize]
            .iter()
            .enumerate()
            .filter(|(_, seat)| seat.owner != Pubkey::default())
            .map(|(index, seat)| (index as u32, seat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_claimed_found_and_reused() {
        let mut table: Box<SeatTable> = bytemuck::zeroed_box();
        let alice = Pubkey::new_unique();
        let bob = Pubkey::new_unique();
        let carol = Pubkey::new_unique();
        assert_eq!(table.find_or_claim(&alice).unwrap(), 0);
        assert_eq!(table.find_or_claim(&bob).unwrap(), 1);
        assert_eq!(table.find_or_claim(&alice).unwrap(), 0);
        table.get_mut(1).quote_free = 5;
        assert!(!table.release_if_empty(1));
        assert!(table.release_if_empty(0));
        assert_eq!(table.find(&alice), None);
        assert_eq!(
            table.find_or_claim(&carol).unwrap(),
            0,
            "a released slot is reused"
        );
        assert_eq!(table.occupied().count(), 2);
    }

    #[test]
    fn a_full_table_refuses_new_traders() {
        let mut table: Box<SeatTable> = bytemuck::zeroed_box();
        for _ in 0..MAX_SEATS {
            table.find_or_claim(&Pubkey::new_unique()).unwrap();
        }
        assert!(table.find_or_claim(&Pubkey::new_unique()).is_err());
    }
}
