//! Every arena instruction in-process: its success path, and every rejection that protects
//! money.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use anchor_lang::error::ErrorCode as AnchorError;
use arena::errors::ArenaError;
use arena::instructions::{CreateArenaArgs, UpdateConfigArgs};
use arena::state::ArenaStatus;
use common::*;
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

/// An arena with three outcomes and a 1% creator fee, closing in a day.
struct Market {
    harness: Harness,
    creator: Keypair,
    resolver: Keypair,
    arena: Pubkey,
}

impl Market {
    fn new() -> Self {
        let mut harness = Harness::new();
        let creator = harness.wallet(0);
        let resolver = harness.wallet(0);
        let arena = harness.create_arena(&creator, 3, DAY, 100, resolver.pubkey());
        Market {
            harness,
            creator,
            resolver,
            arena,
        }
    }

    fn bet(&mut self, bettor: &Keypair, outcome: u8, amount: u64) {
        let ix = self
            .harness
            .place_bet_ix(&self.arena, &bettor.pubkey(), outcome, amount);
        self.harness.run(bettor, ix).expect("bet");
    }

    fn close_and_resolve(&mut self, winner: u8) {
        self.harness.advance(DAY);
        let ix = self
            .harness
            .resolve_ix(&self.arena, &self.resolver.pubkey(), winner);
        let resolver = self.resolver.insecure_clone();
        self.harness.run(&resolver, ix).expect("resolve");
    }

    fn claim(&mut self, owner: &Keypair) -> litesvm::types::TransactionResult {
        let ix = self.harness.claim_ix(&self.arena, &owner.pubkey());
        self.harness.run(owner, ix)
    }

    /// The arena's collateral invariant: the vault holds the unclaimed pot plus what backs
    /// the outcome tokens.
    fn assert_vault_balanced(&self) {
        let state = self.harness.arena(&self.arena);
        assert_eq!(
            self.harness.vault_balance(&self.arena),
            state.pot_unclaimed + state.set_collateral
        );
    }
}

fn pro_rata(stake: u64, winning_pot: u64, pool: u64) -> u64 {
    (u128::from(stake) * u128::from(pool) / u128::from(winning_pot)) as u64
}

#[test]
fn a_resolved_pot_pays_winners_pro_rata_net_of_fees() {
    let mut market = Market::new();
    let alice = market.harness.wallet(1_000 * USDC);
    let bob = market.harness.wallet(1_000 * USDC);
    let carol = market.harness.wallet(1_000 * USDC);
    market.bet(&alice, 0, 100 * USDC);
    market.bet(&bob, 0, 300 * USDC);
    market.bet(&carol, 1, 600 * USDC);
    market.assert_vault_balanced();

    let state = market.harness.arena(&market.arena);
    assert_eq!(state.pots[..3], [400 * USDC, 600 * USDC, 0]);
    assert_eq!(state.total_pot, 1_000 * USDC);
    let position = market
        .harness
        .position(&market.arena, &bob.pubkey())
        .unwrap();
    assert_eq!(position.stakes[0], 300 * USDC);
    assert_eq!(position.owner, bob.pubkey());

    market.close_and_resolve(0);
    let total = 1_000 * USDC;
    let protocol_fee = total * 200 / 10_000;
    let creator_fee = total * 100 / 10_000;
    let pool = total - protocol_fee - creator_fee;
    let harness = &market.harness;
    assert_eq!(harness.collateral_of(&harness.treasury), protocol_fee);
    assert_eq!(harness.collateral_of(&market.creator.pubkey()), creator_fee);
    let state = harness.arena(&market.arena);
    assert_eq!(state.status, ArenaStatus::Resolved);
    assert_eq!((state.winning_outcome, state.payout_pool), (0, pool));
    market.assert_vault_balanced();

    market.claim(&alice).expect("alice claims");
    market.claim(&bob).expect("bob claims");
    let alice_payout = pro_rata(100 * USDC, 400 * USDC, pool);
    let bob_payout = pro_rata(300 * USDC, 400 * USDC, pool);
    // Worked by hand: the pool of 970 is shared 1:3.
    assert_eq!((alice_payout, bob_payout), (242_500_000, 727_500_000));
    assert_eq!(
        market.harness.collateral_of(&alice.pubkey()),
        900 * USDC + alice_payout
    );
    assert_eq!(
        market.harness.collateral_of(&bob.pubkey()),
        700 * USDC + bob_payout
    );
    assert!(
        market
            .harness
            .position(&market.arena, &alice.pubkey())
            .unwrap()
            .claimed
    );
    market.assert_vault_balanced();

    assert_arena_error(market.claim(&carol), ArenaError::NothingToClaim);
    assert_arena_error(market.claim(&alice), ArenaError::AlreadyClaimed);
    assert_eq!(market.harness.vault_balance(&market.arena), 0);
}

