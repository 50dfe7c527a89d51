//! Every pool instruction in-process beside the arena program: its success path, and every
//! rejection that protects money.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

mod common;

use anchor_lang::error::ErrorCode as AnchorError;
use common::*;
use litesvm::types::{TransactionMetadata, TransactionResult};
use pool::errors::PoolError;
use pool::events::{LiquidityAdded, LiquidityRemoved, PoolCreated, SharesBought, SharesSold};
use pool::math::{self, Fee, Product};
use solana_instruction::error::InstructionError;
use solana_instruction::AccountMeta;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use spl_associated_token_account_client::address::get_associated_token_address;

const FEE_BPS: u16 = 100;
/// SPL Token's error for an authority that does not own the account.
const TOKEN_OWNER_MISMATCH: InstructionError = InstructionError::Custom(4);

/// An open three-outcome arena and its pool (1% fee), not yet funded.
struct Market {
    harness: Harness,
    resolver: Keypair,
    arena: Pubkey,
    pool: Pubkey,
}

impl Market {
    fn new() -> Self {
        Self::with_outcomes(3)
    }

    fn with_outcomes(outcomes: u8) -> Self {
        let mut harness = Harness::new();
        let creator = harness.wallet(0);
        let resolver = harness.wallet(0);
        let arena = harness.create_arena(&creator, outcomes, &resolver.pubkey());
        let pool = harness.create_pool(&creator, &arena, FEE_BPS);
        Market {
            harness,
            resolver,
            arena,
            pool,
        }
    }

    /// A wallet holding `collateral`, with its outcome and LP token accounts open.
    fn trader(&mut self, collateral: u64) -> Keypair {
        let wallet = self.harness.wallet(collateral);
        self.harness.open_token_accounts(&self.arena, &wallet);
        wallet
    }

    /// A provider that made the first deposit of `collateral` at `odds`.
    fn funded(&mut self, collateral: u64, odds: Vec<u64>) -> Keypair {
        let provider = self.trader(collateral);
        self.add(&provider, collateral, 0, odds)
            .expect("first deposit");
        provider
    }

    fn add(
        &mut self,
        provider: &Keypair,
        collateral: u64,
        min_lp_out: u64,
        odds: Vec<u64>,
    ) -> TransactionResult {
        let ix = self.harness.add_liquidity_ix(
            &self.arena,
            &provider.pubkey(),
            collateral,
            min_lp_out,
            odds,
        );
        self.harness.send(provider, &[ix], &[])
    }

    fn remove(&mut self, provider: &Keypair, lp: u64, min_amounts: Vec<u64>) -> TransactionResult {
        let ix = self
            .harness
            .remove_liquidity_ix(&self.arena, &provider.pubkey(), lp, min_amounts);
        self.harness.send(provider, &[ix], &[])
    }

    fn buy(&mut self, trader: &Keypair, outcome: u8, amount: u64, min: u64) -> TransactionResult {
        let ix = self
            .harness
            .buy_ix(&self.arena, &trader.pubkey(), outcome, amount, min);
        self.harness.send(trader, &[ix], &[])
    }

    fn sell(&mut self, trader: &Keypair, outcome: u8, amount: u64, max: u64) -> TransactionResult {
        let ix = self
            .harness
            .sell_ix(&self.arena, &trader.pubkey(), outcome, amount, max);
        self.harness.send(trader, &[ix], &[])
    }

    fn balances(&self) -> Vec<u64> {
        self.harness.pool(&self.arena).balances().to_vec()
    }

    fn fee(&self) -> Fee {
        Fee::new(FEE_BPS).unwrap()
    }

    /// The pool's books match its vaults, its collateral account is empty between
    /// instructions, and the arena's vault backs every outstanding set.
    fn assert_books(&self) {
        let harness = &self.harness;
        assert_eq!(harness.vault_balances(&self.arena), self.balances());
        assert_eq!(harness.pool_collateral_balance(&self.arena), 0);
        let arena = harness.arena(&self.arena);
        assert_eq!(
            harness.arena_vault_balance(&self.arena),
            arena.pot_unclaimed + arena.set_collateral
        );
    }

