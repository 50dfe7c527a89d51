//! Every order book instruction in-process through the localnet's bridge: each order type's
//! behaviour, settlement to the unit, and every rejection that protects money.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use anchor_lang::error::ErrorCode as AnchorError;
use common::*;
use orderbook::book::Side;
use orderbook::constants::MAX_MATCH_LIMIT;
use orderbook::errors::OrderbookError;
use orderbook::events::{
    Deposited, FeesSwept, OrderCancelled, OrderExpired, OrderFilled, OrderPlaced, Withdrawn,
};
use orderbook::matching::{OrderType, RemoveReason, SelfTradeBehavior};
use orderbook::math::{Lots, MarketParams, Ticks};
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

fn params() -> MarketParams {
    MarketParams::new(TICK_SIZE, LOT_SIZE, MAKER_FEE_BPS, TAKER_FEE_BPS).unwrap()
}

fn quote(lots: u64, price: u64) -> u64 {
    lots * price * TICK_SIZE
}

fn taker_fee(quote: u64) -> u64 {
    (quote * u64::from(TAKER_FEE_BPS)).div_ceil(10_000)
}

fn maker_fee(lots: u64, price: u64) -> u64 {
    params().maker_fee_on(Lots(lots), Ticks(price)).unwrap()
}

fn place(
    h: &mut Harness,
    trader: &Keypair,
    args: orderbook::instructions::PlaceOrderArgs,
) -> Vec<String> {
    let ix = h.place_ix(&trader.pubkey(), args);
    logs(h.run(trader, ix))
}

fn place_result(
    h: &mut Harness,
    trader: &Keypair,
    args: orderbook::instructions::PlaceOrderArgs,
) -> litesvm::types::TransactionResult {
    let ix = h.place_ix(&trader.pubkey(), args);
    h.run(trader, ix)
}

fn placed(logs: &[String]) -> OrderPlaced {
    events::<OrderPlaced>(logs)
        .pop()
        .expect("an OrderPlaced event")
}

/// Vaults hold exactly the seats' free and locked balances and the fees; locks match orders.
fn assert_balanced(h: &Harness) {
    let mut market = h.market_state();
    let (base_vault, quote_vault) = h.vaults();
    let engine = market.engine().unwrap();
    engine.check_invariants().unwrap();
    let held = engine.total_held().unwrap();
    assert_eq!((base_vault, quote_vault), (held.base, held.quote));
}

#[test]
fn create_market_initializes_the_book_and_its_vaults() {
    let h = Harness::new();
    let market = h.market_state();
    assert_eq!(market.arena, h.arena);
    assert_eq!(market.base_mint, h.base_mint());
    assert_eq!(market.quote_mint, h.collateral);
    assert_eq!(market.base_vault, base_vault(&h.market));
    assert_eq!(market.quote_vault, quote_vault(&h.market));
    assert_eq!(market.authority, market_authority(&h.arena, OUTCOME));
    assert_eq!((market.tick_size, market.lot_size), (TICK_SIZE, LOT_SIZE));
    assert_eq!(
        (market.maker_fee_bps, market.taker_fee_bps),
        (MAKER_FEE_BPS, TAKER_FEE_BPS)
    );
    assert_eq!(market.next_order_id, 1);
    assert_eq!((market.book.bids.side, market.book.asks.side), (0, 1));
    assert_eq!(h.vaults(), (0, 0));
}

#[test]
fn one_market_per_outcome_created_by_the_arena_creator_or_admin() {
    let mut h = Harness::new();
    let creator = h.creator.insecure_clone();
    // The (arena, outcome) authority PDA exists already.
    assert!(h
        .create_market(&creator, OUTCOME, market_args(OUTCOME))
        .is_err());
    let stranger = h.trader(0, 0);
    let result = h
        .create_market(&stranger, 1, market_args(1))
        .map(|_| ())
        .map_err(|e| *e);
    assert_orderbook_error(
        result.map(|_| Default::default()),
        OrderbookError::NotMarketCreator,
    );
    let mut args = market_args(1);
    args.tick_size = 3;
    let result = h.create_market(&creator, 1, args).map_err(|e| *e);
    assert_orderbook_error(
        result.map(|_| Default::default()),
        OrderbookError::InvalidMarketParams,
    );
    let mut args = market_args(1);
    args.taker_fee_bps = 1_001;
    let result = h.create_market(&creator, 1, args).map_err(|e| *e);
    assert_orderbook_error(
        result.map(|_| Default::default()),
        OrderbookError::FeeTooHigh,
    );
    let result = h.create_market(&creator, 2, market_args(2)).map_err(|e| *e);
    assert_orderbook_error(
        result.map(|_| Default::default()),
        OrderbookError::InvalidOutcome,
    );
    // The admin may create one too.
    let admin = h.admin.insecure_clone();
    let second = h
        .create_market(&admin, 1, market_args(1))
        .expect("admin creates");
    assert_eq!(
        market_at(&h.svm, &second).base_mint,
        outcome_mint(&h.arena, 1)
    );
}

