//! The two sides of a book, as fixed-capacity sorted arrays inside the market account.
//!
//! Each side keeps its orders sorted by priority, worst first and best last: the order a taker
//! meets next is at the end, so taking it is O(1) and matching never shifts memory. Inserting
//! finds its place by binary search and shifts only the orders better than it, which for the
//! quotes near the top of the book that make up most traffic is a handful. Priority is price
//! (higher bids, lower asks), then time: order ids grow with every placement, so among equal
//! prices the smaller id is older and better.
//!
//! Pure: no accounts, no syscalls; unit-tested on its own.

use anchor_lang::prelude::*;

use crate::constants::MAX_ORDERS_PER_SIDE;
use crate::math::{Lots, Ticks};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Buys base (outcome tokens) with quote (collateral).
    Bid,
    /// Sells base for quote.
    Ask,
}

impl Side {
    pub fn opposite(self) -> Side {
        match self {
            Side::Bid => Side::Ask,
            Side::Ask => Side::Bid,
        }
    }

    pub fn as_u8(self) -> u8 {
        match self {
            Side::Bid => 0,
            Side::Ask => 1,
        }
    }

    /// Whether an order on this side at `limit` trades with a resting order at `resting`.
    pub fn crosses(self, limit: Ticks, resting: Ticks) -> bool {
        match self {
            Side::Bid => limit >= resting,
            Side::Ask => limit <= resting,
        }
    }
}

/// A resting order. 48 bytes, no implicit padding.
#[zero_copy]
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Order {
    pub order_id: u64,
    pub client_order_id: u64,
    /// Ticks.
    pub price: u64,
    /// Lots still resting.
    pub lots: u64,
    /// Unix time from which the order is expired; 0 for good till cancelled.
    pub expiry_ts: i64,
    /// Index of the owner's seat in the market's seat table.
    pub seat: u32,
    pub _padding: [u8; 4],
}

impl Order {
    pub fn price(&self) -> Ticks {
        Ticks(self.price)
    }

    pub fn lots(&self) -> Lots {
        Lots(self.lots)
    }

    pub fn is_expired(&self, now: i64) -> bool {
        self.expiry_ts != 0 && now >= self.expiry_ts
    }
}

/// One side of the book: `len` orders sorted worst first, best last.
#[zero_copy]
#[derive(Debug)]
pub struct BookSide {
    pub len: u32,
    /// 0 for bids, 1 for asks.
    pub side: u8,
    pub _padding: [u8; 3],
    pub orders: [Order; MAX_ORDERS_PER_SIDE],
}

/// The priority of an order on its side: greater is better.
fn priority(side: u8, order: &Order) -> (u64, u64) {
    let time = u64::MAX - order.order_id;
    if side == 0 {
        (order.price, time)
    } else {
        (u64::MAX - order.price, time)
    }
}

impl BookSide {
    pub fn side(&self) -> Side {
        if self.side == 0 {
            Side::Bid
        } else {
            Side::Ask
        }
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn is_full(&self) -> bool {
        self.len() == MAX_ORDERS_PER_SIDE
    }

    /// The resting orders, worst first.
    pub fn orders(&self) -> &[Order] {
        &self.orders[..self.len()]
    }

    /// The resting orders, best first: the order in which takers meet them.
    pub fn iter_best_first(&self) -> impl Iterator<Item = &Order> {
        self.orders().iter().rev()
    }

    pub fn best(&self) -> Option<&Order> {
        self.orders().last()
    }

    pub fn best_mut(&mut self) -> Option<&mut Order> {
        let len = self.len();
        self.orders[..len].last_mut()
    }

    pub fn worst(&self) -> Option<&Order> {
        self.orders().first()
    }

    /// Whether `order` would rank better than the worst resting order.
    pub fn outranks_worst(&self, order: &Order) -> bool {
        self.worst()
            .is_none_or(|worst| priority(self.side, order) > priority(self.side, worst))
    }

    /// Inserts `order` at its place; `false` (and no change) when the side is full.
    pub fn insert(&mut self, order: Order) -> bool {
        let len = self.len();
        if len == MAX_ORDERS_PER_SIDE {
            return false;
        }
        let key = priority(self.side, &order);
        let at = self.orders[..len].partition_point(|resting| priority(self.side, resting) < key);
        self.orders.copy_within(at..len, at + 1);
        self.orders[at] = order;
        self.len += 1;
        true
    }

    /// Removes and returns the order at `index` (0 is the worst).
    pub fn remove(&mut self, index: usize) -> Order {
        let len = self.len();
        assert!(index < len, "order index out of range");
        let order = self.orders[index];
        self.orders.copy_within(index + 1..len, index);
        self.orders[len - 1] = Order::default();
        self.len -= 1;
        order
    }

    pub fn pop_best(&mut self) -> Option<Order> {
        (!self.is_empty()).then(|| self.remove(self.len() - 1))
    }

    /// The index of the order with `order_id`.
    pub fn position(&self, order_id: u64) -> Option<usize> {
        self.orders()
            .iter()
            .position(|order| order.order_id == order_id)
    }

    /// Removes, in one pass, up to `limit` orders for which `select` holds, best first, and
    /// passes each removed order to `removed`. Returns how many were removed.
    pub fn remove_where(
        &mut self,
        limit: usize,
        mut select: impl FnMut(&Order) -> bool,
        mut removed: impl FnMut(Order),
    ) -> usize {
        let len = self.len();
        // Best first, so that a limited pass removes the orders nearest the top; the kept
        // orders are compacted towards the end, preserving their order.
        let mut write = len;
        let mut count = 0;
        for read in (0..len).rev() {
            let order = self.orders[read];
            if count < limit && select(&order) {
                count += 1;
                removed(order);
            } else {
                write -= 1;
                self.orders[write] = order;
            }
        }
        if count > 0 {
            self.orders.copy_within(write..len, 0);
            for slot in &mut self.orders[len - count..len] {
                *slot = Order::default();
            }
            self.len -= count as u32;
        }
        count
    }

    /// Whether the orders are strictly sorted by priority, worst first.
    pub fn is_sorted(&self) -> bool {
        self.orders()
            .windows(2)
            .all(|pair| priority(self.side, &pair[0]) < priority(self.side, &pair[1]))
    }
}

/// Both sides of a market's book.
#[zero_copy]
#[derive(Debug)]
pub struct OrderBook {
    pub bids: BookSide,
    pub asks: BookSide,
}

impl OrderBook {
    /// Sets each side's tag; called once when the market is created.
    pub fn init(&mut self) {
        self.bids.side = Side::Bid.as_u8();
        self.asks.side = Side::Ask.as_u8();
    }