    fn outcome_account(&self, owner: &Pubkey, outcome: u8) -> Pubkey {
        get_associated_token_address(owner, &outcome_mint(&self.arena, outcome))
    }
}

fn only<T>(mut events: Vec<T>) -> T {
    assert_eq!(events.len(), 1, "expected one event");
    events.remove(0)
}

fn logs(result: TransactionResult) -> TransactionMetadata {
    match result {
        Ok(meta) => meta,
        Err(failed) => panic!("{:?}; logs: {:#?}", failed.err, failed.meta.logs),
    }
}

#[test]
fn creating_a_pool_opens_its_vaults_lp_mint_and_collateral_account() {
    let mut harness = Harness::new();
    let creator = harness.wallet(0);
    let arena = harness.create_arena(&creator, 4, &Pubkey::new_unique());
    let ix = harness.create_pool_ix(&creator.pubkey(), &arena, 250);
    let meta = logs(harness.send(&creator, &[ix], &[]));

    let pool_key = pool_address(&arena);
    let pool = harness.pool(&arena);
    assert_eq!(pool.arena, arena);
    assert_eq!(pool.creator, creator.pubkey());
    assert_eq!((pool.fee_bps, pool.outcome_count), (250, 4));
    assert_eq!(pool.lp_mint, lp_mint(&pool_key));
    assert_eq!(pool.collateral, pool_collateral(&pool_key));
    assert_eq!(pool.balances, [0; 8]);
    for index in 0..4u8 {
        let vault = pool_vault(&pool_key, index);
        assert_eq!(pool.vaults[usize::from(index)], vault);
        assert_eq!(harness.token_owner(&vault), pool_key);
    }
    assert_eq!(pool.vaults[4..], [Pubkey::default(); 4]);
    assert_eq!(harness.token_owner(&pool.collateral), pool_key);
    assert_eq!(harness.mint_supply(&pool.lp_mint), 0);

    let event: PoolCreated = only(events(&meta));
    assert_eq!(event.pool, pool_key);
    assert_eq!(event.vaults, pool.vaults[..4].to_vec());
    assert_eq!(event.fee_bps, 250);
}

#[test]
fn pool_creation_rejections() {
    let mut harness = Harness::new();
    let creator = harness.wallet(0);
    let resolver = harness.wallet(0);
    let arena = harness.create_arena(&creator, 3, &resolver.pubkey());

    let ix = harness.create_pool_ix(&creator.pubkey(), &arena, 1_001);
    assert_pool_error(harness.send(&creator, &[ix], &[]), PoolError::FeeTooHigh);

    // Only the arena's creator: anyone else could fix the single pool's fee first.
    let squatter = harness.wallet(0);
    let ix = harness.create_pool_ix(&squatter.pubkey(), &arena, 1_000);
    assert_pool_error(
        harness.send(&squatter, &[ix], &[]),
        PoolError::NotArenaCreator,
    );

    // The vaults swapped: each must be the PDA of its index.
    let mut ix = harness.create_pool_ix(&creator.pubkey(), &arena, 100);
    let (first, second) = (ix.accounts[9].clone(), ix.accounts[11].clone());
    ix.accounts[9] = second;
    ix.accounts[11] = first;
    assert_pool_error(
        harness.send(&creator, &[ix], &[]),
        PoolError::WrongPoolAccount,
    );

    // Another arena's mints.
    let other = harness.create_arena(&creator, 3, &resolver.pubkey());
    let mut ix = harness.create_pool_ix(&creator.pubkey(), &arena, 100);
    ix.accounts[8] = AccountMeta::new_readonly(outcome_mint(&other, 0), false);
    assert_pool_error(
        harness.send(&creator, &[ix], &[]),
        PoolError::OutcomeAccounts,
    );

    // One pool per arena.
    harness.create_pool(&creator, &arena, 100);
    let ix = harness.create_pool_ix(&creator.pubkey(), &arena, 100);
    assert!(harness.send(&creator, &[ix], &[]).is_err());

    // Not on a settled arena.
    harness.resolve(&other, &resolver, 0);
    let ix = harness.create_pool_ix(&creator.pubkey(), &other, 100);
    assert_pool_error(harness.send(&creator, &[ix], &[]), PoolError::ArenaNotOpen);
}

