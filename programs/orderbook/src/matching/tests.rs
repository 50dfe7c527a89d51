//! The engine without a runtime: each behaviour by example, then long random sequences from
//! several traders checked after every operation.

use super::*;
use crate::constants::{MAX_ORDERS_PER_SIDE, MAX_SEATS};
use crate::seats::Seat;
use proptest::prelude::*;

/// Lots of 0.01 share (10_000 base units), ticks of 0.01 collateral per share (100 quote
/// units per lot): prices 1..=99 ticks. Maker fee 0.1%, taker fee 0.3%.
fn params() -> MarketParams {
    MarketParams::new(100, 10_000, 10, 30).unwrap()
}

const FUNDS: u64 = 1_000_000_000;

/// A market and its traders' wallets; a failed operation leaves everything as it was, as a
/// failed transaction does.
#[derive(Clone)]
struct World {
    book: Box<OrderBook>,
    seats: Box<SeatTable>,
    fees: u64,
    traders: Vec<Pubkey>,
    wallets: Vec<Balances>,
    next_order_id: u64,
    now: i64,
}

impl World {
    fn new(traders: usize) -> Self {
        let mut book: Box<OrderBook> = bytemuck::zeroed_box();
        book.init();
        World {
            book,
            seats: bytemuck::zeroed_box(),
            fees: 0,
            traders: (0..traders).map(|_| Pubkey::new_unique()).collect(),
            wallets: vec![
                Balances {
                    base: FUNDS,
                    quote: FUNDS
                };
                traders
            ],
            next_order_id: 1,
            now: 1_000,
        }
    }

    fn engine(&mut self) -> Engine<'_> {
        Engine::new(params(), &mut self.book, &mut self.seats, &mut self.fees)
    }

    /// Runs `op` on a copy and keeps the copy only when it succeeds.
    fn transact<T>(&mut self, op: impl FnOnce(&mut World) -> Result<T>) -> Result<T> {
        let mut copy = self.clone();
        let result = op(&mut copy)?;
        *self = copy;
        Ok(result)
    }

    fn seat(&mut self, trader: usize) -> u32 {
        let owner = self.traders[trader];
        self.seats.find_or_claim(&owner).unwrap()
    }

    fn place(&mut self, trader: usize, request: OrderRequest) -> Result<PlaceOutcome> {
        self.transact(|world| {
            let seat = world.seat(trader);
            let order_id = world.next_order_id;
            world.next_order_id += 1;
            let (now, wallet) = (world.now, world.wallets[trader]);
            let outcome = world
                .engine()
                .place(seat, order_id, &request, now, wallet)?;
            let wallet = &mut world.wallets[trader];
            wallet.base -= outcome.deposit.base;
            wallet.quote -= outcome.deposit.quote;
            Ok(outcome)
        })
    }

    fn deposit(&mut self, trader: usize, base: u64, quote: u64) -> Result<()> {
        self.transact(|world| {
            let seat = world.seat(trader);
            let wallet = &mut world.wallets[trader];
            wallet.base = wallet
                .base
                .checked_sub(base)
                .ok_or(error!(OrderbookError::InsufficientFunds))?;
            wallet.quote = wallet
                .quote
                .checked_sub(quote)
                .ok_or(error!(OrderbookError::InsufficientFunds))?;
            world.engine().deposit(seat, Balances { base, quote })
        })
    }

    fn withdraw(&mut self, trader: usize, base: u64, quote: u64) -> Result<()> {
        self.transact(|world| {
            let owner = world.traders[trader];
            let seat = world
                .seats
                .find(&owner)
                .ok_or(error!(OrderbookError::NoSeat))?;
            world.engine().withdraw(seat, Balances { base, quote })?;
            world.seats.release_if_empty(seat);
            world.wallets[trader].base += base;
            world.wallets[trader].quote += quote;
            Ok(())
        })
    }

    fn cancel(&mut self, trader: usize, order_id: u64) -> Result<Removal> {
        self.transact(|world| {
            let owner = world.traders[trader];
            let seat = world
                .seats
                .find(&owner)
                .ok_or(error!(OrderbookError::NoSeat))?;
            world.engine().cancel(seat, order_id)
        })
    }

    fn seat_of(&self, trader: usize) -> Seat {
        self.seats
            .find(&self.traders[trader])
            .map(|seat| *self.seats.get(seat))
            .unwrap_or_default()
    }

    /// Wallet plus free plus locked.
    fn holdings(&self, trader: usize) -> Balances {
        let seat = self.seat_of(trader);
        let wallet = self.wallets[trader];
        Balances {
            base: wallet.base + seat.base_free + seat.base_locked,
            quote: wallet.quote + seat.quote_free + seat.quote_locked,
        }
    }

    fn ids(&self, side: Side) -> Vec<u64> {
        self.book
            .side(side)
            .iter_best_first()
            .map(|order| order.order_id)
            .collect()
    }

    fn check(&mut self) {
        self.engine().check_invariants().unwrap();
    }
}