    pub fn side(&self, side: Side) -> &BookSide {
        match side {
            Side::Bid => &self.bids,
            Side::Ask => &self.asks,
        }
    }

    pub fn side_mut(&mut self, side: Side) -> &mut BookSide {
        match side {
            Side::Bid => &mut self.bids,
            Side::Ask => &mut self.asks,
        }
    }

    /// Whether the best bid is at or above the best ask.
    pub fn is_crossed(&self) -> bool {
        match (self.bids.best(), self.asks.best()) {
            (Some(bid), Some(ask)) => bid.price >= ask.price,
            _ => false,
        }
    }

    /// Finds the order with `order_id` on either side.
    pub fn find(&self, order_id: u64) -> Option<(Side, usize)> {
        [Side::Bid, Side::Ask].into_iter().find_map(|side| {
            self.side(side)
                .position(order_id)
                .map(|index| (side, index))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn empty_side(side: Side) -> Box<BookSide> {
        let mut book: Box<BookSide> = bytemuck::zeroed_box();
        book.side = side.as_u8();
        book
    }

    fn order(order_id: u64, price: u64) -> Order {
        Order {
            order_id,
            price,
            lots: 1,
            ..Order::default()
        }
    }

    #[test]
    fn bids_rank_by_higher_price_then_time() {
        let mut bids = empty_side(Side::Bid);
        for (id, price) in [(1, 40), (2, 50), (3, 40), (4, 45), (5, 50)] {
            assert!(bids.insert(order(id, price)));
        }
        let ids: Vec<u64> = bids.iter_best_first().map(|order| order.order_id).collect();
        assert_eq!(ids, [2, 5, 4, 1, 3]);
        assert!(bids.is_sorted());
    }

    #[test]
    fn asks_rank_by_lower_price_then_time() {
        let mut asks = empty_side(Side::Ask);
        for (id, price) in [(1, 60), (2, 55), (3, 60), (4, 55), (5, 70)] {
            assert!(asks.insert(order(id, price)));
        }
        let ids: Vec<u64> = asks.iter_best_first().map(|order| order.order_id).collect();
        assert_eq!(ids, [2, 4, 1, 3, 5]);
        assert_eq!(asks.pop_best().map(|order| order.order_id), Some(2));
        assert_eq!(asks.best().map(|order| order.order_id), Some(4));
    }

    #[test]
    fn a_full_side_refuses_inserts() {
        let mut bids = empty_side(Side::Bid);
        for id in 0..MAX_ORDERS_PER_SIDE as u64 {
            assert!(bids.insert(order(id, 1 + id % 90)));
        }
        assert!(bids.is_full());
        assert!(!bids.insert(order(10_000, 99)));
        assert!(bids.outranks_worst(&order(10_000, 99)));
        assert!(!bids.outranks_worst(&order(10_000, 1)));
    }

    proptest! {
        #[test]
        fn the_side_matches_a_sorted_model(
            ops in prop::collection::vec((0..4u8, 1..20u64, 0..64usize), 1..300),
            bid in any::<bool>(),
        ) {
            let side = if bid { Side::Bid } else { Side::Ask };
            let mut book = empty_side(side);
            let mut model: Vec<Order> = Vec::new();
            let mut next_id = 0;
            for (op, price, pick) in ops {
                match op {
                    0 | 1 => {
                        next_id += 1;
                        let new = order(next_id, price);
                        if book.insert(new) {
                            model.push(new);
                        }
                    }
                    2 if !model.is_empty() => {
                        let id = model[pick % model.len()].order_id;
                        let index = book.position(id).unwrap();
                        prop_assert_eq!(book.remove(index).order_id, id);
                        model.retain(|order| order.order_id != id);
                    }
                    _ => {
                        let mut gone = Vec::new();
                        let count = book.remove_where(pick % 5, |order| order.price % 3 == price % 3, |order| gone.push(order.order_id));
                        prop_assert_eq!(count, gone.len());
                        model.retain(|order| !gone.contains(&order.order_id));
                    }
                }
                // The model sorted best first.
                model.sort_by_key(|order| std::cmp::Reverse(priority(side.as_u8(), order)));
                let ids: Vec<u64> = book.iter_best_first().map(|order| order.order_id).collect();
                let expected: Vec<u64> = model.iter().map(|order| order.order_id).collect();
                prop_assert_eq!(ids, expected);
                prop_assert!(book.is_sorted());
                prop_assert!(book.orders[book.len()..].iter().all(|slot| *slot == Order::default()));
            }
        }
    }
}