#[test]
fn the_first_deposit_sets_the_odds_and_returns_the_surplus() {
    let mut market = Market::new();
    let provider = market.trader(1_000 * USDC);
    let meta = logs(market.add(&provider, 1_000 * USDC, 1_000 * USDC, vec![60, 30, 10]));

    let expected = math::first_deposit(&[0, 0, 0], 1_000 * USDC, &[60, 30, 10]).unwrap();
    assert_eq!(market.balances(), expected.balances);
    assert_eq!(
        expected.balances,
        vec![166_666_666, 333_333_333, 1_000 * USDC]
    );
    for outcome in 0..3u8 {
        assert_eq!(
            market
                .harness
                .outcome_tokens_of(&market.arena, &provider.pubkey(), outcome),
            expected.returned[usize::from(outcome)]
        );
    }
    assert_eq!(
        market.harness.lp_of(&market.arena, &provider.pubkey()),
        1_000 * USDC
    );
    assert_eq!(market.harness.collateral_of(&provider.pubkey()), 0);
    assert_eq!(
        market.harness.arena(&market.arena).set_collateral,
        1_000 * USDC
    );
    market.assert_books();

    let event: LiquidityAdded = only(events(&meta));
    assert_eq!(event.provider, provider.pubkey());
    assert_eq!(
        (event.collateral_in, event.lp_minted),
        (1_000 * USDC, 1_000 * USDC)
    );
    assert_eq!(event.balances, expected.balances);
    assert_eq!(event.returned, expected.returned);
    assert_eq!(event.lp_supply, 1_000 * USDC);
    assert_eq!(event.prices, math::prices(&expected.balances));
    // 60%, 30%, 10% to a part per million.
    for (price, target) in event
        .prices
        .iter()
        .zip([600_000_000u64, 300_000_000, 100_000_000])
    {
        assert!(price.abs_diff(target) <= 1_000, "{:?}", event.prices);
    }
}

#[test]
fn deposit_rejections() {
    let mut market = Market::new();
    let provider = market.trader(10_000 * USDC);
    // Odds: one positive weight per outcome.
    let result = market.add(&provider, 100 * USDC, 0, vec![1, 2]);
    assert_pool_error(result, PoolError::InvalidOdds);
    let result = market.add(&provider, 100 * USDC, 0, vec![1, 0, 2]);
    assert_pool_error(result, PoolError::InvalidOdds);
    // The first deposit mints exactly its collateral in LP tokens.
    let result = market.add(&provider, 100 * USDC, 100 * USDC + 1, vec![]);
    assert_pool_error(result, PoolError::LpOutBelowMinimum);
    let result = market.add(&provider, 0, 0, vec![]);
    assert_pool_error(result, PoolError::ZeroAmount);
    market
        .add(&provider, 100 * USDC, 0, vec![])
        .expect("deposit");
    // Only the first deposit sets odds.
    let result = market.add(&provider, 100 * USDC, 0, vec![1, 1, 1]);
    assert_pool_error(result, PoolError::OddsAfterFirstDeposit);
    // More than the provider holds: the token program refuses.
    let result = market.add(&provider, 10_000 * USDC, 0, vec![]);
    assert_eq!(instruction_error(result), InstructionError::Custom(1));
    market.assert_books();
}