fn request(side: Side, order_type: OrderType, price: u64, lots: u64) -> OrderRequest {
    OrderRequest {
        side,
        order_type,
        price: Ticks(price),
        lots: Lots(lots),
        client_order_id: 0,
        expiry_ts: 0,
        self_trade: SelfTradeBehavior::CancelProvide,
        match_limit: 0,
    }
}

fn limit(side: Side, price: u64, lots: u64) -> OrderRequest {
    request(side, OrderType::Limit, price, lots)
}

fn fills(outcome: &PlaceOutcome) -> Vec<(u64, u64, u64)> {
    outcome
        .events
        .iter()
        .filter_map(|event| match event {
            BookEvent::Fill(fill) => Some((fill.maker_order_id, fill.price.0, fill.lots.0)),
            BookEvent::Removal(_) => None,
        })
        .collect()
}

fn assert_error<T: std::fmt::Debug>(result: Result<T>, expected: OrderbookError) {
    let error = result.expect_err("expected a failure");
    assert_eq!(error, Error::from(expected), "expected {expected:?}");
}

#[test]
fn a_crossing_bid_fills_at_the_makers_prices_in_price_time_priority() {
    let mut world = World::new(3);
    let a1 = world.place(0, limit(Side::Ask, 60, 5)).unwrap().order_id;
    let a2 = world.place(1, limit(Side::Ask, 55, 5)).unwrap().order_id;
    let a3 = world.place(0, limit(Side::Ask, 55, 5)).unwrap().order_id;
    let outcome = world.place(2, limit(Side::Bid, 60, 12)).unwrap();
    // The better price first, and among equal prices the older order.
    assert_eq!(fills(&outcome), [(a2, 55, 5), (a3, 55, 5), (a1, 60, 2)]);
    assert_eq!(outcome.filled, Lots(12));
    assert_eq!(outcome.posted, Lots(0));
    assert_eq!(world.ids(Side::Ask), [a1]);
    assert_eq!(
        world.book.asks.best().unwrap().lots,
        3,
        "a partial fill leaves the rest"
    );
    world.check();

    // Quote: 10 lots at 55 and 2 at 60 ticks of 100 units.
    let quote = 10 * 55 * 100 + 2 * 60 * 100;
    let taker_fee: u64 = [5 * 55 * 100u64, 5 * 55 * 100, 2 * 60 * 100]
        .iter()
        .map(|quote| (quote * 30).div_ceil(10_000))
        .sum();
    let buyer = world.holdings(2);
    assert_eq!(buyer.base, FUNDS + 12 * 10_000);
    assert_eq!(buyer.quote, FUNDS - quote - taker_fee);
    let maker_fees = params().maker_fee_on(Lots(5), Ticks(55)).unwrap() * 2
        + params().maker_fee_on(Lots(5), Ticks(60)).unwrap()
        - params().maker_fee_on(Lots(3), Ticks(60)).unwrap();
    assert_eq!(world.fees, taker_fee + maker_fees);
}

#[test]
fn a_limit_order_rests_its_remainder_and_locks_exactly_what_it_needs() {
    let mut world = World::new(2);
    world.place(0, limit(Side::Ask, 50, 4)).unwrap();
    let outcome = world.place(1, limit(Side::Bid, 52, 10)).unwrap();
    assert_eq!((outcome.filled, outcome.posted), (Lots(4), Lots(6)));
    let seat = world.seat_of(1);
    assert_eq!(
        seat.quote_locked,
        params().bid_lock(Lots(6), Ticks(52)).unwrap()
    );
    assert_eq!(
        seat.quote_free, 0,
        "the wallet paid exactly what was needed"
    );
    assert_eq!(world.book.bids.best().unwrap().price, 52);
    world.check();
}

