//! Property: long random sequences of orders, cancels, deposits and withdrawals from several
//! traders, run in-process, keep after every instruction: vaults = free + locked + fees (base
//! and quote); locked = what resting orders need; the book sorted and never crossed; and the
//! fills logged account for every change of every trader's holdings (wallet + seat).
//!
//! The pure engine's own property test runs many more cases; this one checks the program
//! around it: accounts, token transfers and events.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use common::*;
use orderbook::book::Side;
use orderbook::events::OrderFilled;
use orderbook::instructions::PlaceOrderArgs;
use orderbook::matching::{OrderType, SelfTradeBehavior};
use proptest::prelude::*;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

const TRADERS: usize = 3;
const COLLATERAL: u64 = 50 * USDC;
const SHARES: u64 = 50 * USDC;

#[derive(Clone, Debug)]
enum Action {
    Place {
        trader: usize,
        args: PlaceOrderArgs,
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
        quarters: u64,
    },
    Advance {
        seconds: i64,
    },
    Prune,
}

fn place_args() -> impl Strategy<Value = PlaceOrderArgs> {
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
        prop_oneof![9 => 40..61u64, 1 => 0..101u64],
        prop_oneof![4 => 1..30u64, 1 => 1..3_000u64],
        0..3u64,
        prop_oneof![3 => Just(0i64), 1 => 1..60i64],
        self_trade,
        prop_oneof![3 => Just(0u8), 1 => 1..4u8],
    )
        .prop_map(
            |(side, order_type, price, lots, client_order_id, expiry, self_trade, match_limit)| {
                PlaceOrderArgs {
                    side,
                    order_type,
                    price,
                    lots,
                    client_order_id,
                    // Relative here; made absolute when sent.
                    expiry_ts: expiry,
                    self_trade,
                    match_limit,
                }
            },
        )
}

fn action() -> impl Strategy<Value = Action> {
    let trader = 0..TRADERS;
    prop_oneof![
        12 => (trader.clone(), place_args()).prop_map(|(trader, args)| Action::Place { trader, args }),
        3 => (trader.clone(), any::<usize>()).prop_map(|(trader, pick)| Action::Cancel { trader, pick }),
        1 => trader.clone().prop_map(|trader| Action::CancelAll { trader }),
        1 => (trader.clone(), 0..5 * USDC, 0..5 * USDC)
            .prop_map(|(trader, base, quote)| Action::Deposit { trader, base, quote }),
        2 => (trader, 0..=4u64).prop_map(|(trader, quarters)| Action::Withdraw { trader, quarters }),
        1 => (1..40i64).prop_map(|seconds| Action::Advance { seconds }),
        1 => Just(Action::Prune),
    ]
}

struct World {
    h: Harness,
    traders: Vec<Keypair>,
}

/// (base, quote) of a trader: wallet plus free plus locked.
fn holdings(h: &Harness, owner: &Pubkey) -> (i128, i128) {
    let market = h.market_state();
    let (base, quote) = market
        .seats
        .find(owner)
        .map(|index| {
            let seat = market.seats.get(index);
            (
                seat.base_free + seat.base_locked,
                seat.quote_free + seat.quote_locked,
            )
        })
        .unwrap_or_default();
    (
        i128::from(h.base_of(owner) + base),
        i128::from(h.quote_of(owner) + quote),
    )
}

impl World {
    fn new() -> Self {
        let mut h = Harness::new();
        let traders = (0..TRADERS).map(|_| h.trader(COLLATERAL, SHARES)).collect();
        World { h, traders }
    }