#[test]
fn later_deposits_keep_the_odds_and_mint_lp_in_proportion() {
    let mut market = Market::new();
    market.funded(1_000 * USDC, vec![50, 30, 20]);
    let trader = market.trader(1_000 * USDC);
    market.buy(&trader, 1, 77 * USDC, 0).expect("buy");

    let second = market.trader(500 * USDC);
    let before = market.balances();
    let prices_before = math::prices(&before);
    let supply = market.harness.lp_supply(&market.arena);
    let quote = math::deposit(&before, supply, 500 * USDC).unwrap();
    let result = market.add(&second, 500 * USDC, quote.lp_minted + 1, vec![]);
    assert_pool_error(result, PoolError::LpOutBelowMinimum);
    let meta = logs(market.add(&second, 500 * USDC, quote.lp_minted, vec![]));

    assert_eq!(market.balances(), quote.balances);
    assert_eq!(
        market.harness.lp_of(&market.arena, &second.pubkey()),
        quote.lp_minted
    );
    for outcome in 0..3u8 {
        assert_eq!(
            market
                .harness
                .outcome_tokens_of(&market.arena, &second.pubkey(), outcome),
            quote.returned[usize::from(outcome)]
        );
    }
    let event: LiquidityAdded = only(events(&meta));
    assert_eq!(event.lp_supply, supply + quote.lp_minted);
    for (old, new) in prices_before.iter().zip(&event.prices) {
        assert!(
            old.abs_diff(*new) <= 10,
            "{prices_before:?} {:?}",
            event.prices
        );
    }
    market.assert_books();
}

#[test]
fn a_buy_pays_the_quoted_tokens_and_keeps_the_fee_in_the_pool() {
    let mut market = Market::new();
    market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(200 * USDC);
    let before = market.balances();
    let quote = math::buy(&before, 2, 100 * USDC, market.fee()).unwrap();

    let result = market.buy(&trader, 2, 100 * USDC, quote.tokens_out + 1);
    assert_pool_error(result, PoolError::TokensOutBelowMinimum);
    assert_eq!(market.balances(), before);

    let meta = logs(market.buy(&trader, 2, 100 * USDC, quote.tokens_out));
    assert_eq!(market.balances(), quote.balances);
    assert_eq!(quote.fee, USDC);
    assert_eq!(
        market
            .harness
            .outcome_tokens_of(&market.arena, &trader.pubkey(), 2),
        quote.tokens_out
    );
    assert_eq!(market.harness.collateral_of(&trader.pubkey()), 100 * USDC);
    assert_eq!(
        market.harness.arena(&market.arena).set_collateral,
        1_100 * USDC
    );
    assert!(Product::of(&quote.balances) > Product::of(&before));
    let pool = market.harness.pool(&market.arena);
    assert_eq!((pool.fees_collected, pool.volume), (USDC, 100 * USDC));
    market.assert_books();

    let event: SharesBought = only(events(&meta));
    assert_eq!((event.trader, event.outcome), (trader.pubkey(), 2));
    assert_eq!((event.collateral_in, event.fee), (100 * USDC, USDC));
    assert_eq!(event.tokens_out, quote.tokens_out);
    assert_eq!(event.balances, quote.balances);
    assert_eq!(event.prices, math::prices(&quote.balances));
    assert!(event.prices[2] > event.prices[0]);
}

#[test]
fn a_sale_takes_the_quoted_tokens() {
    let mut market = Market::new();
    market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(200 * USDC);
    market.buy(&trader, 0, 150 * USDC, 0).expect("buy");
    let held = market
        .harness
        .outcome_tokens_of(&market.arena, &trader.pubkey(), 0);

    let before = market.balances();
    let (collateral, quote) = math::sell_tokens(&before, 0, held, market.fee())
        .unwrap()
        .unwrap();
    let result = market.sell(&trader, 0, collateral, quote.tokens_in - 1);
    assert_pool_error(result, PoolError::TokensInAboveMaximum);
    let result = market.sell(&trader, 0, 2_000 * USDC, u64::MAX);
    assert_pool_error(result, PoolError::InsufficientLiquidity);
    let result = market.sell(&trader, 0, 0, u64::MAX);
    assert_pool_error(result, PoolError::ZeroAmount);
    assert_eq!(market.balances(), before);

    let meta = logs(market.sell(&trader, 0, collateral, quote.tokens_in));
    assert_eq!(market.balances(), quote.balances);
    assert_eq!(
        market
            .harness
            .outcome_tokens_of(&market.arena, &trader.pubkey(), 0),
        held - quote.tokens_in
    );
    // Round trip: the trader paid 150 and gets back less, two fees and rounding.
    assert_eq!(
        market.harness.collateral_of(&trader.pubkey()),
        50 * USDC + collateral
    );
    assert!(collateral < 150 * USDC);
    assert!(Product::of(&quote.balances) > Product::of(&before));
    market.assert_books();

    let event: SharesSold = only(events(&meta));
    assert_eq!((event.outcome, event.collateral_out), (0, collateral));
    assert_eq!((event.fee, event.tokens_in), (quote.fee, quote.tokens_in));
    assert_eq!(event.prices, math::prices(&quote.balances));
}

