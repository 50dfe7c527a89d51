//! The matching engine: orders against a book, settled atomically into trader seats.
//!
//! Every operation works on the book, the seats and the accrued fees of one market and either
//! succeeds or returns an error; the program's instructions revert on error, so a failed
//! operation may leave partial changes behind (callers of the pure engine discard them).
//!
//! Settlement needs no crank: a fill moves the maker's locked funds and the taker's funds
//! between their seats at once. The taker's funds come from its free balance first; what is
//! missing is reported back as a deposit for the instruction to transfer from the wallet.
//!
//! Pure: no accounts, no syscalls; every loop is bounded by an explicit limit.

use anchor_lang::prelude::*;

use crate::book::{Order, OrderBook, Side};
use crate::constants::{MAX_CANCELS_PER_IX, MAX_MATCH_LIMIT, MAX_REMOVALS_PER_ORDER};
use crate::errors::OrderbookError;
use crate::math::{Lots, MarketParams, Ticks};
use crate::seats::SeatTable;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderType {
    /// Takes what crosses, rests the remainder (good till cancelled, or till `expiry_ts`).
    Limit,
    /// Rests in full or is rejected: never takes.
    PostOnly,
    /// Takes what crosses up to its limit price; never rests.
    ImmediateOrCancel,
    /// Fills in full at or better than its limit price, or is rejected.
    FillOrKill,
    /// Takes what it can up to its worst-price bound (`price`); never rests.
    Market,
}

/// What happens when an order meets a resting order of the same trader.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfTradeBehavior {
    /// The resting order is cancelled and matching goes on.
    CancelProvide,
    /// The overlap is taken off both orders without a trade, and matching goes on.
    DecrementTake,
    /// The whole instruction fails.
    AbortTransaction,
}

/// Why a resting order left the book (or shrank) without a fill.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemoveReason {
    /// Its owner cancelled it.
    Cancelled,
    /// Its expiry time passed.
    Expired,
    /// Self-trade prevention: its owner's own order met it.
    SelfTrade,
    /// The side was full and a better order took its slot.
    Evicted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderRequest {
    pub side: Side,
    pub order_type: OrderType,
    /// The limit price, or a market order's worst-price bound.
    pub price: Ticks,
    pub lots: Lots,
    pub client_order_id: u64,
    /// 0 for none; only Limit and PostOnly orders may expire.
    pub expiry_ts: i64,
    pub self_trade: SelfTradeBehavior,
    /// The most fills this order may take; 0 for [`MAX_MATCH_LIMIT`].
    pub match_limit: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fill {
    pub maker_seat: u32,
    pub maker_order_id: u64,
    pub maker_client_order_id: u64,
    pub price: Ticks,
    pub lots: Lots,
    pub base_amount: u64,
    pub quote_amount: u64,
    pub maker_fee: u64,
    pub taker_fee: u64,
    /// What the maker's order has left on the book.
    pub maker_remaining: Lots,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removal {
    pub seat: u32,
    pub side: Side,
    /// The order as it rested before.
    pub order: Order,
    /// Lots taken off; less than `order.lots` when self-trade prevention only reduced it.
    pub lots: Lots,
    pub remaining: Lots,
    pub reason: RemoveReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookEvent {
    Fill(Fill),
    Removal(Removal),
}

/// Amounts of base and quote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balances {
    pub base: u64,
    pub quote: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceOutcome {
    pub order_id: u64,
    pub filled: Lots,
    /// Lots left resting on the book.
    pub posted: Lots,
    /// Lots neither filled nor posted (IOC remainder, self-trade decrements, match limit).
    pub cancelled: Lots,
    /// Base the taker received (bid) or gave (ask) in fills.
    pub base_traded: u64,
    /// Quote of the fills before fees.
    pub quote_traded: u64,
    pub taker_fees: u64,
    /// What the free balance lacked and the wallet must transfer into the vaults.
    pub deposit: Balances,
    /// In the order they happened: removals, fills, then an eviction to make room.
    pub events: Vec<BookEvent>,
}

/// The state of one market the engine works on.
pub struct Engine<'a> {
    pub params: MarketParams,
    pub book: &'a mut OrderBook,
    pub seats: &'a mut SeatTable,
    /// Fees accrued and not yet swept, in quote.
    pub fees: &'a mut u64,
}

fn overflow() -> Error {
    error!(OrderbookError::Overflow)
}

fn sub(a: u64, b: u64) -> Result<u64> {
    a.checked_sub(b).ok_or_else(overflow)
}

fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b).ok_or_else(overflow)
}