#[test]
fn free_balances_are_spent_before_the_wallet() {
    let mut world = World::new(1);
    world.deposit(0, 0, 3_000).unwrap();
    let outcome = world.place(0, limit(Side::Bid, 50, 1)).unwrap();
    // The bid locks 5_000 quote and a 5-unit maker fee; the seat had 3_000 of it.
    assert_eq!(
        outcome.deposit,
        Balances {
            base: 0,
            quote: 2_005
        }
    );
    assert_eq!(world.seat_of(0).quote_free, 0);
    world.wallets[0].base = 0;
    assert_error(
        world.place(0, limit(Side::Ask, 60, 1)),
        OrderbookError::InsufficientFunds,
    );
}

#[test]
fn post_only_never_takes() {
    let mut world = World::new(2);
    world.place(0, limit(Side::Ask, 50, 4)).unwrap();
    let before = world.clone();
    assert_error(
        world.place(1, request(Side::Bid, OrderType::PostOnly, 50, 1)),
        OrderbookError::PostOnlyWouldTake,
    );
    assert_eq!(world.holdings(1), before.holdings(1));
    let outcome = world
        .place(1, request(Side::Bid, OrderType::PostOnly, 49, 1))
        .unwrap();
    assert_eq!((outcome.filled, outcome.posted), (Lots(0), Lots(1)));
    world.check();
}

#[test]
fn immediate_or_cancel_never_rests() {
    let mut world = World::new(2);
    world.place(0, limit(Side::Ask, 50, 4)).unwrap();
    let outcome = world
        .place(1, request(Side::Bid, OrderType::ImmediateOrCancel, 55, 10))
        .unwrap();
    assert_eq!(
        (outcome.filled, outcome.posted, outcome.cancelled),
        (Lots(4), Lots(0), Lots(6))
    );
    assert!(world.book.bids.is_empty() && world.book.asks.is_empty());
    let outcome = world
        .place(1, request(Side::Bid, OrderType::ImmediateOrCancel, 55, 10))
        .unwrap();
    assert_eq!(outcome.cancelled, Lots(10), "nothing to take is no error");
    assert_eq!(world.seat_of(1).quote_locked, 0);
    world.check();
}

#[test]
fn a_market_order_respects_its_worst_price() {
    let mut world = World::new(2);
    world.place(0, limit(Side::Bid, 40, 3)).unwrap();
    world.place(0, limit(Side::Bid, 35, 3)).unwrap();
    world.place(0, limit(Side::Bid, 30, 3)).unwrap();
    let outcome = world
        .place(1, request(Side::Ask, OrderType::Market, 35, 100))
        .unwrap();
    assert_eq!(
        fills(&outcome)
            .iter()
            .map(|fill| fill.1)
            .collect::<Vec<_>>(),
        [40, 35]
    );
    assert_eq!((outcome.filled, outcome.posted), (Lots(6), Lots(0)));
    assert_eq!(world.book.bids.best().unwrap().price, 30);
    world.check();
}

#[test]
fn fill_or_kill_fills_fully_or_not_at_all() {
    let mut world = World::new(2);
    world.place(0, limit(Side::Ask, 50, 3)).unwrap();
    world.place(0, limit(Side::Ask, 52, 3)).unwrap();
    let before = world.holdings(1);
    assert_error(
        world.place(1, request(Side::Bid, OrderType::FillOrKill, 52, 7)),
        OrderbookError::FillOrKillNotFilled,
    );
    assert_error(
        world.place(1, request(Side::Bid, OrderType::FillOrKill, 51, 6)),
        OrderbookError::FillOrKillNotFilled,
    );
    assert_eq!(world.holdings(1), before);
    assert_eq!(world.book.asks.len(), 2);
    let outcome = world
        .place(1, request(Side::Bid, OrderType::FillOrKill, 52, 6))
        .unwrap();
    assert_eq!(outcome.filled, Lots(6));
    assert!(world.book.asks.is_empty());
    world.check();
}