#[test]
fn fees_accrue_to_the_liquidity_providers() {
    let mut market = Market::new();
    let provider = market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(1_000 * USDC);
    for round in 0..5u8 {
        let outcome = round % 3;
        market.buy(&trader, outcome, 200 * USDC, 0).expect("buy");
        let held = market
            .harness
            .outcome_tokens_of(&market.arena, &trader.pubkey(), outcome);
        let (collateral, quote) =
            math::sell_tokens(&market.balances(), outcome.into(), held, market.fee())
                .unwrap()
                .unwrap();
        market
            .sell(&trader, outcome, collateral, quote.tokens_in)
            .expect("sell");
    }
    let pool = market.harness.pool(&market.arena);
    assert!(pool.fees_collected >= 19 * USDC, "{}", pool.fees_collected);
    // Every balance grew by at least the fees, kept as complete sets (and the rounding).
    for balance in market.balances() {
        assert!(balance >= 1_000 * USDC + pool.fees_collected, "{balance}");
    }

    let lp = market.harness.lp_of(&market.arena, &provider.pubkey());
    let meta = logs(market.remove(&provider, lp, vec![1_000 * USDC; 3]));
    let event: LiquidityRemoved = only(events(&meta));
    assert_eq!(event.balances, vec![0, 0, 0]);
    assert_eq!(event.lp_supply, 0);
    // The provider's complete sets are worth more than the deposit: what the trader lost.
    let sets = *event.amounts.iter().min().unwrap();
    let trader_loss = 1_000 * USDC - market.harness.collateral_of(&trader.pubkey());
    assert!(sets > 1_000 * USDC + 18 * USDC);
    assert!(sets - 1_000 * USDC <= trader_loss);
    market.assert_books();
}

#[test]
fn removing_liquidity_pays_pro_rata_with_minimums() {
    let mut market = Market::new();
    let provider = market.funded(900 * USDC, vec![2, 1, 1]);
    let trader = market.trader(100 * USDC);
    market.buy(&trader, 1, 40 * USDC, 0).expect("buy");

    let before = market.balances();
    let supply = market.harness.lp_supply(&market.arena);
    let quote = math::withdrawal(&before, supply, supply / 3).unwrap();
    let mut too_much = quote.amounts.clone();
    too_much[2] += 1;
    let result = market.remove(&provider, supply / 3, too_much);
    assert_pool_error(result, PoolError::WithdrawalBelowMinimum);
    let result = market.remove(&provider, supply / 3, vec![0, 0]);
    assert_pool_error(result, PoolError::MinimumAmounts);
    let result = market.remove(&provider, 0, vec![0; 3]);
    assert_pool_error(result, PoolError::ZeroAmount);
    let result = market.remove(&provider, supply + 1, vec![0; 3]);
    assert_pool_error(result, PoolError::InsufficientLp);

    let held: Vec<u64> = (0..3)
        .map(|outcome| {
            market
                .harness
                .outcome_tokens_of(&market.arena, &provider.pubkey(), outcome)
        })
        .collect();
    let meta = logs(market.remove(&provider, supply / 3, quote.amounts.clone()));
    assert_eq!(market.balances(), quote.balances);
    for outcome in 0..3u8 {
        let index = usize::from(outcome);
        assert_eq!(
            market
                .harness
                .outcome_tokens_of(&market.arena, &provider.pubkey(), outcome),
            held[index] + quote.amounts[index]
        );
    }
    let event: LiquidityRemoved = only(events(&meta));
    assert_eq!(event.lp_burned, supply / 3);
    assert_eq!(event.lp_supply, supply - supply / 3);
    assert_eq!(event.prices, math::prices(&quote.balances));
    market.assert_books();
}