impl<'a> Engine<'a> {
    pub fn new(
        params: MarketParams,
        book: &'a mut OrderBook,
        seats: &'a mut SeatTable,
        fees: &'a mut u64,
    ) -> Self {
        Engine {
            params,
            book,
            seats,
            fees,
        }
    }

    /// What a resting order of `lots` on `side` at `price` locks.
    pub fn lock_of(&self, side: Side, lots: Lots, price: Ticks) -> Result<u64> {
        match side {
            Side::Bid => self.params.bid_lock(lots, price),
            Side::Ask => self.params.ask_lock(lots),
        }
        .ok_or_else(overflow)
    }

    /// Moves the lock of a resting order shrinking from `before` to `after` lots back to its
    /// owner's free balance.
    fn release(&mut self, side: Side, order: &Order, before: Lots, after: Lots) -> Result<()> {
        let amount = sub(
            self.lock_of(side, before, order.price())?,
            self.lock_of(side, after, order.price())?,
        )?;
        let seat = self.seats.get_mut(order.seat);
        match side {
            Side::Bid => {
                seat.quote_locked = sub(seat.quote_locked, amount)?;
                seat.quote_free = add(seat.quote_free, amount)?;
            }
            Side::Ask => {
                seat.base_locked = sub(seat.base_locked, amount)?;
                seat.base_free = add(seat.base_free, amount)?;
            }
        }
        Ok(())
    }

    /// Takes a whole order off the book and releases its lock.
    fn remove_resting(
        &mut self,
        side: Side,
        index: usize,
        reason: RemoveReason,
    ) -> Result<Removal> {
        let order = self.book.side_mut(side).remove(index);
        self.forget(side, &order, reason)
    }

    /// Releases the lock of an order already taken off the book.
    fn forget(&mut self, side: Side, order: &Order, reason: RemoveReason) -> Result<Removal> {
        self.release(side, order, order.lots(), Lots::ZERO)?;
        let seat = self.seats.get_mut(order.seat);
        seat.open_orders = seat.open_orders.checked_sub(1).ok_or_else(overflow)?;
        Ok(Removal {
            seat: order.seat,
            side,
            order: *order,
            lots: order.lots(),
            remaining: Lots::ZERO,
            reason,
        })
    }

    fn validate(&self, request: &OrderRequest, now: i64) -> Result<u8> {
        require!(!request.lots.is_zero(), OrderbookError::ZeroSize);
        require!(
            self.params.is_valid_price(request.price),
            OrderbookError::InvalidPrice
        );
        if request.expiry_ts != 0 {
            require!(
                matches!(request.order_type, OrderType::Limit | OrderType::PostOnly)
                    && request.expiry_ts > now,
                OrderbookError::InvalidExpiry
            );
        }
        require!(
            request.match_limit <= MAX_MATCH_LIMIT,
            OrderbookError::MatchLimitTooHigh
        );
        Ok(match request.match_limit {
            0 => MAX_MATCH_LIMIT,
            limit => limit,
        })
    }