#[test]
fn self_trade_cancel_provide_cancels_the_resting_order_and_goes_on() {
    let mut world = World::new(2);
    let own = world.place(0, limit(Side::Ask, 50, 3)).unwrap().order_id;
    let other = world.place(1, limit(Side::Ask, 51, 3)).unwrap().order_id;
    let outcome = world.place(0, limit(Side::Bid, 51, 4)).unwrap();
    assert!(matches!(
        outcome.events[0],
        BookEvent::Removal(Removal { reason: RemoveReason::SelfTrade, order, .. }) if order.order_id == own
    ));
    assert_eq!(fills(&outcome), [(other, 51, 3)]);
    assert_eq!(outcome.posted, Lots(1));
    world.check();
}

#[test]
fn self_trade_decrement_take_shrinks_both_orders_without_a_trade() {
    let mut world = World::new(2);
    let own = world.place(0, limit(Side::Ask, 50, 5)).unwrap().order_id;
    world.place(1, limit(Side::Ask, 50, 3)).unwrap();
    let mut bid = limit(Side::Bid, 50, 2);
    bid.self_trade = SelfTradeBehavior::DecrementTake;
    let outcome = world.place(0, bid).unwrap();
    assert_eq!(
        (outcome.filled, outcome.posted, outcome.cancelled),
        (Lots(0), Lots(0), Lots(2))
    );
    assert_eq!(world.book.asks.best().unwrap().order_id, own);
    assert_eq!(world.book.asks.best().unwrap().lots, 3);
    assert_eq!(world.fees, 0);
    // The overlap is taken off, then the rest fills against the other trader.
    let mut bid = limit(Side::Bid, 50, 5);
    bid.self_trade = SelfTradeBehavior::DecrementTake;
    let outcome = world.place(0, bid).unwrap();
    assert_eq!((outcome.filled, outcome.posted), (Lots(2), Lots(0)));
    assert_eq!(world.book.asks.len(), 1);
    world.check();
}

#[test]
fn self_trade_abort_fails_the_order() {
    let mut world = World::new(1);
    world.place(0, limit(Side::Ask, 50, 5)).unwrap();
    let mut bid = limit(Side::Bid, 50, 2);
    bid.self_trade = SelfTradeBehavior::AbortTransaction;
    assert_error(world.place(0, bid), OrderbookError::SelfTrade);
    let mut bid = limit(Side::Bid, 49, 2);
    bid.self_trade = SelfTradeBehavior::AbortTransaction;
    world
        .place(0, bid)
        .expect("an order that does not cross its own is fine");
    world.check();
}

#[test]
fn expired_orders_are_removed_by_matching_and_by_prune() {
    let mut world = World::new(3);
    let mut ask = limit(Side::Ask, 50, 2);
    ask.expiry_ts = world.now + 10;
    let expiring = world.place(0, ask).unwrap().order_id;
    let live = world.place(1, limit(Side::Ask, 51, 2)).unwrap().order_id;
    let mut bid = limit(Side::Bid, 20, 1);
    bid.expiry_ts = world.now + 10;
    world.place(1, bid).unwrap();
    world.now += 10;
    let outcome = world.place(2, limit(Side::Bid, 51, 1)).unwrap();
    assert!(matches!(
        outcome.events[0],
        BookEvent::Removal(Removal { reason: RemoveReason::Expired, order, .. }) if order.order_id == expiring
    ));
    assert_eq!(fills(&outcome), [(live, 51, 1)]);
    assert_eq!(world.seat_of(0).base_locked, 0);
    assert_eq!(
        world.seat_of(0).base_free,
        20_000,
        "the expired order's base is free again"
    );
    let now = world.now;
    let pruned = world.engine().prune_expired(now, 0).unwrap();
    assert_eq!(pruned.len(), 1);
    assert!(world.book.bids.is_empty());
    world.check();
    let mut late = limit(Side::Bid, 20, 1);
    late.expiry_ts = world.now;
    assert_error(world.place(2, late), OrderbookError::InvalidExpiry);
    let mut ioc = request(Side::Bid, OrderType::ImmediateOrCancel, 20, 1);
    ioc.expiry_ts = world.now + 5;
    assert_error(world.place(2, ioc), OrderbookError::InvalidExpiry);
}