#[test]
fn nobody_on_the_winner_refunds_every_stake_without_fees() {
    let mut market = Market::new();
    let alice = market.harness.wallet(500 * USDC);
    let bob = market.harness.wallet(500 * USDC);
    market.bet(&alice, 0, 200 * USDC);
    market.bet(&alice, 1, 50 * USDC);
    market.bet(&bob, 1, 300 * USDC);
    market.close_and_resolve(2);

    let harness = &market.harness;
    assert_eq!(harness.collateral_of(&harness.treasury), 0);
    assert_eq!(harness.collateral_of(&market.creator.pubkey()), 0);
    market.claim(&alice).expect("alice refunded");
    market.claim(&bob).expect("bob refunded");
    assert_eq!(market.harness.collateral_of(&alice.pubkey()), 500 * USDC);
    assert_eq!(market.harness.collateral_of(&bob.pubkey()), 500 * USDC);
    assert_eq!(market.harness.vault_balance(&market.arena), 0);
}

#[test]
fn split_and_merge_round_trip_and_winning_tokens_redeem_one_to_one() {
    let mut market = Market::new();
    let maker = market.harness.wallet(100 * USDC);
    let ixs = market
        .harness
        .split_ixs(&market.arena, &maker.pubkey(), 40 * USDC);
    market.harness.send(&maker, &ixs, &[]).expect("split");
    for outcome in 0..3 {
        assert_eq!(
            market
                .harness
                .outcome_tokens_of(&market.arena, &maker.pubkey(), outcome),
            40 * USDC
        );
    }
    assert_eq!(market.harness.collateral_of(&maker.pubkey()), 60 * USDC);
    assert_eq!(
        market.harness.arena(&market.arena).set_collateral,
        40 * USDC
    );
    market.assert_vault_balanced();

    let merge = market
        .harness
        .merge_ix(&market.arena, &maker.pubkey(), 15 * USDC);
    market.harness.run(&maker, merge).expect("merge");
    assert_eq!(
        market
            .harness
            .outcome_tokens_of(&market.arena, &maker.pubkey(), 2),
        25 * USDC
    );
    assert_eq!(market.harness.collateral_of(&maker.pubkey()), 75 * USDC);
    market.assert_vault_balanced();

    let early = market
        .harness
        .redeem_ix(&market.arena, &maker.pubkey(), vec![1, 1, 1]);
    assert_arena_error(
        market.harness.run(&maker, early),
        ArenaError::ArenaNotSettled,
    );

    market.close_and_resolve(1);
    let redeem = market.harness.redeem_ix(
        &market.arena,
        &maker.pubkey(),
        vec![25 * USDC, 25 * USDC, 10 * USDC],
    );
    market.harness.run(&maker, redeem).expect("redeem");
    // Only the 25 winning tokens pay; the losing ones burn for nothing.
    assert_eq!(market.harness.collateral_of(&maker.pubkey()), 100 * USDC);
    assert_eq!(
        market
            .harness
            .outcome_tokens_of(&market.arena, &maker.pubkey(), 1),
        0
    );
    assert_eq!(
        market
            .harness
            .outcome_tokens_of(&market.arena, &maker.pubkey(), 2),
        15 * USDC
    );
    assert_eq!(market.harness.arena(&market.arena).set_collateral, 0);
    market.assert_vault_balanced();
}

