//! Property: no sequence of bets, splits, merges, resolution, claims and redemptions by several
//! wallets creates or destroys collateral.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use common::*;
use proptest::prelude::*;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

const WALLETS: usize = 4;
const OUTCOMES: u8 = 3;
const FUNDING: u64 = 1_000 * USDC;

#[derive(Clone, Debug)]
enum Action {
    Bet {
        wallet: usize,
        outcome: u8,
        amount: u64,
    },
    Split {
        wallet: usize,
        amount: u64,
    },
    Merge {
        wallet: usize,
        amount: u64,
    },
}

#[derive(Clone, Debug)]
enum Settlement {
    Resolve(u8),
    Void,
}

fn action() -> impl Strategy<Value = Action> {
    // Amounts down to one base unit, so that rounding is exercised.
    let amount = prop_oneof![1..1_000u64, 1..400 * USDC];
    prop_oneof![
        (0..WALLETS, 0..OUTCOMES, amount.clone()).prop_map(|(wallet, outcome, amount)| {
            Action::Bet {
                wallet,
                outcome,
                amount,
            }
        }),
        (0..WALLETS, amount.clone()).prop_map(|(wallet, amount)| Action::Split { wallet, amount }),
        (0..WALLETS, amount).prop_map(|(wallet, amount)| Action::Merge { wallet, amount }),
    ]
}

fn settlement() -> impl Strategy<Value = Settlement> {
    prop_oneof![4 => (0..OUTCOMES).prop_map(Settlement::Resolve), 1 => Just(Settlement::Void)]
}

struct World {
    harness: Harness,
    creator: Keypair,
    resolver: Keypair,
    wallets: Vec<Keypair>,
    arena: Pubkey,
}

impl World {
    fn new() -> Self {
        let mut harness = Harness::new();
        let creator = harness.wallet(0);
        let resolver = harness.wallet(0);
        let wallets = (0..WALLETS).map(|_| harness.wallet(FUNDING)).collect();
        let arena =
            harness.create_arena(&creator, usize::from(OUTCOMES), DAY, 150, resolver.pubkey());
        World {
            harness,
            creator,
            resolver,
            wallets,
            arena,
        }
    }

    /// Runs the action; a rejected one (say, more than the wallet holds) changes nothing.
    fn apply(&mut self, action: &Action) {
        let harness = &mut self.harness;
        match *action {
            Action::Bet {
                wallet,
                outcome,
                amount,
            } => {
                let owner = &self.wallets[wallet];
                let ix = harness.place_bet_ix(&self.arena, &owner.pubkey(), outcome, amount);
                let _ = harness.run(owner, ix);
            }
            Action::Split { wallet, amount } => {
                let owner = &self.wallets[wallet];
                let ixs = harness.split_ixs(&self.arena, &owner.pubkey(), amount);
                let _ = harness.send(owner, &ixs, &[]);
            }
            Action::Merge { wallet, amount } => {
                let owner = &self.wallets[wallet];
                let ix = harness.merge_ix(&self.arena, &owner.pubkey(), amount);
                let _ = harness.run(owner, ix);
            }
        }
    }

    fn settle(&mut self, settlement: &Settlement) {
        let resolver = self.resolver.insecure_clone();
        let ix = match *settlement {
            Settlement::Resolve(winner) => {
                self.harness.advance(DAY);
                self.harness
                    .resolve_ix(&self.arena, &resolver.pubkey(), winner)
            }
            Settlement::Void => self.harness.void_ix(&self.arena, &resolver.pubkey()),
        };
        self.harness.run(&resolver, ix).expect("settlement");
    }

    /// Every wallet claims what it can and redeems all its outcome tokens.
    fn cash_out(&mut self) {
        for owner in &self.wallets {
            if self
                .harness
                .position(&self.arena, &owner.pubkey())
                .is_some()
            {
                let ix = self.harness.claim_ix(&self.arena, &owner.pubkey());
                let _ = self.harness.run(owner, ix);
            }
            let amounts: Vec<u64> = (0..OUTCOMES)
                .map(|outcome| {
                    self.harness
                        .outcome_tokens_of(&self.arena, &owner.pubkey(), outcome)
                })
                .collect();
            if amounts.iter().any(|&amount| amount > 0) {
                let ix = self
                    .harness
                    .redeem_ix(&self.arena, &owner.pubkey(), amounts);
                self.harness.run(owner, ix).expect("redeem");
            }
        }
    }

    fn vault(&self) -> u64 {
        self.harness.vault_balance(&self.arena)
    }

    fn assert_vault_covers_the_books(&self) {
        let state = self.harness.arena(&self.arena);
        assert_eq!(
            self.vault(),
            state.pot_unclaimed + state.set_collateral,
            "{state:?}"
        );
    }

    /// Collateral held anywhere: wallets, treasury, creator and the vault.
    fn total_collateral(&self) -> u64 {
        let harness = &self.harness;
        let holders = self.wallets.iter().map(|wallet| wallet.pubkey());
        let held: u64 = holders
            .chain([harness.treasury, self.creator.pubkey()])
            .map(|owner| harness.collateral_of(&owner))
            .sum();
        held + self.vault()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn collateral_is_conserved(
        actions in prop::collection::vec(action(), 1..60),
        settlement in settlement(),
    ) {
        let mut world = World::new();
        let total = world.total_collateral();
        prop_assert_eq!(total, FUNDING * WALLETS as u64);
        for action in &actions {
            world.apply(action);
            world.assert_vault_covers_the_books();
            prop_assert_eq!(world.total_collateral(), total);
        }
        world.settle(&settlement);
        world.assert_vault_covers_the_books();
        world.cash_out();
        world.assert_vault_covers_the_books();
        prop_assert_eq!(world.total_collateral(), total);

        // Everything is paid out but the pot's rounding dust, under a unit per winner; every
        // wallet holds equal amounts of each outcome token, so redemptions leave none.
        let state = world.harness.arena(&world.arena);
        prop_assert_eq!(state.set_collateral, 0);
        prop_assert!(world.vault() < WALLETS as u64, "vault left with {}", world.vault());
        for owner in &world.wallets {
            for outcome in 0..OUTCOMES {
                prop_assert_eq!(world.harness.outcome_tokens_of(&world.arena, &owner.pubkey(), outcome), 0);
            }
        }
    }
}