#[test]
fn deposits_and_withdrawals_move_free_balances() {
    let mut h = Harness::new();
    let alice = h.trader(500 * USDC, 100 * USDC);
    let ix = h.deposit_ix(&alice.pubkey(), 40 * USDC, 200 * USDC);
    let deposited = events::<Deposited>(&logs(h.run(&alice, ix)));
    assert_eq!(
        (deposited[0].base_free, deposited[0].quote_free),
        (40 * USDC, 200 * USDC)
    );
    assert_eq!(h.vaults(), (40 * USDC, 200 * USDC));
    assert_eq!(h.base_of(&alice.pubkey()), 60 * USDC);
    let ix = h.withdraw_ix(&alice.pubkey(), 40 * USDC, 50 * USDC);
    let withdrawn = events::<Withdrawn>(&logs(h.run(&alice, ix)));
    assert_eq!(withdrawn[0].quote_free, 150 * USDC);
    assert_eq!(h.base_of(&alice.pubkey()), 100 * USDC);
    assert_eq!(h.quote_of(&alice.pubkey()), 350 * USDC);
    let ix = h.withdraw_ix(&alice.pubkey(), 0, 150 * USDC + 1);
    assert_orderbook_error(h.run(&alice, ix), OrderbookError::InsufficientFreeBalance);
    assert_balanced(&h);

    // A wallet without a seat has nothing to withdraw; nobody spends another's tokens.
    let bob = h.trader(10 * USDC, 0);
    let ix = h.withdraw_ix(&bob.pubkey(), 0, 1);
    assert_orderbook_error(h.run(&bob, ix), OrderbookError::NoSeat);
    let mut ix = h.deposit_ix(&bob.pubkey(), 0, USDC);
    ix.accounts[4].pubkey = h.base_account(&alice.pubkey());
    ix.accounts[5].pubkey = h.quote_account(&alice.pubkey());
    assert!(
        h.run(&bob, ix).is_err(),
        "bob cannot deposit alice's tokens"
    );
}