#[test]
fn a_voided_arena_refunds_stakes_and_redeems_tokens_for_a_share() {
    let mut market = Market::new();
    let alice = market.harness.wallet(100 * USDC);
    let maker = market.harness.wallet(100 * USDC);
    market.bet(&alice, 2, 70 * USDC);
    let ixs = market
        .harness
        .split_ixs(&market.arena, &maker.pubkey(), 30 * USDC);
    market.harness.send(&maker, &ixs, &[]).expect("split");

    // Voiding may come before the close time.
    let void = market
        .harness
        .void_ix(&market.arena, &market.resolver.pubkey());
    let resolver = market.resolver.insecure_clone();
    market.harness.run(&resolver, void).expect("void");
    assert_eq!(
        market.harness.arena(&market.arena).status,
        ArenaStatus::Voided
    );

    market.claim(&alice).expect("refund");
    assert_eq!(market.harness.collateral_of(&alice.pubkey()), 100 * USDC);
    // A complete set redeems for one unit; 10 tokens of one outcome for 10/3, rounded down.
    let redeem = market.harness.redeem_ix(
        &market.arena,
        &maker.pubkey(),
        vec![20 * USDC, 20 * USDC, 20 * USDC],
    );
    market.harness.run(&maker, redeem).expect("redeem a set");
    assert_eq!(market.harness.collateral_of(&maker.pubkey()), 90 * USDC);
    let redeem = market
        .harness
        .redeem_ix(&market.arena, &maker.pubkey(), vec![10 * USDC, 0, 0]);
    market
        .harness
        .run(&maker, redeem)
        .expect("redeem one outcome");
    assert_eq!(
        market.harness.collateral_of(&maker.pubkey()),
        90 * USDC + 10 * USDC / 3
    );
    market.assert_vault_balanced();
}

#[test]
fn only_the_resolver_resolves_and_voids() {
    let mut market = Market::new();
    let intruder = market.harness.wallet(0);
    market.harness.advance(DAY);
    let resolve = market
        .harness
        .resolve_ix(&market.arena, &intruder.pubkey(), 0);
    assert_arena_error(
        market.harness.run(&intruder, resolve),
        ArenaError::NotResolver,
    );
    let void = market.harness.void_ix(&market.arena, &intruder.pubkey());
    assert_arena_error(market.harness.run(&intruder, void), ArenaError::NotResolver);
    assert_eq!(
        market.harness.arena(&market.arena).status,
        ArenaStatus::Open
    );
}

#[test]
fn the_resolver_must_sign() {
    let mut market = Market::new();
    market.harness.advance(DAY);
    let mut resolve = market
        .harness
        .resolve_ix(&market.arena, &market.resolver.pubkey(), 0);
    resolve.accounts[0].is_signer = false;
    let payer = market.harness.wallet(0);
    assert_anchor_error(
        market.harness.run(&payer, resolve),
        AnchorError::AccountNotSigner,
    );
}

#[test]
fn resolution_waits_for_the_close_and_happens_once() {
    let mut market = Market::new();
    let resolver = market.resolver.insecure_clone();
    let early = market
        .harness
        .resolve_ix(&market.arena, &resolver.pubkey(), 0);
    assert_arena_error(
        market.harness.run(&resolver, early),
        ArenaError::TooEarlyToResolve,
    );

    market.close_and_resolve(0);
    let again = market
        .harness
        .resolve_ix(&market.arena, &resolver.pubkey(), 1);
    assert_arena_error(
        market.harness.run(&resolver, again),
        ArenaError::ArenaNotOpen,
    );
    let void = market.harness.void_ix(&market.arena, &resolver.pubkey());
    assert_arena_error(
        market.harness.run(&resolver, void),
        ArenaError::ArenaNotOpen,
    );
    assert_eq!(market.harness.arena(&market.arena).winning_outcome, 0);
}

#[test]
fn an_outcome_out_of_range_is_refused() {
    let mut market = Market::new();
    let alice = market.harness.wallet(10 * USDC);
    let bet = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 3, USDC);
    assert_arena_error(market.harness.run(&alice, bet), ArenaError::InvalidOutcome);
    market.harness.advance(DAY);
    let resolver = market.resolver.insecure_clone();
    let resolve = market
        .harness
        .resolve_ix(&market.arena, &resolver.pubkey(), 3);
    assert_arena_error(
        market.harness.run(&resolver, resolve),
        ArenaError::InvalidOutcome,
    );
}