#[test]
fn the_match_limit_bounds_fills_and_the_remainder_never_rests_crossed() {
    let mut world = World::new(2);
    for _ in 0..5 {
        world.place(0, limit(Side::Ask, 50, 1)).unwrap();
    }
    let mut bid = limit(Side::Bid, 50, 5);
    bid.match_limit = 3;
    let outcome = world.place(1, bid).unwrap();
    assert_eq!(
        (outcome.filled, outcome.posted, outcome.cancelled),
        (Lots(3), Lots(0), Lots(2))
    );
    world.check();
    bid.match_limit = MAX_MATCH_LIMIT + 1;
    assert_error(world.place(1, bid), OrderbookError::MatchLimitTooHigh);
}

#[test]
fn invalid_orders_are_rejected() {
    let mut world = World::new(1);
    assert_error(
        world.place(0, limit(Side::Bid, 0, 1)),
        OrderbookError::InvalidPrice,
    );
    assert_error(
        world.place(0, limit(Side::Bid, 100, 1)),
        OrderbookError::InvalidPrice,
    );
    assert_error(
        world.place(0, limit(Side::Ask, 50, 0)),
        OrderbookError::ZeroSize,
    );
    assert_error(
        world.place(0, limit(Side::Ask, 50, u64::MAX)),
        OrderbookError::Overflow,
    );
}

#[test]
fn cancels_touch_only_the_owners_orders() {
    let mut world = World::new(2);
    let mine = world.place(0, limit(Side::Bid, 40, 2)).unwrap().order_id;
    let mut tagged = limit(Side::Ask, 60, 2);
    tagged.client_order_id = 7;
    world.place(0, tagged).unwrap();
    world.place(0, tagged).unwrap();
    world.place(0, limit(Side::Ask, 61, 2)).unwrap();
    let theirs = world.place(1, limit(Side::Bid, 41, 2)).unwrap().order_id;
    assert_error(world.cancel(0, theirs), OrderbookError::NotOrderOwner);
    assert_error(world.cancel(0, 999), OrderbookError::OrderNotFound);
    world.cancel(0, mine).unwrap();
    let seat = world.seat(0);
    let removed = world.engine().cancel_by_client_id(seat, 7, 0).unwrap();
    assert_eq!(removed.len(), 2);
    assert_error(
        world.engine().cancel_by_client_id(seat, 7, 0),
        OrderbookError::OrderNotFound,
    );
    let removed = world.engine().cancel_all(seat, 0).unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(world.ids(Side::Bid), [theirs]);
    let seat = world.seat_of(0);
    assert_eq!(
        (seat.base_locked, seat.quote_locked, seat.open_orders),
        (0, 0, 0)
    );
    world.check();
}

#[test]
fn locked_funds_cannot_be_withdrawn() {
    let mut world = World::new(1);
    world.place(0, limit(Side::Ask, 60, 2)).unwrap();
    assert_eq!(world.seat_of(0).base_locked, 20_000);
    assert_error(
        world.withdraw(0, 1, 0),
        OrderbookError::InsufficientFreeBalance,
    );
    let order_id = world.book.asks.best().unwrap().order_id;
    world.cancel(0, order_id).unwrap();
    world.withdraw(0, 20_000, 0).unwrap();
    assert_eq!(
        world.seats.find(&world.traders[0]),
        None,
        "an empty seat is released"
    );
}

#[test]
fn a_full_side_evicts_its_worst_order_for_a_better_one() {
    let mut world = World::new(2);
    for index in 0..MAX_ORDERS_PER_SIDE as u64 {
        world
            .place(0, limit(Side::Bid, 10 + index % 40, 1))
            .unwrap();
    }
    assert_error(
        world.place(1, limit(Side::Bid, 10, 1)),
        OrderbookError::BookFull,
    );
    let worst = *world.book.bids.worst().unwrap();
    let outcome = world.place(1, limit(Side::Bid, 11, 1)).unwrap();
    assert!(matches!(
        outcome.events.last(),
        Some(BookEvent::Removal(Removal { reason: RemoveReason::Evicted, order, .. })) if *order == worst
    ));
    assert_eq!(world.book.bids.len(), MAX_ORDERS_PER_SIDE);
    world.check();
}