#[test]
fn trading_stops_at_resolution_and_providers_redeem_through_the_arena() {
    let mut market = Market::new();
    let provider = market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(100 * USDC);
    market.buy(&trader, 0, 50 * USDC, 0).expect("buy");
    let resolver = market.resolver.insecure_clone();
    market.harness.resolve(&market.arena, &resolver, 0);

    assert_pool_error(market.buy(&trader, 0, USDC, 0), PoolError::ArenaNotOpen);
    assert_pool_error(
        market.sell(&trader, 0, USDC, u64::MAX),
        PoolError::ArenaNotOpen,
    );
    let late = market.trader(10 * USDC);
    assert_pool_error(market.add(&late, USDC, 0, vec![]), PoolError::ArenaNotOpen);

    let lp = market.harness.lp_of(&market.arena, &provider.pubkey());
    market
        .remove(&provider, lp, vec![0; 3])
        .expect("withdraw after resolution");
    market.assert_books();
    market
        .harness
        .redeem_all(&market.arena, &provider)
        .expect("provider redeems");
    market
        .harness
        .redeem_all(&market.arena, &trader)
        .expect("trader redeems");
    // Everyone is paid: the arena holds nothing but the pot (empty here).
    assert_eq!(market.harness.arena_vault_balance(&market.arena), 0);
    let paid = market.harness.collateral_of(&provider.pubkey())
        + market.harness.collateral_of(&trader.pubkey());
    assert_eq!(paid, 1_100 * USDC);
}

#[test]
fn trading_an_empty_pool_is_refused() {
    let mut market = Market::new();
    let trader = market.trader(100 * USDC);
    assert_pool_error(market.buy(&trader, 0, USDC, 0), PoolError::EmptyPool);
    assert_pool_error(
        market.sell(&trader, 0, USDC, u64::MAX),
        PoolError::EmptyPool,
    );
}

#[test]
fn nobody_spends_another_wallets_tokens() {
    let mut market = Market::new();
    let provider = market.funded(1_000 * USDC, vec![]);
    let victim = market.trader(100 * USDC);
    market.buy(&victim, 1, 10 * USDC, 0).expect("buy");
    let thief = market.trader(0);

    // The thief signs a buy paid from the victim's collateral.
    let mut ix = market
        .harness
        .buy_ix(&market.arena, &thief.pubkey(), 0, 10 * USDC, 0);
    ix.accounts[6].pubkey = market.harness.collateral_account(&victim.pubkey());
    let result = market.harness.send(&thief, &[ix], &[]);
    assert_eq!(instruction_error(result), TOKEN_OWNER_MISMATCH);

    // A sale paid with the victim's outcome tokens.
    let mut ix = market
        .harness
        .sell_ix(&market.arena, &thief.pubkey(), 1, USDC, u64::MAX);
    ix.accounts[6].pubkey = market.outcome_account(&victim.pubkey(), 1);
    let result = market.harness.send(&thief, &[ix], &[]);
    assert_eq!(instruction_error(result), TOKEN_OWNER_MISMATCH);

    // A withdrawal burning the provider's LP tokens.
    let mut ix =
        market
            .harness
            .remove_liquidity_ix(&market.arena, &thief.pubkey(), USDC, vec![0; 3]);
    ix.accounts[3].pubkey =
        get_associated_token_address(&provider.pubkey(), &lp_mint(&market.pool));
    let result = market.harness.send(&thief, &[ix], &[]);
    assert_eq!(instruction_error(result), TOKEN_OWNER_MISMATCH);

    // A deposit paid by the victim.
    let mut ix = market
        .harness
        .add_liquidity_ix(&market.arena, &thief.pubkey(), USDC, 0, vec![]);
    ix.accounts[7].pubkey = market.harness.collateral_account(&victim.pubkey());
    let result = market.harness.send(&thief, &[ix], &[]);
    assert_eq!(instruction_error(result), TOKEN_OWNER_MISMATCH);

    assert_eq!(market.harness.collateral_of(&victim.pubkey()), 90 * USDC);
    assert_eq!(
        market.harness.lp_of(&market.arena, &provider.pubkey()),
        1_000 * USDC
    );
    market.assert_books();
}