    /// Places an order for the trader at `seat`. `wallet` is what its token accounts hold: the
    /// most the instruction can transfer in when the free balance falls short.
    pub fn place(
        &mut self,
        seat: u32,
        order_id: u64,
        request: &OrderRequest,
        now: i64,
        wallet: Balances,
    ) -> Result<PlaceOutcome> {
        let match_limit = self.validate(request, now)?;
        let side = request.side;
        let maker_side = side.opposite();
        let post_only = request.order_type == OrderType::PostOnly;

        let mut events = Vec::new();
        let mut remaining = request.lots;
        let mut filled = Lots::ZERO;
        let mut base_traded = 0u64;
        let mut quote_traded = 0u64;
        let mut taker_fees = 0u64;
        let mut fills = 0u8;
        let mut removals = 0usize;
        let mut stopped_by_limit = false;

        // Each pass fills, removes or reduces one resting order, or stops: at most
        // `match_limit` fills and `MAX_REMOVALS_PER_ORDER` removals, then a last pass.
        for _ in 0..=(usize::from(MAX_MATCH_LIMIT) + MAX_REMOVALS_PER_ORDER) {
            if remaining.is_zero() {
                break;
            }
            let makers = self.book.side(maker_side);
            let Some(&best) = makers.best() else { break };
            let best_index = makers.len() - 1;
            if !side.crosses(request.price, best.price()) {
                break;
            }
            let expired = best.is_expired(now);
            if post_only && !expired {
                return err!(OrderbookError::PostOnlyWouldTake);
            }
            if expired || best.seat == seat {
                if !expired && request.self_trade == SelfTradeBehavior::AbortTransaction {
                    return err!(OrderbookError::SelfTrade);
                }
                if removals == MAX_REMOVALS_PER_ORDER {
                    stopped_by_limit = true;
                    break;
                }
                removals += 1;
                let removal = if expired {
                    self.remove_resting(maker_side, best_index, RemoveReason::Expired)?
                } else if request.self_trade == SelfTradeBehavior::CancelProvide {
                    self.remove_resting(maker_side, best_index, RemoveReason::SelfTrade)?
                } else {
                    // DecrementTake: the overlap leaves both orders without a trade.
                    let overlap = remaining.min(best.lots());
                    remaining = remaining.checked_sub(overlap).ok_or_else(overflow)?;
                    self.reduce_best(maker_side, overlap)?
                };
                events.push(BookEvent::Removal(removal));
                continue;
            }
            if fills == match_limit {
                stopped_by_limit = true;
                break;
            }
            fills += 1;
            let fill = self.fill_best(maker_side, remaining)?;
            remaining = remaining.checked_sub(fill.lots).ok_or_else(overflow)?;
            filled = filled.checked_add(fill.lots).ok_or_else(overflow)?;
            base_traded = add(base_traded, fill.base_amount)?;
            quote_traded = add(quote_traded, fill.quote_amount)?;
            taker_fees = add(taker_fees, fill.taker_fee)?;
            events.push(BookEvent::Fill(fill));
        }

        if request.order_type == OrderType::FillOrKill && filled != request.lots {
            return err!(OrderbookError::FillOrKillNotFilled);
        }
        let rests = matches!(request.order_type, OrderType::Limit | OrderType::PostOnly)
            && !stopped_by_limit;
        let posted = if rests { remaining } else { Lots::ZERO };
        let cancelled = request
            .lots
            .checked_sub(filled)
            .and_then(|lots| lots.checked_sub(posted))
            .ok_or_else(overflow)?;
        let lock = if posted.is_zero() {
            0
        } else {
            self.lock_of(side, posted, request.price)?
        };

        // The taker pays in what it trades away and what its resting remainder locks.
        let (need, received) = match side {
            Side::Bid => (
                Balances {
                    base: 0,
                    quote: add(add(quote_traded, taker_fees)?, lock)?,
                },
                Balances {
                    base: base_traded,
                    quote: 0,
                },
            ),
            Side::Ask => (
                Balances {
                    base: add(base_traded, lock)?,
                    quote: 0,
                },
                Balances {
                    base: 0,
                    quote: sub(quote_traded, taker_fees)?,
                },
            ),
        };
        let taker = self.seats.get_mut(seat);
        let deposit = Balances {
            base: need.base.saturating_sub(taker.base_free),
            quote: need.quote.saturating_sub(taker.quote_free),
        };
        require!(
            deposit.base <= wallet.base && deposit.quote <= wallet.quote,
            OrderbookError::InsufficientFunds
        );
        taker.base_free = sub(add(taker.base_free, deposit.base)?, need.base)?;
        taker.quote_free = sub(add(taker.quote_free, deposit.quote)?, need.quote)?;
        taker.base_free = add(taker.base_free, received.base)?;
        taker.quote_free = add(taker.quote_free, received.quote)?;
        match side {
            Side::Bid => taker.quote_locked = add(taker.quote_locked, lock)?,
            Side::Ask => taker.base_locked = add(taker.base_locked, lock)?,
        }

        if !posted.is_zero() {
            let order = Order {
                order_id,
                client_order_id: request.client_order_id,
                price: request.price.0,
                lots: posted.0,
                expiry_ts: request.expiry_ts,
                seat,
                _padding: [0; 4],
            };
            let resting = self.book.side(side);
            if resting.is_full() {
                require!(resting.outranks_worst(&order), OrderbookError::BookFull);
                let evicted = self.remove_resting(side, 0, RemoveReason::Evicted)?;
                events.push(BookEvent::Removal(evicted));
            }
            let inserted = self.book.side_mut(side).insert(order);
            debug_assert!(inserted, "a slot was free or made free");
            let taker = self.seats.get_mut(seat);
            taker.open_orders = taker.open_orders.checked_add(1).ok_or_else(overflow)?;
        }

        Ok(PlaceOutcome {
            order_id,
            filled,
            posted,
            cancelled,
            base_traded,
            quote_traded,
            taker_fees,
            deposit,
            events,
        })
    }

