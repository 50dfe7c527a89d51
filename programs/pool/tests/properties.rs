//! Properties of the pool over long random sequences of buys, sales, deposits and withdrawals
//! by several wallets, then a settlement in which everyone withdraws and redeems:
//! - the product of the balances never decreases through a trade;
//! - the pool's vaults always hold exactly its recorded balances, its collateral account
//!   nothing, and every LP token and outcome token is accounted for;
//! - the arena and the pool together neither create nor destroy collateral;
//! - no wallet ends with more collateral than it put in plus what the others lost;
//! - every execution matches the quote computed off-chain with `pool::math`, to the base unit.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use arena::state::ArenaStatus;
use common::*;
use pool::math::{self, Fee, Product};
use proptest::prelude::*;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

const WALLETS: usize = 4;
const OUTCOMES: u8 = 3;
const FUNDING: u64 = 1_000 * USDC;

#[derive(Clone, Debug)]
enum Action {
    Buy {
        wallet: usize,
        outcome: u8,
        amount: u64,
    },
    /// Sells `percent` of the wallet's tokens of the outcome, for what they fetch.
    Sell {
        wallet: usize,
        outcome: u8,
        percent: u64,
    },
    Add {
        wallet: usize,
        amount: u64,
    },
    /// Withdraws `percent` of the wallet's LP tokens.
    Remove {
        wallet: usize,
        percent: u64,
    },
}

#[derive(Clone, Debug)]
enum Settlement {
    Resolve(u8),
    Void,
}

fn amount() -> impl Strategy<Value = u64> {
    // Down to one base unit, so that rounding is exercised.
    prop_oneof![1..1_000u64, 1..300 * USDC]
}

fn action() -> impl Strategy<Value = Action> {
    let wallet = 0..WALLETS;
    let percent = prop_oneof![1..=100u64, Just(100u64)];
    prop_oneof![
        3 => (wallet.clone(), 0..OUTCOMES, amount())
            .prop_map(|(wallet, outcome, amount)| Action::Buy { wallet, outcome, amount }),
        3 => (wallet.clone(), 0..OUTCOMES, percent.clone())
            .prop_map(|(wallet, outcome, percent)| Action::Sell { wallet, outcome, percent }),
        1 => (wallet.clone(), amount()).prop_map(|(wallet, amount)| Action::Add { wallet, amount }),
        1 => (wallet, percent).prop_map(|(wallet, percent)| Action::Remove { wallet, percent }),
    ]
}

fn settlement() -> impl Strategy<Value = Settlement> {
    prop_oneof![4 => (0..OUTCOMES).prop_map(Settlement::Resolve), 1 => Just(Settlement::Void)]
}

struct World {
    harness: Harness,
    resolver: Keypair,
    wallets: Vec<Keypair>,
    arena: Pubkey,
    fee: Fee,
}

impl World {
    fn new(fee_bps: u16, deposit: u64, odds: Vec<u64>) -> Self {
        let mut harness = Harness::new();
        let creator = harness.wallet(0);
        let resolver = harness.wallet(0);
        let arena = harness.create_arena(&creator, OUTCOMES, &resolver.pubkey());
        harness.create_pool(&creator, &arena, fee_bps);
        let wallets: Vec<Keypair> = (0..WALLETS)
            .map(|_| {
                let wallet = harness.wallet(FUNDING);
                harness.open_token_accounts(&arena, &wallet);
                wallet
            })
            .collect();
        let ix = harness.add_liquidity_ix(&arena, &wallets[0].pubkey(), deposit, deposit, odds);
        harness
            .send(&wallets[0], &[ix], &[])
            .expect("first deposit");
        World {
            harness,
            resolver,
            wallets,
            arena,
            fee: Fee::new(fee_bps).expect("fee"),
        }
    }

    fn balances(&self) -> Vec<u64> {
        self.harness.pool(&self.arena).balances().to_vec()
    }

    fn tokens(&self, wallet: usize, outcome: u8) -> u64 {
        self.harness
            .outcome_tokens_of(&self.arena, &self.wallets[wallet].pubkey(), outcome)
    }

    fn collateral(&self, wallet: usize) -> u64 {
        self.harness.collateral_of(&self.wallets[wallet].pubkey())
    }

    fn lp(&self, wallet: usize) -> u64 {
        self.harness
            .lp_of(&self.arena, &self.wallets[wallet].pubkey())
    }