#[test]
fn bets_are_refused_after_the_close_and_after_settlement() {
    let mut market = Market::new();
    let alice = market.harness.wallet(10 * USDC);
    let zero = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 0, 0);
    assert_arena_error(market.harness.run(&alice, zero), ArenaError::ZeroAmount);
    market.harness.advance(DAY);
    let late = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 0, USDC);
    assert_arena_error(market.harness.run(&alice, late), ArenaError::BettingClosed);
    market.close_and_resolve(0);
    let settled = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 0, USDC);
    assert_arena_error(
        market.harness.run(&alice, settled),
        ArenaError::ArenaNotOpen,
    );
    assert_eq!(market.harness.collateral_of(&alice.pubkey()), 10 * USDC);
}

#[test]
fn claims_wait_for_settlement() {
    let mut market = Market::new();
    let alice = market.harness.wallet(10 * USDC);
    market.bet(&alice, 0, USDC);
    assert_arena_error(market.claim(&alice), ArenaError::ArenaNotSettled);
}

#[test]
fn a_bet_cannot_spend_someone_elses_collateral() {
    let mut market = Market::new();
    let victim = market.harness.wallet(50 * USDC);
    let thief = market.harness.wallet(0);
    let mut bet = market
        .harness
        .place_bet_ix(&market.arena, &thief.pubkey(), 0, 10 * USDC);
    // bettor_collateral: the victim's token account, which the thief cannot authorize.
    bet.accounts[4].pubkey = market.harness.collateral_account(&victim.pubkey());
    let error = instruction_error(market.harness.run(&thief, bet));
    assert_eq!(
        error,
        InstructionError::Custom(spl_token::error::TokenError::OwnerMismatch as u32)
    );
    assert_eq!(market.harness.collateral_of(&victim.pubkey()), 50 * USDC);
}

#[test]
fn a_claim_through_another_wallets_position_is_refused() {
    let mut market = Market::new();
    let alice = market.harness.wallet(10 * USDC);
    let mallory = market.harness.wallet(10 * USDC);
    market.bet(&alice, 0, 10 * USDC);
    market.bet(&mallory, 1, USDC);
    market.close_and_resolve(0);
    let mut claim = market.harness.claim_ix(&market.arena, &mallory.pubkey());
    claim.accounts[2].pubkey = position_address(&market.arena, &alice.pubkey());
    assert_anchor_error(
        market.harness.run(&mallory, claim),
        AnchorError::ConstraintSeeds,
    );
    assert!(
        !market
            .harness
            .position(&market.arena, &alice.pubkey())
            .unwrap()
            .claimed
    );
}

#[test]
fn a_vault_other_than_the_arenas_is_refused() {
    let mut market = Market::new();
    let creator = market.creator.insecure_clone();
    let other = market
        .harness
        .create_arena(&creator, 2, DAY, 0, creator.pubkey());
    let alice = market.harness.wallet(10 * USDC);
    let mut bet = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 0, USDC);
    bet.accounts[5].pubkey = vault_address(&other);
    assert_anchor_error(
        market.harness.run(&alice, bet),
        AnchorError::ConstraintHasOne,
    );
}

#[test]
fn merging_needs_the_arenas_own_outcome_mints() {
    let mut market = Market::new();
    let maker = market.harness.wallet(10 * USDC);
    let ixs = market
        .harness
        .split_ixs(&market.arena, &maker.pubkey(), 5 * USDC);
    market.harness.send(&maker, &ixs, &[]).expect("split");
    let mut merge = market
        .harness
        .merge_ix(&market.arena, &maker.pubkey(), 5 * USDC);
    let first_mint = merge.accounts.len() - 6;
    merge.accounts[first_mint].pubkey = market.harness.collateral;
    assert_arena_error(
        market.harness.run(&maker, merge),
        ArenaError::OutcomeTokenAccounts,
    );
    let short = {
        let mut merge = market
            .harness
            .merge_ix(&market.arena, &maker.pubkey(), 5 * USDC);
        merge.accounts.truncate(merge.accounts.len() - 2);
        merge
    };
    assert_arena_error(
        market.harness.run(&maker, short),
        ArenaError::OutcomeTokenAccounts,
    );
}

#[test]
fn merging_more_than_was_split_fails() {
    let mut market = Market::new();
    let maker = market.harness.wallet(10 * USDC);
    let ixs = market
        .harness
        .split_ixs(&market.arena, &maker.pubkey(), 5 * USDC);
    market.harness.send(&maker, &ixs, &[]).expect("split");
    let merge = market
        .harness
        .merge_ix(&market.arena, &maker.pubkey(), 6 * USDC);
    assert_arena_error(market.harness.run(&maker, merge), ArenaError::Overflow);
    assert_eq!(market.harness.collateral_of(&maker.pubkey()), 5 * USDC);
}