#[test]
fn wrong_arena_pool_and_vault_accounts_are_rejected() {
    let mut market = Market::new();
    market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(100 * USDC);
    let harness = &mut market.harness;
    let creator = harness.wallet(0);
    let other_arena = harness.create_arena(&creator, 3, &Pubkey::new_unique());
    let other_pool = harness.create_pool(&creator, &other_arena, FEE_BPS);
    let arena = market.arena;

    // Buy indices: 0 trader, 1 config, 2 arena, 3 arena vault, 4 pool, 5 pool collateral,
    // 6 trader collateral, 7 trader outcome, 8 arena program, 9 token program, 10.. vaults.
    let buy = |harness: &Harness| harness.buy_ix(&arena, &trader.pubkey(), 0, 10 * USDC, 0);

    // Another arena's pool.
    let mut ix = buy(harness);
    ix.accounts[4].pubkey = other_pool;
    assert_pool_error(harness.send(&trader, &[ix], &[]), PoolError::WrongArena);
    // Another arena's vault.
    let mut ix = buy(harness);
    ix.accounts[3].pubkey = arena_vault(&other_arena);
    assert_pool_error(harness.send(&trader, &[ix], &[]), PoolError::WrongArena);
    // Another pool's collateral account.
    let mut ix = buy(harness);
    ix.accounts[5].pubkey = pool_collateral(&other_pool);
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::WrongPoolAccount,
    );
    // The trader's own token account posing as the pool's vault of outcome 0.
    let mut ix = buy(harness);
    ix.accounts[11].pubkey =
        get_associated_token_address(&trader.pubkey(), &outcome_mint(&arena, 0));
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::WrongPoolAccount,
    );
    // Another pool's vault.
    let mut ix = buy(harness);
    ix.accounts[13].pubkey = pool_vault(&other_pool, 1);
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::WrongPoolAccount,
    );
    // Missing outcome accounts.
    let mut ix = buy(harness);
    ix.accounts.truncate(14);
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::OutcomeAccounts,
    );
    // The receiving account of another outcome.
    let mut ix = buy(harness);
    ix.accounts[7].pubkey =
        get_associated_token_address(&trader.pubkey(), &outcome_mint(&arena, 1));
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::WrongOutcomeAccount,
    );
    // An outcome the arena does not have.
    let ix = harness.buy_ix(&arena, &trader.pubkey(), 3, 10 * USDC, 0);
    assert!(harness.send(&trader, &[ix], &[]).is_err());
    let mut ix = buy(harness);
    ix.data = anchor_lang::InstructionData::data(&pool::instruction::Buy {
        outcome: 7,
        collateral_in: 10 * USDC,
        min_tokens_out: 0,
    });
    assert_pool_error(harness.send(&trader, &[ix], &[]), PoolError::InvalidOutcome);
    // Not the arena program.
    let mut ix = buy(harness);
    ix.accounts[8].pubkey = pool::ID;
    assert_anchor_error(
        harness.send(&trader, &[ix], &[]),
        AnchorError::InvalidProgramId,
    );
    // Another pool's LP mint on withdrawal.
    let mut ix = harness.remove_liquidity_ix(&arena, &trader.pubkey(), 1, vec![0; 3]);
    ix.accounts[2].pubkey = lp_mint(&other_pool);
    assert_pool_error(
        harness.send(&trader, &[ix], &[]),
        PoolError::WrongPoolAccount,
    );
    market.assert_books();
}

