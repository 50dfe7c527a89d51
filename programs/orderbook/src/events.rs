//! Events carry everything an indexer needs without reading other accounts. They stay small:
//! a fill logs about 250 bytes, so an order with the most fills logs about 4 KB, far below a
//! validator's 10 KB log limit.

use anchor_lang::prelude::*;

use crate::book::Side;
use crate::matching::{OrderType, Removal, RemoveReason};
use crate::seats::SeatTable;

#[event]
pub struct MarketCreated {
    pub market: Pubkey,
    pub arena: Pubkey,
    pub outcome: u8,
    pub authority: Pubkey,
    pub base_mint: Pubkey,
    pub quote_mint: Pubkey,
    pub base_vault: Pubkey,
    pub quote_vault: Pubkey,
    pub creator: Pubkey,
    pub tick_size: u64,
    pub lot_size: u64,
    pub maker_fee_bps: u16,
    pub taker_fee_bps: u16,
    pub ts: i64,
}

#[event]
pub struct Deposited {
    pub market: Pubkey,
    pub owner: Pubkey,
    pub base_amount: u64,
    pub quote_amount: u64,
    /// The seat's free balances afterwards.
    pub base_free: u64,
    pub quote_free: u64,
}

#[event]
pub struct Withdrawn {
    pub market: Pubkey,
    pub owner: Pubkey,
    pub base_amount: u64,
    pub quote_amount: u64,
    pub base_free: u64,
    pub quote_free: u64,
}

/// One order placed, after its fills (each logged as [`OrderFilled`] before it).
#[event]
pub struct OrderPlaced {
    pub market: Pubkey,
    pub owner: Pubkey,
    pub order_id: u64,
    pub client_order_id: u64,
    pub side: Side,
    pub order_type: OrderType,
    /// Ticks: the limit price, or a market order's bound.
    pub price: u64,
    pub lots: u64,
    pub filled_lots: u64,
    /// Left resting on the book.
    pub posted_lots: u64,
    pub expiry_ts: i64,
    /// Taken from the wallet because the free balance fell short.
    pub base_deposited: u64,
    pub quote_deposited: u64,
    pub ts: i64,
}

#[event]
pub struct OrderFilled {
    pub market: Pubkey,
    pub maker: Pubkey,
    pub taker: Pubkey,
    pub maker_order_id: u64,
    pub taker_order_id: u64,
    /// The taker's side.
    pub taker_side: Side,
    /// Ticks: the maker's price.
    pub price: u64,
    pub lots: u64,
    pub base_amount: u64,
    /// Before fees.
    pub quote_amount: u64,
    pub maker_fee: u64,
    pub taker_fee: u64,
    /// Lots the maker's order has left on the book.
    pub maker_remaining_lots: u64,
}

/// A resting order left the book, or shrank (self-trade prevention), without a fill.
#[event]
pub struct OrderCancelled {
    pub market: Pubkey,
    pub owner: Pubkey,
    pub order_id: u64,
    pub client_order_id: u64,
    pub side: Side,
    pub price: u64,
    /// Lots taken off the order.
    pub lots: u64,
    /// Lots still resting (non-zero only when self-trade prevention reduced the order).
    pub remaining_lots: u64,
    pub reason: RemoveReason,
}

/// A resting order found expired, by matching or by `prune_expired`.
#[event]
pub struct OrderExpired {
    pub market: Pubkey,
    pub owner: Pubkey,
    pub order_id: u64,
    pub client_order_id: u64,
    pub side: Side,
    pub price: u64,
    pub lots: u64,
    pub expiry_ts: i64,
}

#[event]
pub struct FeesSwept {
    pub market: Pubkey,
    pub treasury_account: Pubkey,
    pub amount: u64,
    pub total_swept: u64,
}

/// Logs a removal from the engine as [`OrderExpired`] or [`OrderCancelled`].
pub fn emit_removal(market: Pubkey, owner: Pubkey, removal: &Removal) {
    let order = &removal.order;
    if removal.reason == RemoveReason::Expired {
        emit!(OrderExpired {
            market,
            owner,
            order_id: order.order_id,
            client_order_id: order.client_order_id,
            side: removal.side,
            price: order.price,
            lots: removal.lots.0,
            expiry_ts: order.expiry_ts,
        });
    } else {
        emit!(OrderCancelled {
            market,
            owner,
            order_id: order.order_id,
            client_order_id: order.client_order_id,
            side: removal.side,
            price: order.price,
            lots: removal.lots.0,
            remaining_lots: removal.remaining.0,
            reason: removal.reason,
        });
    }
}

/// Logs every removal of `removals`, finding each owner in `seats`.
pub fn emit_removals(market: Pubkey, seats: &SeatTable, removals: &[Removal]) {
    for removal in removals {
        emit_removal(market, seats.get(removal.seat).owner, removal);
    }
}