#[test]
fn seats_run_out() {
    let mut world = World::new(MAX_SEATS + 1);
    for trader in 0..MAX_SEATS {
        world.deposit(trader, 1, 0).unwrap();
    }
    let owner = world.traders[MAX_SEATS];
    assert_error(world.seats.find_or_claim(&owner), OrderbookError::SeatsFull);
}

// ---- Random sequences ----

#[derive(Clone, Debug)]
enum Op {
    Place {
        trader: usize,
        request: OrderRequest,
    },
    Cancel {
        trader: usize,
        pick: usize,
    },
    CancelAll {
        trader: usize,
    },
    Deposit {
        trader: usize,
        base: u64,
        quote: u64,
    },
    Withdraw {
        trader: usize,
        fraction: u8,
    },
    Advance {
        seconds: i64,
    },
    Prune,
}

const TRADERS: usize = 4;

fn order_request() -> impl Strategy<Value = OrderRequest> {
    let side = prop_oneof![Just(Side::Bid), Just(Side::Ask)];
    let order_type = prop_oneof![
        4 => Just(OrderType::Limit),
        2 => Just(OrderType::PostOnly),
        1 => Just(OrderType::ImmediateOrCancel),
        1 => Just(OrderType::FillOrKill),
        1 => Just(OrderType::Market),
    ];
    let self_trade = prop_oneof![
        Just(SelfTradeBehavior::CancelProvide),
        Just(SelfTradeBehavior::DecrementTake),
        Just(SelfTradeBehavior::AbortTransaction),
    ];
    (
        side,
        order_type,
        // Prices clustered around the middle so that books cross often; a few invalid.
        prop_oneof![8 => 40..61u64, 1 => 0..101u64],
        prop_oneof![4 => 1..20u64, 1 => 1..400u64],
        0..4u64,
        prop_oneof![3 => Just(0i64), 1 => 1..40i64],
        self_trade,
        prop_oneof![3 => Just(0u8), 1 => 1..5u8],
    )
        .prop_map(
            |(side, order_type, price, lots, client_order_id, expiry, self_trade, match_limit)| {
                OrderRequest {
                    side,
                    order_type,
                    price: Ticks(price),
                    lots: Lots(lots),
                    client_order_id,
                    // Relative here; made absolute when applied.
                    expiry_ts: expiry,
                    self_trade,
                    match_limit,
                }
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    let trader = 0..TRADERS;
    prop_oneof![
        12 => (trader.clone(), order_request()).prop_map(|(trader, request)| Op::Place { trader, request }),
        3 => (trader.clone(), any::<usize>()).prop_map(|(trader, pick)| Op::Cancel { trader, pick }),
        1 => trader.clone().prop_map(|trader| Op::CancelAll { trader }),
        1 => (trader.clone(), 0..100_000u64, 0..100_000u64)
            .prop_map(|(trader, base, quote)| Op::Deposit { trader, base, quote }),
        2 => (trader, 0..=4u8).prop_map(|(trader, fraction)| Op::Withdraw { trader, fraction }),
        1 => (1..30i64).prop_map(|seconds| Op::Advance { seconds }),
        1 => Just(Op::Prune),
    ]
}

/// What fills should have changed: per trader, the base and quote moved (signed).
fn expected_changes(
    trader: usize,
    taker_side: Side,
    world: &World,
    outcome: &PlaceOutcome,
) -> Vec<(i128, i128)> {
    let mut changes = vec![(0i128, 0i128); TRADERS];
    for event in &outcome.events {
        let BookEvent::Fill(fill) = event else {
            continue;
        };
        let maker_owner = world.seats.get(fill.maker_seat).owner;
        let maker = world
            .traders
            .iter()
            .position(|owner| *owner == maker_owner)
            .unwrap();
        let base = i128::from(fill.base_amount);
        let quote = i128::from(fill.quote_amount);
        let (maker_fee, taker_fee) = (i128::from(fill.maker_fee), i128::from(fill.taker_fee));
        match taker_side {
            Side::Bid => {
                changes[trader].0 += base;
                changes[trader].1 -= quote + taker_fee;
                changes[maker].0 -= base;
                changes[maker].1 += quote - maker_fee;
            }
            Side::Ask => {
                changes[trader].0 -= base;
                changes[trader].1 += quote - taker_fee;
                changes[maker].0 += base;
                changes[maker].1 -= quote + maker_fee;
            }
        }
    }
    changes
}

fn apply(world: &mut World, op: &Op) -> std::result::Result<(), TestCaseError> {
    let before: Vec<Balances> = (0..TRADERS).map(|trader| world.holdings(trader)).collect();
    let fees_before = world.fees;
    let mut expected = vec![(0i128, 0i128); TRADERS];
    let mut fill_fees = 0u64;
    match op {
        Op::Place { trader, request } => {
            let mut request = *request;
            if request.expiry_ts != 0 {
                request.expiry_ts += world.now;
            }
            if let Ok(outcome) = world.place(*trader, request) {
                prop_assert!(
                    outcome
                        .events
                        .iter()
                        .filter(|event| matches!(event, BookEvent::Fill(_)))
                        .count()
                        <= usize::from(MAX_MATCH_LIMIT)
                );
                prop_assert_eq!(
                    outcome.filled.0 + outcome.posted.0 + outcome.cancelled.0,
                    request.lots.0
                );
                match request.order_type {
                    OrderType::PostOnly => prop_assert_eq!(outcome.filled, Lots(0)),
                    OrderType::ImmediateOrCancel | OrderType::Market | OrderType::FillOrKill => {
                        prop_assert_eq!(outcome.posted, Lots(0))
                    }
                    OrderType::Limit => {}
                }
                if request.order_type == OrderType::FillOrKill {
                    prop_assert_eq!(outcome.filled, request.lots);
                }
                for event in &outcome.events {
                    if let BookEvent::Fill(fill) = event {
                        prop_assert!(request.side.crosses(request.price, fill.price));
                        fill_fees += fill.maker_fee + fill.taker_fee;
                    }
                }
                expected = expected_changes(*trader, request.side, world, &outcome);
            }
        }
        Op::Cancel { trader, pick } => {
            let orders: Vec<u64> = world
                .book
                .bids
                .orders()
                .iter()
                .chain(world.book.asks.orders())
                .map(|order| order.order_id)
                .collect();
            if !orders.is_empty() {
                let _ = world.cancel(*trader, orders[pick % orders.len()]);
            }
        }
        Op::CancelAll { trader } => {
            let owner = world.traders[*trader];
            if let Some(seat) = world.seats.find(&owner) {
                world.engine().cancel_all(seat, 0).unwrap();
            }
        }
        Op::Deposit {
            trader,
            base,
            quote,
        } => {
            let _ = world.deposit(*trader, *base, *quote);
        }
        Op::Withdraw { trader, fraction } => {
            let seat = world.seat_of(*trader);
            let _ = world.withdraw(
                *trader,
                seat.base_free / 4 * u64::from(*fraction),
                seat.quote_free / 4 * u64::from(*fraction),
            );
        }
        Op::Advance { seconds } => world.now += seconds,
        Op::Prune => {
            let now = world.now;
            world.engine().prune_expired(now, 0).unwrap();
        }
    }

    world
        .engine()
        .check_invariants()
        .map_err(TestCaseError::fail)?;
    // Conservation: every trader's wallet plus seat, and the fees, add up to what was funded.
    let held = world.engine().total_held().map_err(TestCaseError::fail)?;
    let wallets = world
        .wallets
        .iter()
        .fold(Balances::default(), |sum, wallet| Balances {
            base: sum.base + wallet.base,
            quote: sum.quote + wallet.quote,
        });
    prop_assert_eq!(held.base + wallets.base, FUNDS * TRADERS as u64);
    prop_assert_eq!(held.quote + wallets.quote, FUNDS * TRADERS as u64);
    // The fills account for every change of holdings, and for the fees.
    prop_assert_eq!(world.fees, fees_before + fill_fees);
    for trader in 0..TRADERS {
        let after = world.holdings(trader);
        let change = (
            i128::from(after.base) - i128::from(before[trader].base),
            i128::from(after.quote) - i128::from(before[trader].quote),
        );
        prop_assert_eq!(change, expected[trader], "trader {}", trader);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_every_invariant(ops in prop::collection::vec(op(), 1..400)) {
        let mut world = World::new(TRADERS);
        for op in &ops {
            apply(&mut world, op)?;
        }
    }
}