#[test]
fn two_makers_quote_and_a_taker_crosses_with_exact_settlement() {
    let mut h = Harness::new();
    let maker1 = h.trader(0, 100 * USDC);
    let maker2 = h.trader(0, 100 * USDC);
    let taker = h.trader(100 * USDC, 0);
    let first = placed(&place(&mut h, &maker1, limit(Side::Ask, 55, 300)));
    let second = placed(&place(&mut h, &maker2, limit(Side::Ask, 55, 200)));
    let third = placed(&place(&mut h, &maker1, limit(Side::Ask, 54, 100)));
    assert_eq!(
        h.vaults(),
        (600 * LOT_SIZE, 0),
        "asks lock their base from the wallets"
    );
    assert_balanced(&h);

    let logs = place(&mut h, &taker, limit(Side::Bid, 55, 450));
    let fills = events::<OrderFilled>(&logs);
    let order = placed(&logs);
    // Best price first, then the older of equal prices.
    let sequence: Vec<(u64, u64, u64)> = fills
        .iter()
        .map(|f| (f.maker_order_id, f.price, f.lots))
        .collect();
    assert_eq!(
        sequence,
        [
            (third.order_id, 54, 100),
            (first.order_id, 55, 300),
            (second.order_id, 55, 50)
        ]
    );
    assert_eq!((order.filled_lots, order.posted_lots), (450, 0));
    assert!(fills
        .iter()
        .all(|f| f.taker == taker.pubkey() && f.taker_order_id == order.order_id));
    assert_eq!(fills[2].maker, maker2.pubkey());
    assert_eq!(fills[2].maker_remaining_lots, 150);

    let paid = quote(100, 54) + quote(300, 55) + quote(50, 55);
    let taker_fees =
        taker_fee(quote(100, 54)) + taker_fee(quote(300, 55)) + taker_fee(quote(50, 55));
    assert_eq!(order.quote_deposited, paid + taker_fees);
    assert_eq!(h.quote_of(&taker.pubkey()), 100 * USDC - paid - taker_fees);
    let market = h.market_state();
    let seat = |owner: &Pubkey| *market.seats.get(market.seats.find(owner).unwrap());
    assert_eq!(seat(&taker.pubkey()).base_free, 450 * LOT_SIZE);
    assert_eq!(
        seat(&maker1.pubkey()).quote_free,
        quote(100, 54) - maker_fee(100, 54) + quote(300, 55) - maker_fee(300, 55)
    );
    let maker2_fee = maker_fee(200, 55) - maker_fee(150, 55);
    assert_eq!(
        seat(&maker2.pubkey()).quote_free,
        quote(50, 55) - maker2_fee
    );
    assert_eq!(seat(&maker2.pubkey()).base_locked, 150 * LOT_SIZE);
    assert_eq!(
        market.fees_accrued,
        taker_fees + maker_fee(100, 54) + maker_fee(300, 55) + maker2_fee
    );
    assert_balanced(&h);

    // Everyone withdraws to the unit.
    let ix = h.withdraw_ix(&taker.pubkey(), 450 * LOT_SIZE, 0);
    h.run(&taker, ix).expect("withdraw");
    assert_eq!(h.base_of(&taker.pubkey()), 450 * LOT_SIZE);
    assert_balanced(&h);
}

#[test]
fn post_only_never_takes_and_ioc_never_rests() {
    let mut h = Harness::new();
    let maker = h.trader(0, 10 * USDC);
    let taker = h.trader(10 * USDC, 0);
    place(&mut h, &maker, limit(Side::Ask, 50, 10));
    let before = h.quote_of(&taker.pubkey());
    assert_orderbook_error(
        place_result(&mut h, &taker, order(Side::Bid, OrderType::PostOnly, 50, 1)),
        OrderbookError::PostOnlyWouldTake,
    );
    assert_eq!(h.quote_of(&taker.pubkey()), before);
    let posted = placed(&place(
        &mut h,
        &taker,
        order(Side::Bid, OrderType::PostOnly, 49, 1),
    ));
    assert_eq!((posted.filled_lots, posted.posted_lots), (0, 1));

    let ioc = placed(&place(
        &mut h,
        &taker,
        order(Side::Bid, OrderType::ImmediateOrCancel, 50, 25),
    ));
    assert_eq!((ioc.filled_lots, ioc.posted_lots), (10, 0));
    let market = h.market_state();
    assert_eq!(market.book.asks.len(), 0);
    assert_eq!(market.book.bids.len(), 1, "only the PostOnly bid rests");
    assert_balanced(&h);
}

#[test]
fn fill_or_kill_fills_fully_or_fails_and_market_orders_respect_their_bound() {
    let mut h = Harness::new();
    let maker = h.trader(0, 10 * USDC);
    let taker = h.trader(10 * USDC, 0);
    place(&mut h, &maker, limit(Side::Ask, 50, 10));
    place(&mut h, &maker, limit(Side::Ask, 60, 10));
    assert_orderbook_error(
        place_result(
            &mut h,
            &taker,
            order(Side::Bid, OrderType::FillOrKill, 55, 11),
        ),
        OrderbookError::FillOrKillNotFilled,
    );
    assert_eq!(h.market_state().book.asks.len(), 2);
    let fok = placed(&place(
        &mut h,
        &taker,
        order(Side::Bid, OrderType::FillOrKill, 60, 15),
    ));
    assert_eq!(fok.filled_lots, 15);

    let market = placed(&place(
        &mut h,
        &taker,
        order(Side::Bid, OrderType::Market, 59, 5),
    ));
    assert_eq!(
        (market.filled_lots, market.posted_lots),
        (0, 0),
        "the bound is below the ask"
    );
    let logs = place(&mut h, &taker, order(Side::Bid, OrderType::Market, 60, 50));
    assert!(events::<OrderFilled>(&logs)
        .iter()
        .all(|fill| fill.price <= 60));
    assert_eq!(placed(&logs).filled_lots, 5);
    assert_balanced(&h);
}