#[test]
fn overflowing_amounts_are_rejected_before_any_transfer() {
    let mut market = Market::new();
    let provider = market.funded(1_000 * USDC, vec![]);
    let trader = market.trader(100 * USDC);
    assert_pool_error(market.buy(&trader, 0, u64::MAX, 0), PoolError::Overflow);
    assert_pool_error(
        market.add(&provider, u64::MAX, 0, vec![]),
        PoolError::Overflow,
    );
    assert_pool_error(
        market.sell(&trader, 0, u64::MAX, u64::MAX),
        PoolError::Overflow,
    );
    market.assert_books();
}

/// Eight outcomes: buys, sales and withdrawals fit a legacy transaction (1232 bytes), even
/// with the instruction that opens the trader's token account; a deposit carries three
/// accounts per outcome and needs a v0 transaction with a lookup table.
#[test]
fn eight_outcomes_fit_legacy_trades_and_v0_deposits() {
    const PACKET: usize = solana_packet::PACKET_DATA_SIZE;
    let mut market = Market::with_outcomes(8);
    let provider = market.trader(1_000 * USDC);
    let harness = &mut market.harness;
    let arena = market.arena;

    let deposit = harness.add_liquidity_ix(
        &arena,
        &provider.pubkey(),
        800 * USDC,
        0,
        vec![8, 7, 6, 5, 4, 3, 2, 1],
    );
    let legacy = harness.legacy_transaction(&provider, std::slice::from_ref(&deposit), &[]);
    let size = bincode::serialize(&legacy).unwrap().len();
    assert!(size > PACKET, "a deposit is {size} bytes");

    let pool = market.pool;
    let mut shared = vec![
        config_address(),
        arena,
        arena_vault(&arena),
        pool,
        lp_mint(&pool),
        pool_collateral(&pool),
        arena::ID,
        spl_token::id(),
    ];
    for index in 0..8 {
        shared.push(outcome_mint(&arena, index));
        shared.push(pool_vault(&pool, index));
    }
    let table = harness.lookup_table(shared);
    let v0 = harness.v0_transaction(
        &provider,
        std::slice::from_ref(&deposit),
        &[],
        std::slice::from_ref(&table),
    );
    let size = bincode::serialize(&v0).unwrap().len();
    assert!(size <= PACKET, "a v0 deposit is {size} bytes");
    let meta = logs(harness.send_v0(&provider, &[deposit], &[], &[table]));
    let event: LiquidityAdded = only(events(&meta));
    assert_eq!(event.balances.len(), 8);

    // A buy with the creation of the trader's outcome token account, legacy.
    let trader = harness.wallet(100 * USDC);
    let open = harness.create_ata_ix(&trader.pubkey(), &outcome_mint(&arena, 7));
    let buy = harness.buy_ix(&arena, &trader.pubkey(), 7, 10 * USDC, 1);
    let legacy = harness.legacy_transaction(&trader, &[open.clone(), buy.clone()], &[]);
    let size = bincode::serialize(&legacy).unwrap().len();
    assert!(size <= PACKET, "a buy is {size} bytes");
    harness
        .send(&trader, &[open, buy], &[])
        .expect("8-outcome buy");

    let held = harness.outcome_tokens_of(&arena, &trader.pubkey(), 7);
    let balances = harness.pool(&arena).balances().to_vec();
    let (collateral, quote) = math::sell_tokens(&balances, 7, held, Fee::new(FEE_BPS).unwrap())
        .unwrap()
        .unwrap();
    let sell = harness.sell_ix(&arena, &trader.pubkey(), 7, collateral, quote.tokens_in);
    let legacy = harness.legacy_transaction(&trader, std::slice::from_ref(&sell), &[]);
    assert!(bincode::serialize(&legacy).unwrap().len() <= PACKET);
    harness.send(&trader, &[sell], &[]).expect("8-outcome sale");

    let remove = harness.remove_liquidity_ix(&arena, &provider.pubkey(), 100 * USDC, vec![0; 8]);
    let legacy = harness.legacy_transaction(&provider, std::slice::from_ref(&remove), &[]);
    assert!(bincode::serialize(&legacy).unwrap().len() <= PACKET);
    harness
        .send(&provider, &[remove], &[])
        .expect("8-outcome withdrawal");
    market.assert_books();
}