    /// Runs the action: when the quote says it can succeed, it must, with exactly the quoted
    /// amounts; otherwise it must fail and change nothing.
    fn apply(&mut self, action: &Action) -> Result<(), TestCaseError> {
        let before = self.balances();
        let arena = self.arena;
        match *action {
            Action::Buy {
                wallet,
                outcome,
                amount,
            } => {
                let owner = self.wallets[wallet].insecure_clone();
                let quote = math::buy(&before, usize::from(outcome), amount, self.fee);
                let held = self.tokens(wallet, outcome);
                let affordable = amount <= self.collateral(wallet);
                let min = quote.as_ref().map_or(0, |trade| trade.tokens_out);
                let ix = self
                    .harness
                    .buy_ix(&arena, &owner.pubkey(), outcome, amount, min);
                let result = self.harness.send(&owner, &[ix], &[]);
                match quote {
                    Ok(trade) if affordable => {
                        prop_assert!(result.is_ok(), "{action:?} failed: {result:?}");
                        prop_assert_eq!(self.tokens(wallet, outcome), held + trade.tokens_out);
                        prop_assert_eq!(&self.balances(), &trade.balances);
                        prop_assert!(Product::of(&trade.balances) >= Product::of(&before));
                    }
                    _ => {
                        prop_assert!(result.is_err(), "{action:?} succeeded");
                        prop_assert_eq!(self.balances(), before);
                    }
                }
            }
            Action::Sell {
                wallet,
                outcome,
                percent,
            } => {
                let owner = self.wallets[wallet].insecure_clone();
                let held = self.tokens(wallet, outcome);
                let offered = held * percent / 100;
                // Nothing to sell for: an empty pool, or too few tokens for one base unit.
                let Ok(Some((collateral, sale))) =
                    math::sell_tokens(&before, usize::from(outcome), offered, self.fee)
                else {
                    return Ok(());
                };
                let cash = self.collateral(wallet);
                let ix = self.harness.sell_ix(
                    &arena,
                    &owner.pubkey(),
                    outcome,
                    collateral,
                    sale.tokens_in,
                );
                let result = self.harness.send(&owner, &[ix], &[]);
                prop_assert!(result.is_ok(), "{action:?} failed: {result:?}");
                prop_assert!(sale.tokens_in <= offered);
                prop_assert_eq!(self.tokens(wallet, outcome), held - sale.tokens_in);
                prop_assert_eq!(self.collateral(wallet), cash + collateral);
                prop_assert_eq!(&self.balances(), &sale.balances);
                prop_assert!(Product::of(&sale.balances) >= Product::of(&before));
            }
            Action::Add { wallet, amount } => {
                let owner = self.wallets[wallet].insecure_clone();
                let supply = self.harness.lp_supply(&arena);
                let quote = if supply == 0 {
                    math::first_deposit(&before, amount, &[])
                } else {
                    math::deposit(&before, supply, amount)
                };
                let affordable = amount <= self.collateral(wallet);
                let lp = self.lp(wallet);
                let min = quote.as_ref().map_or(0, |deposit| deposit.lp_minted);
                let ix =
                    self.harness
                        .add_liquidity_ix(&arena, &owner.pubkey(), amount, min, vec![]);
                let result = self.harness.send(&owner, &[ix], &[]);
                match quote {
                    Ok(deposit) if affordable => {
                        prop_assert!(result.is_ok(), "{action:?} failed: {result:?}");
                        prop_assert_eq!(self.lp(wallet), lp + deposit.lp_minted);
                        prop_assert_eq!(&self.balances(), &deposit.balances);
                    }
                    _ => {
                        prop_assert!(result.is_err(), "{action:?} succeeded");
                        prop_assert_eq!(self.balances(), before);
                    }
                }
            }
            Action::Remove { wallet, percent } => {
                let owner = self.wallets[wallet].insecure_clone();
                let lp = self.lp(wallet) * percent / 100;
                if lp == 0 {
                    return Ok(());
                }
                self.withdraw(&owner, wallet, lp)?;
            }
        }
        Ok(())
    }

    /// Burns `lp` of the wallet's LP tokens with the quoted amounts as minimums.
    fn withdraw(&mut self, owner: &Keypair, wallet: usize, lp: u64) -> Result<(), TestCaseError> {
        let supply = self.harness.lp_supply(&self.arena);
        let quote = math::withdrawal(&self.balances(), supply, lp).expect("a valid withdrawal");
        let held: Vec<u64> = (0..OUTCOMES)
            .map(|outcome| self.tokens(wallet, outcome))
            .collect();
        let ix = self.harness.remove_liquidity_ix(
            &self.arena,
            &owner.pubkey(),
            lp,
            quote.amounts.clone(),
        );
        let result = self.harness.send(owner, &[ix], &[]);
        prop_assert!(result.is_ok(), "withdrawal failed: {result:?}");
        for outcome in 0..OUTCOMES {
            let index = usize::from(outcome);
            prop_assert_eq!(
                self.tokens(wallet, outcome),
                held[index] + quote.amounts[index]
            );
        }
        prop_assert_eq!(&self.balances(), &quote.balances);
        Ok(())
    }