    /// Fills up to `lots` against the best order of `maker_side`, settling the maker's seat
    /// and the fees; the taker's side is settled by the caller.
    fn fill_best(&mut self, maker_side: Side, lots: Lots) -> Result<Fill> {
        let params = self.params;
        let makers = self.book.side_mut(maker_side);
        let best = *makers.best().ok_or_else(overflow)?;
        let lots = lots.min(best.lots());
        let price = best.price();
        let maker_remaining = best.lots().checked_sub(lots).ok_or_else(overflow)?;
        let base_amount = params.base_amount(lots).ok_or_else(overflow)?;
        let quote_amount = params.quote_amount(lots, price).ok_or_else(overflow)?;
        let taker_fee = params.taker_fee().fee_ceil(quote_amount);
        let maker_fee = sub(
            params
                .maker_fee_on(best.lots(), price)
                .ok_or_else(overflow)?,
            params
                .maker_fee_on(maker_remaining, price)
                .ok_or_else(overflow)?,
        )?;
        if maker_remaining.is_zero() {
            makers.pop_best();
        } else if let Some(order) = makers.best_mut() {
            order.lots = maker_remaining.0;
        }

        let maker = self.seats.get_mut(best.seat);
        match maker_side {
            Side::Bid => {
                maker.quote_locked = sub(maker.quote_locked, add(quote_amount, maker_fee)?)?;
                maker.base_free = add(maker.base_free, base_amount)?;
            }
            Side::Ask => {
                maker.base_locked = sub(maker.base_locked, base_amount)?;
                maker.quote_free = add(maker.quote_free, sub(quote_amount, maker_fee)?)?;
            }
        }
        if maker_remaining.is_zero() {
            maker.open_orders = maker.open_orders.checked_sub(1).ok_or_else(overflow)?;
        }
        *self.fees = add(*self.fees, add(maker_fee, taker_fee)?)?;
        Ok(Fill {
            maker_seat: best.seat,
            maker_order_id: best.order_id,
            maker_client_order_id: best.client_order_id,
            price,
            lots,
            base_amount,
            quote_amount,
            maker_fee,
            taker_fee,
            maker_remaining,
        })
    }

    /// Takes `lots` off the best order of `side` without a trade.
    fn reduce_best(&mut self, side: Side, lots: Lots) -> Result<Removal> {
        let makers = self.book.side_mut(side);
        let best = *makers.best().ok_or_else(overflow)?;
        let remaining = best.lots().checked_sub(lots).ok_or_else(overflow)?;
        if remaining.is_zero() {
            let index = makers.len() - 1;
            return self.remove_resting(side, index, RemoveReason::SelfTrade);
        }
        if let Some(order) = makers.best_mut() {
            order.lots = remaining.0;
        }
        self.release(side, &best, best.lots(), remaining)?;
        Ok(Removal {
            seat: best.seat,
            side,
            order: best,
            lots,
            remaining,
            reason: RemoveReason::SelfTrade,
        })
    }

    /// Cancels the order `order_id` of the trader at `seat`.
    pub fn cancel(&mut self, seat: u32, order_id: u64) -> Result<Removal> {
        let (side, index) = self
            .book
            .find(order_id)
            .ok_or(error!(OrderbookError::OrderNotFound))?;
        require!(
            self.book.side(side).orders()[index].seat == seat,
            OrderbookError::NotOrderOwner
        );
        self.remove_resting(side, index, RemoveReason::Cancelled)
    }

    /// Removes up to `limit` orders (best first, bids then asks) for which `select` holds.
    fn remove_selected(
        &mut self,
        limit: u8,
        reason: RemoveReason,
        mut select: impl FnMut(&Order) -> bool,
    ) -> Result<Vec<Removal>> {
        require!(
            limit <= MAX_CANCELS_PER_IX,
            OrderbookError::CancelLimitTooHigh
        );
        let limit = usize::from(if limit == 0 {
            MAX_CANCELS_PER_IX
        } else {
            limit
        });
        let mut removed = Vec::new();
        for side in [Side::Bid, Side::Ask] {
            let left = limit - removed.len();
            let mut orders = Vec::new();
            self.book
                .side_mut(side)
                .remove_where(left, &mut select, |order| orders.push(order));
            for order in orders {
                removed.push(self.forget(side, &order, reason)?);
            }
        }
        Ok(removed)
    }