#[test]
fn each_self_trade_mode() {
    let mut h = Harness::new();
    let trader = h.trader(10 * USDC, 10 * USDC);
    let own = placed(&place(&mut h, &trader, limit(Side::Ask, 50, 10))).order_id;

    let mut abort = limit(Side::Bid, 50, 4);
    abort.self_trade = SelfTradeBehavior::AbortTransaction;
    assert_orderbook_error(
        place_result(&mut h, &trader, abort),
        OrderbookError::SelfTrade,
    );

    let mut decrement = limit(Side::Bid, 50, 4);
    decrement.self_trade = SelfTradeBehavior::DecrementTake;
    let logs = place(&mut h, &trader, decrement);
    let cancelled = events::<OrderCancelled>(&logs);
    assert_eq!(
        (
            cancelled[0].order_id,
            cancelled[0].lots,
            cancelled[0].remaining_lots
        ),
        (own, 4, 6)
    );
    assert_eq!(cancelled[0].reason, RemoveReason::SelfTrade);
    assert_eq!(
        (placed(&logs).filled_lots, placed(&logs).posted_lots),
        (0, 0)
    );
    assert!(events::<OrderFilled>(&logs).is_empty());

    let logs = place(&mut h, &trader, limit(Side::Bid, 50, 4));
    let cancelled = events::<OrderCancelled>(&logs);
    assert_eq!((cancelled[0].order_id, cancelled[0].lots), (own, 6));
    assert_eq!(
        placed(&logs).posted_lots,
        4,
        "the resting order is gone and the bid rests"
    );
    assert_eq!(h.market_state().fees_accrued, 0);
    assert_balanced(&h);
}

#[test]
fn expired_orders_are_removed_by_matching_and_by_a_permissionless_prune() {
    let mut h = Harness::new();
    let maker = h.trader(10 * USDC, 10 * USDC);
    let taker = h.trader(10 * USDC, 0);
    let mut ask = limit(Side::Ask, 50, 10);
    ask.expiry_ts = h.now() + 60;
    let expiring = placed(&place(&mut h, &maker, ask)).order_id;
    place(&mut h, &maker, limit(Side::Ask, 52, 10));
    let mut bid = limit(Side::Bid, 30, 10);
    bid.expiry_ts = h.now() + 60;
    let stale_bid = placed(&place(&mut h, &maker, bid)).order_id;

    h.advance(60);
    let logs = place(&mut h, &taker, limit(Side::Bid, 52, 5));
    let expired = events::<OrderExpired>(&logs);
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].order_id, expiring);
    assert!(events::<OrderFilled>(&logs)
        .iter()
        .all(|fill| fill.price == 52));

    let cranker = h.trader(0, 0);
    let ix = h.prune_ix(0);
    let pruned = events::<OrderExpired>(&logs_of(h.run(&cranker, ix)));
    assert_eq!(
        pruned.iter().map(|e| e.order_id).collect::<Vec<_>>(),
        [stale_bid]
    );
    let market = h.market_state();
    let seat = market
        .seats
        .get(market.seats.find(&maker.pubkey()).unwrap());
    assert_eq!(seat.quote_locked, 0);
    assert_eq!(
        seat.base_free,
        10 * LOT_SIZE,
        "the expired ask's base is free again"
    );
    assert_balanced(&h);

    let mut late = limit(Side::Bid, 30, 1);
    late.expiry_ts = h.now();
    assert_orderbook_error(
        place_result(&mut h, &maker, late),
        OrderbookError::InvalidExpiry,
    );
}

fn logs_of(result: litesvm::types::TransactionResult) -> Vec<String> {
    logs(result)
}