    /// The books: vaults equal the recorded balances, the pool's collateral account is
    /// empty, every LP token is a wallet's, every outcome token is backed by one unit of
    /// collateral in the arena's vault (while it is open), and no collateral appeared or
    /// vanished.
    fn check_books(&self, total: u64) -> Result<(), TestCaseError> {
        let harness = &self.harness;
        prop_assert_eq!(harness.vault_balances(&self.arena), self.balances());
        prop_assert_eq!(harness.pool_collateral_balance(&self.arena), 0);
        let lp_held: u64 = (0..WALLETS).map(|wallet| self.lp(wallet)).sum();
        prop_assert_eq!(harness.lp_supply(&self.arena), lp_held);
        let state = harness.arena(&self.arena);
        prop_assert_eq!(state.pot_unclaimed, 0);
        let vault = harness.arena_vault_balance(&self.arena);
        prop_assert_eq!(vault, state.set_collateral);
        for outcome in 0..OUTCOMES {
            if state.status != ArenaStatus::Open {
                break;
            }
            let in_pool = self.balances()[usize::from(outcome)];
            let in_wallets: u64 = (0..WALLETS)
                .map(|wallet| self.tokens(wallet, outcome))
                .sum();
            prop_assert_eq!(in_pool + in_wallets, state.set_collateral);
        }
        let held: u64 = (0..WALLETS).map(|wallet| self.collateral(wallet)).sum();
        prop_assert_eq!(held + vault, total);
        Ok(())
    }

    /// Settles the arena; every wallet withdraws all its liquidity and redeems every token.
    fn settle_and_cash_out(&mut self, settlement: &Settlement) -> Result<(), TestCaseError> {
        let resolver = self.resolver.insecure_clone();
        match *settlement {
            Settlement::Resolve(winner) => self.harness.resolve(&self.arena, &resolver, winner),
            Settlement::Void => self.harness.void(&self.arena, &resolver),
        }
        for wallet in 0..WALLETS {
            let owner = self.wallets[wallet].insecure_clone();
            let lp = self.lp(wallet);
            if lp > 0 {
                self.withdraw(&owner, wallet, lp)?;
            }
        }
        prop_assert_eq!(self.balances(), vec![0; usize::from(OUTCOMES)]);
        for wallet in 0..WALLETS {
            let owner = self.wallets[wallet].insecure_clone();
            let tokens: u64 = (0..OUTCOMES)
                .map(|outcome| self.tokens(wallet, outcome))
                .sum();
            if tokens > 0 {
                let result = self.harness.redeem_all(&self.arena, &owner);
                prop_assert!(result.is_ok(), "redeem failed: {result:?}");
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_pool_keeps_its_invariants(
        fee_bps in prop_oneof![Just(0u16), Just(30), Just(100), Just(1_000)],
        deposit in 10 * USDC..FUNDING,
        odds in prop::collection::vec(1u64..100, usize::from(OUTCOMES)),
        actions in prop::collection::vec(action(), 1..200),
        settlement in settlement(),
    ) {
        let mut world = World::new(fee_bps, deposit, odds);
        let total = FUNDING * WALLETS as u64;
        world.check_books(total)?;
        for action in &actions {
            world.apply(action)?;
            world.check_books(total)?;
        }
        world.settle_and_cash_out(&settlement)?;
        world.check_books(total)?;

        // Everything is paid out but the rounding dust of voided redemptions.
        let vault = world.harness.arena_vault_balance(&world.arena);
        prop_assert!(vault < WALLETS as u64, "the arena kept {vault}");
        prop_assert_eq!(world.harness.lp_supply(&world.arena), 0);

        // No wallet gains more than the others lost.
        let results: Vec<i128> = (0..WALLETS)
            .map(|wallet| i128::from(world.collateral(wallet)) - i128::from(FUNDING))
            .collect();
        for (wallet, &gain) in results.iter().enumerate() {
            let others_lost: i128 = results
                .iter()
                .enumerate()
                .filter(|&(other, _)| other != wallet)
                .map(|(_, &result)| (-result).max(0))
                .sum();
            prop_assert!(gain <= others_lost, "wallet {wallet}: {results:?}");
        }
    }
}