#[test]
fn the_admin_alone_updates_the_config_and_a_pause_stops_new_money() {
    let mut market = Market::new();
    let intruder = market.harness.wallet(0);
    let pause = UpdateConfigArgs {
        paused: Some(true),
        ..Default::default()
    };
    let ix = market
        .harness
        .update_config_ix(&intruder.pubkey(), pause.clone());
    assert_arena_error(market.harness.run(&intruder, ix), ArenaError::NotAdmin);
    let too_high = UpdateConfigArgs {
        protocol_fee_bps: Some(1_001),
        ..Default::default()
    };
    let admin = market.harness.admin.insecure_clone();
    let ix = market.harness.update_config_ix(&admin.pubkey(), too_high);
    assert_arena_error(market.harness.run(&admin, ix), ArenaError::FeeTooHigh);

    let ix = market.harness.update_config_ix(&admin.pubkey(), pause);
    market.harness.run(&admin, ix).expect("pause");
    assert!(market.harness.config().paused);
    let alice = market.harness.wallet(10 * USDC);
    let bet = market
        .harness
        .place_bet_ix(&market.arena, &alice.pubkey(), 0, USDC);
    assert_arena_error(market.harness.run(&alice, bet), ArenaError::Paused);
}

#[test]
fn create_arena_validates_its_arguments() {
    let mut harness = Harness::new();
    let creator = harness.wallet(0);
    let valid = CreateArenaArgs {
        title: "Valid?".into(),
        category: "test".into(),
        outcomes: vec!["Yes".into(), "No".into()],
        close_ts: harness.now() + DAY,
        creator_fee_bps: 0,
        resolver: creator.pubkey(),
    };
    let cases = [
        (
            CreateArenaArgs {
                outcomes: vec!["Yes".into()],
                ..valid.clone()
            },
            ArenaError::OutcomeCount,
        ),
        (
            CreateArenaArgs {
                outcomes: vec!["x".into(); 9],
                ..valid.clone()
            },
            ArenaError::OutcomeCount,
        ),
        (
            CreateArenaArgs {
                title: String::new(),
                ..valid.clone()
            },
            ArenaError::TitleLength,
        ),
        (
            CreateArenaArgs {
                title: "t".repeat(129),
                ..valid.clone()
            },
            ArenaError::TitleLength,
        ),
        (
            CreateArenaArgs {
                category: "c".repeat(33),
                ..valid.clone()
            },
            ArenaError::CategoryLength,
        ),
        (
            CreateArenaArgs {
                outcomes: vec!["Yes".into(), String::new()],
                ..valid.clone()
            },
            ArenaError::OutcomeLabelLength,
        ),
        (
            CreateArenaArgs {
                close_ts: harness.now(),
                ..valid.clone()
            },
            ArenaError::CloseTimeInPast,
        ),
        (
            CreateArenaArgs {
                creator_fee_bps: 1_001,
                ..valid.clone()
            },
            ArenaError::FeeTooHigh,
        ),
    ];
    for (args, expected) in cases {
        let outcomes = args.outcomes.len().min(8);
        let mut ix = harness.create_arena_ix(&creator.pubkey(), 0, args);
        ix.accounts.truncate(7 + outcomes);
        assert_arena_error(harness.run(&creator, ix), expected);
    }
    let ix = harness.create_arena_ix(&creator.pubkey(), 0, valid);
    harness.run(&creator, ix).expect("the valid arena");
    assert_eq!(harness.config().arena_count, 1);
}

#[test]
fn create_arena_survives_a_prefunded_outcome_mint_address() {
    let mut harness = Harness::new();
    let creator = harness.wallet(0);
    let griefer = harness.wallet(0);
    let target = outcome_mint(&arena_address(0), 1);
    let grief = solana_system_interface::instruction::transfer(&griefer.pubkey(), &target, 1_000);
    harness
        .run(&griefer, grief)
        .expect("prefund the mint address");
    harness.create_arena(&creator, 2, DAY, 0, creator.pubkey());
    let mint = harness.svm.get_account(&target).expect("mint");
    assert_eq!(mint.owner, spl_token::id());
}