    /// Cancels the trader's orders carrying `client_order_id` (at most `limit`, 0 for the
    /// maximum); at least one must rest.
    pub fn cancel_by_client_id(
        &mut self,
        seat: u32,
        client_order_id: u64,
        limit: u8,
    ) -> Result<Vec<Removal>> {
        let removed = self.remove_selected(limit, RemoveReason::Cancelled, |order| {
            order.seat == seat && order.client_order_id == client_order_id
        })?;
        require!(!removed.is_empty(), OrderbookError::OrderNotFound);
        Ok(removed)
    }

    /// Cancels up to `limit` (0 for the maximum) of the trader's orders.
    pub fn cancel_all(&mut self, seat: u32, limit: u8) -> Result<Vec<Removal>> {
        self.remove_selected(limit, RemoveReason::Cancelled, |order| order.seat == seat)
    }

    /// Removes up to `limit` (0 for the maximum) expired orders of anyone.
    pub fn prune_expired(&mut self, now: i64, limit: u8) -> Result<Vec<Removal>> {
        self.remove_selected(limit, RemoveReason::Expired, |order| order.is_expired(now))
    }

    pub fn deposit(&mut self, seat: u32, amounts: Balances) -> Result<()> {
        let seat = self.seats.get_mut(seat);
        seat.base_free = add(seat.base_free, amounts.base)?;
        seat.quote_free = add(seat.quote_free, amounts.quote)?;
        Ok(())
    }

    /// Takes `amounts` out of the seat's free balances; locked funds stay.
    pub fn withdraw(&mut self, seat: u32, amounts: Balances) -> Result<()> {
        let seat = self.seats.get_mut(seat);
        require!(
            amounts.base <= seat.base_free && amounts.quote <= seat.quote_free,
            OrderbookError::InsufficientFreeBalance
        );
        seat.base_free -= amounts.base;
        seat.quote_free -= amounts.quote;
        Ok(())
    }

    /// Every structural invariant of the book and the seats; a description of the first one
    /// broken. For tests and audits: it walks the whole book.
    pub fn check_invariants(&self) -> std::result::Result<(), String> {
        let mut locked = vec![Balances::default(); self.seats.seats.len()];
        let mut open = vec![0u32; self.seats.seats.len()];
        for side in [Side::Bid, Side::Ask] {
            let book = self.book.side(side);
            if book.side() != side {
                return Err(format!("the {side:?} side is tagged {:?}", book.side()));
            }
            if !book.is_sorted() {
                return Err(format!("the {side:?} side is not sorted"));
            }
            for order in book.orders() {
                if order.lots == 0 || !self.params.is_valid_price(order.price()) {
                    return Err(format!("invalid resting order {order:?}"));
                }
                let seat = order.seat as usize;
                if seat >= self.seats.used as usize
                    || self.seats.seats[seat].owner == Pubkey::default()
                {
                    return Err(format!("order {order:?} of an empty seat"));
                }
                let lock = self
                    .lock_of(side, order.lots(), order.price())
                    .map_err(|error| error.to_string())?;
                match side {
                    Side::Bid => locked[seat].quote += lock,
                    Side::Ask => locked[seat].base += lock,
                }
                open[seat] += 1;
            }
        }
        if self.book.is_crossed() {
            return Err("the book is crossed".into());
        }
        for (index, seat) in self.seats.seats.iter().enumerate() {
            let expected = locked[index];
            if seat.base_locked != expected.base || seat.quote_locked != expected.quote {
                return Err(format!(
                    "seat {index} locks {}/{} but its orders need {}/{}",
                    seat.base_locked, seat.quote_locked, expected.base, expected.quote
                ));
            }
            if seat.open_orders != open[index] {
                return Err(format!(
                    "seat {index} counts {} orders, {} rest",
                    seat.open_orders, open[index]
                ));
            }
            if seat.owner == Pubkey::default() && !seat.is_empty() {
                return Err(format!("free seat slot {index} holds funds"));
            }
        }
        Ok(())
    }

    /// Free plus locked balances of every seat, and the fees: what the vaults must hold.
    pub fn total_held(&self) -> std::result::Result<Balances, String> {
        let mut total = Balances {
            base: 0,
            quote: *self.fees,
        };
        for (_, seat) in self.seats.occupied() {
            total.base = [seat.base_free, seat.base_locked]
                .into_iter()
                .try_fold(total.base, u64::checked_add)
                .ok_or("base overflows")?;
            total.quote = [seat.quote_free, seat.quote_locked]
                .into_iter()
                .try_fold(total.quote, u64::checked_add)
                .ok_or("quote overflows")?;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests;