#[test]
fn cancels_by_id_client_id_and_all_and_never_another_traders() {
    let mut h = Harness::new();
    let alice = h.trader(10 * USDC, 10 * USDC);
    let bob = h.trader(10 * USDC, 0);
    let first = placed(&place(&mut h, &alice, limit(Side::Bid, 40, 5))).order_id;
    let mut tagged = limit(Side::Ask, 60, 5);
    tagged.client_order_id = 42;
    place(&mut h, &alice, tagged);
    place(&mut h, &alice, limit(Side::Ask, 61, 5));
    place(&mut h, &alice, limit(Side::Ask, 62, 5));
    let bobs = placed(&place(&mut h, &bob, limit(Side::Bid, 41, 5))).order_id;

    let ix = h.cancel_ix(&alice.pubkey(), bobs);
    assert_orderbook_error(h.run(&alice, ix), OrderbookError::NotOrderOwner);
    let stranger = h.trader(0, 0);
    let ix = h.cancel_ix(&stranger.pubkey(), bobs);
    assert_orderbook_error(h.run(&stranger, ix), OrderbookError::NoSeat);
    // Naming alice as owner without her signature fails.
    let mut ix = h.cancel_ix(&alice.pubkey(), first);
    ix.accounts[0].is_signer = false;
    assert!(h.run(&bob, ix).is_err());

    let ix = h.cancel_ix(&alice.pubkey(), first);
    let cancelled = events::<OrderCancelled>(&logs(h.run(&alice, ix)));
    assert_eq!(
        (cancelled[0].order_id, cancelled[0].reason),
        (first, RemoveReason::Cancelled)
    );
    let ix = h.cancel_by_client_id_ix(&alice.pubkey(), 42);
    let cancelled = events::<OrderCancelled>(&logs(h.run(&alice, ix)));
    assert_eq!((cancelled.len(), cancelled[0].client_order_id), (1, 42));
    let ix = h.cancel_all_ix(&alice.pubkey(), 1);
    assert_eq!(events::<OrderCancelled>(&logs(h.run(&alice, ix))).len(), 1);
    let ix = h.cancel_all_ix(&alice.pubkey(), 0);
    assert_eq!(events::<OrderCancelled>(&logs(h.run(&alice, ix))).len(), 1);
    let market = h.market_state();
    assert_eq!(
        market.book.bids.len() + market.book.asks.len(),
        1,
        "only bob's order rests"
    );
    let seat = market
        .seats
        .get(market.seats.find(&alice.pubkey()).unwrap());
    assert_eq!(
        (seat.base_locked, seat.quote_locked, seat.open_orders),
        (0, 0, 0)
    );
    assert_balanced(&h);
}

#[test]
fn locked_funds_cannot_be_withdrawn() {
    let mut h = Harness::new();
    let alice = h.trader(10 * USDC, 0);
    place(&mut h, &alice, limit(Side::Bid, 50, 10));
    let market = h.market_state();
    let seat = *market
        .seats
        .get(market.seats.find(&alice.pubkey()).unwrap());
    assert_eq!(
        seat.quote_locked,
        params().bid_lock(Lots(10), Ticks(50)).unwrap()
    );
    assert_eq!(seat.quote_free, 0);
    let ix = h.withdraw_ix(&alice.pubkey(), 0, 1);
    assert_orderbook_error(h.run(&alice, ix), OrderbookError::InsufficientFreeBalance);
}

#[test]
fn wrong_vaults_markets_and_arenas_are_rejected() {
    let mut h = Harness::new();
    let alice = h.trader(10 * USDC, 10 * USDC);
    // A vault that is not the market's.
    let mut ix = h.place_ix(&alice.pubkey(), limit(Side::Bid, 50, 1));
    ix.accounts[3].pubkey = h.quote_account(&alice.pubkey());
    assert_anchor_error(h.run(&alice, ix), AnchorError::ConstraintHasOne);
    let mut ix = h.deposit_ix(&alice.pubkey(), 0, 1);
    ix.accounts[3].pubkey = h.quote_account(&h.treasury);
    assert_anchor_error(h.run(&alice, ix), AnchorError::ConstraintHasOne);
    // Another market's vaults.
    let admin = h.admin.insecure_clone();
    let other = h
        .create_market(&admin, 1, market_args(1))
        .expect("second market");
    let mut ix = h.place_ix(&alice.pubkey(), limit(Side::Ask, 50, 1));
    ix.accounts[3].pubkey = base_vault(&other);
    assert_anchor_error(h.run(&alice, ix), AnchorError::ConstraintHasOne);
    // Token accounts of the wrong mint: outcome 1's tokens on outcome 0's market.
    let mut ix = h.place_ix(&alice.pubkey(), limit(Side::Ask, 50, 1));
    ix.accounts[5].pubkey =
        spl_associated_token_account_client::address::get_associated_token_address(
            &alice.pubkey(),
            &outcome_mint(&h.arena, 1),
        );
    assert_anchor_error(h.run(&alice, ix), AnchorError::ConstraintTokenMint);
    // An account that is not a market.
    let ix = h.place_ix_on(&h.arena.clone(), &alice.pubkey(), limit(Side::Ask, 50, 1));
    assert!(h.run(&alice, ix).is_err());
    // A market paired with another arena account.
    let mut ix = h.place_ix(&alice.pubkey(), limit(Side::Ask, 50, 1));
    ix.accounts[2].pubkey = config_address();
    assert!(h.run(&alice, ix).is_err());
    // A withdrawal signed for by a fake authority.
    let mut ix = h.withdraw_ix(&alice.pubkey(), 0, 1);
    ix.accounts[2].pubkey = Pubkey::new_unique();
    assert_anchor_error(h.run(&alice, ix), AnchorError::ConstraintHasOne);
}

