//! The order book's matching engine (programs/orderbook: `matching`, `book`, `seats`) on its
//! own, without the SVM: a deep book (hundreds of resting orders per side) on which makers post
//! and a taker sweeps, timed with `Instant`.

use std::time::{Duration, Instant};

use anchor_lang::prelude::Pubkey;
use anyhow::{anyhow, Result};
use orderbook::book::{OrderBook, Side};
use orderbook::matching::{
    Balances, BookEvent, Engine, OrderRequest, OrderType, SelfTradeBehavior,
};
use orderbook::math::{Lots, MarketParams, Ticks};
use orderbook::seats::SeatTable;

/// Resting orders per side kept on the book behind the touch, away from where the taker trades:
/// with the maker's 16 asks, a side holds at most 496 of its 512 slots (MAX_ORDERS_PER_SIDE),
/// so no order is evicted.
pub const BACKGROUND_DEPTH: usize = 480;
/// Fills per taker order (the program's match limit).
pub const FILLS_PER_TAKER: u64 = 16;

/// What one timed repetition did.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub orders: u64,
    pub fills: u64,
    pub elapsed: Duration,
}

/// A market with a maker, a taker and a background trader, each seat funded with far more than
/// the run trades, and `BACKGROUND_DEPTH` resting orders per side.
pub struct World {
    book: Box<OrderBook>,
    seats: Box<SeatTable>,
    fees: u64,
    maker: u32,
    taker: u32,
    next_order_id: u64,
}

fn params() -> MarketParams {
    // Ticks of 0.01 collateral per share, lots of 0.01 share, fees 0.1% / 0.3%.
    MarketParams::new(100, 10_000, 10, 30).expect("valid parameters")
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

const NOW: i64 = 1_700_000_000;
const FUNDS: u64 = 1 << 60;

impl World {
    pub fn new() -> Result<Self> {
        let mut book: Box<OrderBook> = bytemuck::zeroed_box();
        book.init();
        let mut world = World {
            book,
            seats: bytemuck::zeroed_box(),
            fees: 0,
            maker: 0,
            taker: 0,
            next_order_id: 1,
        };
        let mut seat = |seed: u8| -> Result<u32> {
            let owner = Pubkey::new_from_array([seed; 32]);
            let index = world
                .seats
                .find_or_claim(&owner)
                .map_err(|e| anyhow!("seat: {e}"))?;
            Ok(index)
        };
        let (background, maker, taker) = (seat(1)?, seat(2)?, seat(3)?);
        world.maker = maker;
        world.taker = taker;
        for index in [background, maker, taker] {
            let funds = Balances {
                base: FUNDS,
                quote: FUNDS,
            };
            world
                .engine()
                .deposit(index, funds)
                .map_err(|e| anyhow!("deposit: {e}"))?;
        }
        // Bids at 1..=40 ticks and asks at 60..=99, spread over the prices: far from 45..=55
        // where the maker posts and the taker takes, so they stay resting throughout.
        for i in 0..BACKGROUND_DEPTH as u64 {
            world.place(
                background,
                request(Side::Bid, OrderType::Limit, 1 + i % 40, 5),
            )?;
            world.place(
                background,
                request(Side::Ask, OrderType::Limit, 60 + i % 40, 5),
            )?;
        }
        Ok(world)
    }

    fn engine(&mut self) -> Engine<'_> {
        Engine::new(params(), &mut self.book, &mut self.seats, &mut self.fees)
    }

    fn place(&mut self, seat: u32, request: OrderRequest) -> Result<u64> {
        let order_id = self.next_order_id;
        self.next_order_id += 1;
        let outcome = self
            .engine()
            .place(seat, order_id, &request, NOW, Balances::default())
            .map_err(|e| anyhow!("place: {e}"))?;
        Ok(outcome
            .events
            .iter()
            .filter(|event| matches!(event, BookEvent::Fill(_)))
            .count() as u64)
    }

    /// `cycles` times: the maker posts `FILLS_PER_TAKER` asks at 45..=52 ticks and the taker's
    /// bid sweeps them all. Returns the orders placed and the fills made.
    pub fn run(&mut self, cycles: u64) -> Result<(u64, u64)> {
        let (mut orders, mut fills) = (0u64, 0u64);
        for cycle in 0..cycles {
            for i in 0..FILLS_PER_TAKER {
                let price = 45 + (i + cycle) % 8;
                self.place(self.maker, request(Side::Ask, OrderType::Limit, price, 3))?;
            }
            let lots = 3 * FILLS_PER_TAKER;
            let events = self.place(
                self.taker,
                request(Side::Bid, OrderType::ImmediateOrCancel, 55, lots),
            )?;
            orders += FILLS_PER_TAKER + 1;
            fills += events;
        }
        Ok((orders, fills))
    }

    pub fn depth(&self) -> (usize, usize) {
        (
            self.book.side(Side::Bid).len(),
            self.book.side(Side::Ask).len(),
        )
    }
}

/// One timed repetition of `cycles` cycles on a fresh book.
pub fn sample(cycles: u64) -> Result<Sample> {
    let mut world = World::new()?;
    let start = Instant::now();
    let (orders, fills) = world.run(cycles)?;
    let elapsed = start.elapsed();
    let (bids, asks) = world.depth();
    anyhow::ensure!(
        bids == BACKGROUND_DEPTH && asks == BACKGROUND_DEPTH,
        "the book should be back to its background depth, is {bids} x {asks}"
    );
    anyhow::ensure!(
        fills == cycles * FILLS_PER_TAKER,
        "{fills} fills in {cycles} cycles"
    );
    Ok(Sample {
        orders,
        fills,
        elapsed,
    })
}