    fn apply(&mut self, action: &Action) -> Result<(), TestCaseError> {
        let owners: Vec<Pubkey> = self.traders.iter().map(Keypair::pubkey).collect();
        let before: Vec<(i128, i128)> = owners
            .iter()
            .map(|owner| holdings(&self.h, owner))
            .collect();
        let fees_before = self.h.market_state().fees_accrued;
        let mut expected = [(0i128, 0i128); TRADERS];
        let mut fill_fees = 0u64;
        let h = &mut self.h;
        match *action {
            Action::Place { trader, mut args } => {
                if args.expiry_ts != 0 {
                    args.expiry_ts += h.now();
                }
                let owner = &self.traders[trader];
                let ix = h.place_ix(&owner.pubkey(), args);
                if let Ok(meta) = h.run(owner, ix) {
                    for fill in events::<OrderFilled>(&meta.logs) {
                        let maker = owners
                            .iter()
                            .position(|o| *o == fill.maker)
                            .expect("a known maker");
                        prop_assert_eq!(fill.taker, owners[trader]);
                        let within = match args.side {
                            Side::Bid => fill.price <= args.price,
                            Side::Ask => fill.price >= args.price,
                        };
                        prop_assert!(
                            within,
                            "fill at {} beyond the limit {}",
                            fill.price,
                            args.price
                        );
                        let base = i128::from(fill.base_amount);
                        let quote = i128::from(fill.quote_amount);
                        let (maker_fee, taker_fee) =
                            (i128::from(fill.maker_fee), i128::from(fill.taker_fee));
                        let sign = if args.side == Side::Bid { 1 } else { -1 };
                        expected[trader].0 += sign * base;
                        expected[trader].1 -= sign * quote + taker_fee;
                        expected[maker].0 -= sign * base;
                        expected[maker].1 += sign * quote - maker_fee;
                        fill_fees += fill.maker_fee + fill.taker_fee;
                    }
                }
            }
            Action::Cancel { trader, pick } => {
                let market = h.market_state();
                let ids: Vec<u64> = market
                    .book
                    .bids
                    .orders()
                    .iter()
                    .chain(market.book.asks.orders())
                    .map(|order| order.order_id)
                    .collect();
                if !ids.is_empty() {
                    let owner = &self.traders[trader];
                    let ix = h.cancel_ix(&owner.pubkey(), ids[pick % ids.len()]);
                    let _ = h.run(owner, ix);
                }
            }
            Action::CancelAll { trader } => {
                let owner = &self.traders[trader];
                let ix = h.cancel_all_ix(&owner.pubkey(), 0);
                let _ = h.run(owner, ix);
            }
            Action::Deposit {
                trader,
                base,
                quote,
            } => {
                let owner = &self.traders[trader];
                let ix = h.deposit_ix(&owner.pubkey(), base, quote);
                let _ = h.run(owner, ix);
            }
            Action::Withdraw { trader, quarters } => {
                let owner = &self.traders[trader];
                let market = h.market_state();
                if let Some(index) = market.seats.find(&owner.pubkey()) {
                    let seat = market.seats.get(index);
                    let ix = h.withdraw_ix(
                        &owner.pubkey(),
                        seat.base_free / 4 * quarters,
                        seat.quote_free / 4 * quarters,
                    );
                    let _ = h.run(owner, ix);
                }
            }
            Action::Advance { seconds } => h.advance(seconds),
            Action::Prune => {
                let cranker = self.traders[0].insecure_clone();
                let ix = h.prune_ix(0);
                h.run(&cranker, ix).expect("prune never fails");
            }
        }

        let mut market = self.h.market_state();
        let (base_vault, quote_vault) = self.h.vaults();
        let fees = market.fees_accrued;
        let engine = market.engine().expect("valid market");
        engine.check_invariants().map_err(TestCaseError::fail)?;
        let held = engine.total_held().map_err(TestCaseError::fail)?;
        prop_assert_eq!((base_vault, quote_vault), (held.base, held.quote));
        prop_assert_eq!(fees, fees_before + fill_fees);
        for (index, owner) in owners.iter().enumerate() {
            let after = holdings(&self.h, owner);
            let change = (after.0 - before[index].0, after.1 - before[index].1);
            prop_assert_eq!(change, expected[index], "trader {}", index);
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_vaults_and_the_book_consistent(
        actions in prop::collection::vec(action(), 100..200),
    ) {
        let mut world = World::new();
        for action in &actions {
            world.apply(action)?;
        }
    }
}