#[test]
fn trading_stops_after_resolution_but_cancels_and_withdrawals_work() {
    let mut h = Harness::new();
    let alice = h.trader(10 * USDC, 10 * USDC);
    let resting = placed(&place(&mut h, &alice, limit(Side::Bid, 50, 10))).order_id;
    h.resolve();
    assert_orderbook_error(
        place_result(&mut h, &alice, limit(Side::Ask, 60, 1)),
        OrderbookError::TradingClosed,
    );
    let ix = h.cancel_ix(&alice.pubkey(), resting);
    h.run(&alice, ix).expect("cancel after resolution");
    let market = h.market_state();
    let free = market
        .seats
        .get(market.seats.find(&alice.pubkey()).unwrap())
        .quote_free;
    let ix = h.withdraw_ix(&alice.pubkey(), 0, free);
    h.run(&alice, ix).expect("withdraw after resolution");
    assert_eq!(h.quote_of(&alice.pubkey()), 10 * USDC);
    assert_eq!(h.vaults(), (0, 0));
    assert_eq!(
        h.market_state().seats.find(&alice.pubkey()),
        None,
        "the empty seat is released"
    );
}

#[test]
fn fees_are_swept_to_the_treasury_only() {
    let mut h = Harness::new();
    let maker = h.trader(0, 10 * USDC);
    let taker = h.trader(10 * USDC, 0);
    place(&mut h, &maker, limit(Side::Ask, 50, 100));
    place(&mut h, &taker, limit(Side::Bid, 50, 100));
    let fees = h.market_state().fees_accrued;
    assert_eq!(fees, taker_fee(quote(100, 50)) + maker_fee(100, 50));

    let cranker = h.trader(0, 0);
    let ix = h.sweep_ix(h.quote_account(&cranker.pubkey()));
    assert_orderbook_error(h.run(&cranker, ix), OrderbookError::NotTreasury);
    let ix = h.sweep_ix(h.quote_account(&h.treasury));
    let swept = events::<FeesSwept>(&logs(h.run(&cranker, ix)));
    assert_eq!((swept[0].amount, swept[0].total_swept), (fees, fees));
    assert_eq!(h.quote_of(&h.treasury), fees);
    assert_eq!(h.market_state().fees_accrued, 0);
    assert_balanced(&h);
    let ix = h.sweep_ix(h.quote_account(&h.treasury));
    assert_orderbook_error(h.run(&cranker, ix), OrderbookError::NothingToSweep);
}

#[test]
fn an_order_with_the_most_fills_logs_far_below_ten_kilobytes() {
    let mut h = Harness::new();
    let taker = h.trader(100 * USDC, 0);
    for _ in 0..4 {
        let maker = h.trader(0, 10 * USDC);
        for _ in 0..(MAX_MATCH_LIMIT / 4 + 1) {
            place(&mut h, &maker, limit(Side::Ask, 50, 1));
        }
    }
    let logs = place(&mut h, &taker, limit(Side::Bid, 50, 100));
    assert_eq!(
        events::<OrderFilled>(&logs).len(),
        usize::from(MAX_MATCH_LIMIT)
    );
    let order = placed(&logs);
    assert_eq!(
        (order.filled_lots, order.posted_lots),
        (u64::from(MAX_MATCH_LIMIT), 0)
    );
    let bytes: usize = logs.iter().map(|line| line.len()).sum();
    assert!(bytes < 6_000, "{bytes} bytes of logs");
    assert_balanced(&h);
}
