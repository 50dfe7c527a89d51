//! A harness for the order book running natively in LiteSVM through the localnet's bridge: an
//! arena with outcome tokens, a market on its first outcome, traders holding collateral and
//! outcome tokens, instruction builders, the market decoded, and events read from the logs.

#![allow(dead_code, unused_imports)] // each test binary uses part of the harness

use anchor_lang::{Discriminator, InstructionData, ToAccountMetas};
use arena::instructions::CreateArenaArgs;
use betfun_localnet::programs::new_svm;
use betfun_program_test::{set_unix_timestamp, token_balance, unix_timestamp};
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use orderbook::book::Side;
use orderbook::constants::{BASE_VAULT_SEED, MARKET_SEED, QUOTE_VAULT_SEED};
use orderbook::errors::OrderbookError;
use orderbook::instructions::{CreateMarketArgs, PlaceOrderArgs};
use orderbook::matching::{OrderType, SelfTradeBehavior};
use orderbook::state::Market;
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use spl_associated_token_account_client::address::get_associated_token_address;
use spl_associated_token_account_client::instruction::create_associated_token_account_idempotent;

pub const SOL: u64 = 1_000_000_000;
/// One unit of the 6-decimal test collateral (and of each outcome token).
pub const USDC: u64 = 1_000_000;
pub const START_TS: i64 = 1_700_000_000;
pub const DAY: i64 = 86_400;
/// Quote units per lot per tick: with `LOT_SIZE`, a tick is 0.01 collateral per share.
pub const TICK_SIZE: u64 = 100;
/// Base units per lot: 0.01 share. Prices run 1..=99 ticks.
pub const LOT_SIZE: u64 = 10_000;
pub const MAKER_FEE_BPS: u16 = 10;
pub const TAKER_FEE_BPS: u16 = 30;
pub const OUTCOME: u8 = 0;

pub struct Harness {
    pub svm: LiteSVM,
    pub admin: Keypair,
    pub treasury: Pubkey,
    pub collateral: Pubkey,
    pub creator: Keypair,
    pub resolver: Keypair,
    pub arena: Pubkey,
    pub market: Pubkey,
    mint_authority: Keypair,
}

impl Harness {
    /// An arena with two outcomes closing in a day, and a market on outcome 0.
    pub fn new() -> Self {
        let mut svm = new_svm();
        set_unix_timestamp(&mut svm, START_TS);
        let admin = Keypair::new();
        svm.airdrop(&admin.pubkey(), 100 * SOL).expect("airdrop");
        let mut harness = Harness {
            svm,
            admin,
            treasury: Pubkey::new_unique(),
            collateral: Pubkey::default(),
            creator: Keypair::new(),
            resolver: Keypair::new(),
            arena: Pubkey::default(),
            market: Pubkey::default(),
            mint_authority: Keypair::new(),
        };
        harness.collateral = harness.create_collateral_mint();
        harness.initialize_config();
        for wallet in [harness.creator.pubkey(), harness.resolver.pubkey()] {
            harness.svm.airdrop(&wallet, 10 * SOL).expect("airdrop");
        }
        harness.arena = harness.create_arena();
        let creator = harness.creator.insecure_clone();
        harness.market = harness
            .create_market(&creator, OUTCOME, market_args(OUTCOME))
            .expect("create_market");
        harness
    }

    fn create_collateral_mint(&mut self) -> Pubkey {
        let mint = Keypair::new();
        let space = spl_token::state::Mint::LEN;
        let instructions = [
            solana_system_interface::instruction::create_account(
                &self.admin.pubkey(),
                &mint.pubkey(),
                self.svm.minimum_balance_for_rent_exemption(space),
                space as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_mint2(
                &spl_token::id(),
                &mint.pubkey(),
                &self.mint_authority.pubkey(),
                None,
                6,
            )
            .expect("mint instruction"),
        ];
        let admin = self.admin.insecure_clone();
        self.send(&admin, &instructions, &[&mint])
            .expect("create collateral mint");
        mint.pubkey()
    }

    fn initialize_config(&mut self) {
        let config_ix = arena::client::initialize_config(&self.admin.pubkey(), &self.treasury, 100);
        let treasury_ata = create_associated_token_account_idempotent(
            &self.admin.pubkey(),
            &self.treasury,
            &self.collateral,
            &spl_token::id(),
        );
        let admin = self.admin.insecure_clone();
        self.send(&admin, &[config_ix, treasury_ata], &[])
            .expect("initialize config");
    }

    fn create_arena(&mut self) -> Pubkey {
        let arena = arena_address(0);
        let args = CreateArenaArgs {
            title: "Will it rain?".into(),
            category: "weather".into(),
            outcomes: vec!["Yes".into(), "No".into()],
            close_ts: START_TS + DAY,
            creator_fee_bps: 0,
            resolver: self.resolver.pubkey(),
        };
        let ix = arena::client::create_arena(&self.creator.pubkey(), 0, &self.collateral, args);
        let creator = self.creator.insecure_clone();
        let creator_ata = self.create_ata_ix(&creator.pubkey(), &self.collateral);
        self.send(&creator, &[creator_ata, ix], &[])
            .expect("create_arena");
        arena
    }

    /// The two instructions that create a market: the account, then `create_market`.
    pub fn create_market_ixs(
        &self,
        payer: &Pubkey,
        market: &Pubkey,
        args: CreateMarketArgs,
    ) -> [Instruction; 2] {
        let create_account = solana_system_interface::instruction::create_account(
            payer,
            market,
            self.svm.minimum_balance_for_rent_exemption(Market::SPACE),
            Market::SPACE as u64,
            &orderbook::ID,
        );
        let outcome = args.outcome;
        let initialize = Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::CreateMarket { args }.data(),
            orderbook::accounts::CreateMarket {
                creator: *payer,
                config: config_address(),
                arena: self.arena,
                market: *market,
                authority: market_authority(&self.arena, outcome),
                base_mint: outcome_mint(&self.arena, outcome.min(1)),
                quote_mint: self.collateral,
                base_vault: base_vault(market),
                quote_vault: quote_vault(market),
                token_program: spl_token::id(),
                system_program: solana_sdk_ids::system_program::id(),
            }
            .to_account_metas(None),
        );
        [create_account, initialize]
    }

    pub fn create_market(
        &mut self,
        payer: &Keypair,
        outcome: u8,
        args: CreateMarketArgs,
    ) -> Result<Pubkey, Box<litesvm::types::FailedTransactionMetadata>> {
        assert_eq!(args.outcome, outcome);
        let market = Keypair::new();
        let ixs = self.create_market_ixs(&payer.pubkey(), &market.pubkey(), args);
        self.send(payer, &ixs, &[&market]).map_err(Box::new)?;
        Ok(market.pubkey())
    }

    /// Signs with `payer` and `signers`, sends, and starts a new blockhash.
    pub fn send(
        &mut self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> TransactionResult {
        betfun_program_test::send(&mut self.svm, payer, instructions, signers)
    }

    pub fn run(&mut self, signer: &Keypair, instruction: Instruction) -> TransactionResult {
        self.send(signer, &[instruction], &[])
    }

    pub fn create_ata_ix(&self, owner: &Pubkey, mint: &Pubkey) -> Instruction {
        create_associated_token_account_idempotent(owner, owner, mint, &spl_token::id())
    }

    /// A wallet with SOL, `collateral` in its collateral account and `shares` of every outcome
    /// token (split from extra collateral).
    pub fn trader(&mut self, collateral: u64, shares: u64) -> Keypair {
        let wallet = Keypair::new();
        self.svm
            .airdrop(&wallet.pubkey(), 10 * SOL)
            .expect("airdrop");
        let mut ixs = vec![self.create_ata_ix(&wallet.pubkey(), &self.collateral)];
        ixs.extend(
            (0..2).map(|index| {
                self.create_ata_ix(&wallet.pubkey(), &outcome_mint(&self.arena, index))
            }),
        );
        self.send(&wallet, &ixs, &[]).expect("token accounts");
        if collateral + shares > 0 {
            let mint_to = spl_token::instruction::mint_to(
                &spl_token::id(),
                &self.collateral,
                &self.quote_account(&wallet.pubkey()),
                &self.mint_authority.pubkey(),
                &[],
                collateral + shares,
            )
            .expect("mint_to instruction");
            let authority = self.mint_authority.insecure_clone();
            self.send(&wallet, &[mint_to], &[&authority])
                .expect("mint collateral");
        }
        if shares > 0 {
            let ix = self.split_ix(&wallet.pubkey(), shares);
            self.run(&wallet, ix).expect("split");
        }
        wallet
    }

    fn split_ix(&self, owner: &Pubkey, amount: u64) -> Instruction {
        let outcome_accounts: Vec<Pubkey> = (0..2)
            .map(|index| get_associated_token_address(owner, &outcome_mint(&self.arena, index)))
            .collect();
        let collateral = self.quote_account(owner);
        arena::client::split(&self.arena, owner, &collateral, &outcome_accounts, amount)
    }

    pub fn base_mint(&self) -> Pubkey {
        outcome_mint(&self.arena, OUTCOME)
    }

    pub fn base_account(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.base_mint())
    }

    pub fn quote_account(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.collateral)
    }

    pub fn deposit_ix(&self, owner: &Pubkey, base: u64, quote: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::Deposit {
                base_amount: base,
                quote_amount: quote,
            }
            .data(),
            orderbook::accounts::Deposit {
                owner: *owner,
                market: self.market,
                base_vault: base_vault(&self.market),
                quote_vault: quote_vault(&self.market),
                owner_base: self.base_account(owner),
                owner_quote: self.quote_account(owner),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    pub fn withdraw_ix(&self, owner: &Pubkey, base: u64, quote: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::Withdraw {
                base_amount: base,
                quote_amount: quote,
            }
            .data(),
            orderbook::accounts::Withdraw {
                owner: *owner,
                market: self.market,
                authority: market_authority(&self.arena, OUTCOME),
                base_vault: base_vault(&self.market),
                quote_vault: quote_vault(&self.market),
                owner_base: self.base_account(owner),
                owner_quote: self.quote_account(owner),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    pub fn place_ix(&self, owner: &Pubkey, args: PlaceOrderArgs) -> Instruction {
        self.place_ix_on(&self.market, owner, args)
    }

    /// `place_order` naming `market` and its vaults.
    pub fn place_ix_on(
        &self,
        market: &Pubkey,
        owner: &Pubkey,
        args: PlaceOrderArgs,
    ) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::PlaceOrder { args }.data(),
            orderbook::accounts::PlaceOrder {
                owner: *owner,
                market: *market,
                arena: self.arena,
                base_vault: base_vault(market),
                quote_vault: quote_vault(market),
                owner_base: self.base_account(owner),
                owner_quote: self.quote_account(owner),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    pub fn cancel_ix(&self, owner: &Pubkey, order_id: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::CancelOrder { order_id }.data(),
            orderbook::accounts::CancelOrder {
                owner: *owner,
                market: self.market,
            }
            .to_account_metas(None),
        )
    }

    pub fn cancel_by_client_id_ix(&self, owner: &Pubkey, client_order_id: u64) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::CancelOrderByClientId { client_order_id }.data(),
            orderbook::accounts::CancelOrderByClientId {
                owner: *owner,
                market: self.market,
            }
            .to_account_metas(None),
        )
    }

    pub fn cancel_all_ix(&self, owner: &Pubkey, limit: u8) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::CancelAllOrders { limit }.data(),
            orderbook::accounts::CancelAllOrders {
                owner: *owner,
                market: self.market,
            }
            .to_account_metas(None),
        )
    }

    pub fn prune_ix(&self, limit: u8) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::PruneExpired { limit }.data(),
            orderbook::accounts::PruneExpired {
                market: self.market,
            }
            .to_account_metas(None),
        )
    }

    pub fn sweep_ix(&self, treasury_quote: Pubkey) -> Instruction {
        Instruction::new_with_bytes(
            orderbook::ID,
            &orderbook::instruction::SweepFees {}.data(),
            orderbook::accounts::SweepFees {
                market: self.market,
                authority: market_authority(&self.arena, OUTCOME),
                quote_vault: quote_vault(&self.market),
                config: config_address(),
                treasury_quote,
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        )
    }

    /// Closes betting and resolves the arena: trading stops.
    pub fn resolve(&mut self) {
        self.advance(DAY);
        let state = self.arena_state();
        let ix = Instruction::new_with_bytes(
            arena::ID,
            &arena::instruction::Resolve { winning_outcome: 0 }.data(),
            arena::accounts::Resolve {
                resolver: self.resolver.pubkey(),
                config: config_address(),
                arena: self.arena,
                vault: arena_vault(&self.arena),
                treasury_collateral: self.quote_account(&self.treasury),
                creator_collateral: self.quote_account(&state.creator),
                token_program: spl_token::id(),
            }
            .to_account_metas(None),
        );
        let resolver = self.resolver.insecure_clone();
        self.run(&resolver, ix).expect("resolve");
    }

    pub fn arena_state(&self) -> arena::state::Arena {
        let account = self.svm.get_account(&self.arena).expect("arena");
        anchor_lang::AccountDeserialize::try_deserialize(&mut account.data.as_slice())
            .expect("arena decodes")
    }

    pub fn now(&self) -> i64 {
        unix_timestamp(&self.svm)
    }

    pub fn advance(&mut self, seconds: i64) {
        let now = self.now();
        set_unix_timestamp(&mut self.svm, now + seconds);
    }

    /// The market account, decoded (copied: account data need not be aligned).
    pub fn market_state(&self) -> Box<Market> {
        market_at(&self.svm, &self.market)
    }

    pub fn token_balance(&self, account: &Pubkey) -> u64 {
        token_balance(&self.svm, account)
    }

    pub fn base_of(&self, owner: &Pubkey) -> u64 {
        self.token_balance(&self.base_account(owner))
    }

    pub fn quote_of(&self, owner: &Pubkey) -> u64 {
        self.token_balance(&self.quote_account(owner))
    }

    pub fn vaults(&self) -> (u64, u64) {
        (
            self.token_balance(&base_vault(&self.market)),
            self.token_balance(&quote_vault(&self.market)),
        )
    }
}

pub fn market_at(svm: &LiteSVM, address: &Pubkey) -> Box<Market> {
    let account = svm.get_account(address).expect("market exists");
    assert_eq!(account.owner, orderbook::ID);
    assert_eq!(&account.data[..8], Market::DISCRIMINATOR);
    let mut market: Box<Market> = bytemuck::zeroed_box();
    bytemuck::bytes_of_mut(&mut *market).copy_from_slice(&account.data[8..]);
    market
}

pub fn market_args(outcome: u8) -> CreateMarketArgs {
    CreateMarketArgs {
        outcome,
        tick_size: TICK_SIZE,
        lot_size: LOT_SIZE,
        maker_fee_bps: MAKER_FEE_BPS,
        taker_fee_bps: TAKER_FEE_BPS,
    }
}

pub fn order(side: Side, order_type: OrderType, price: u64, lots: u64) -> PlaceOrderArgs {
    PlaceOrderArgs {
        side,
        order_type,
        price,
        lots,
        client_order_id: 0,
        expiry_ts: 0,
        self_trade: SelfTradeBehavior::CancelProvide,
        match_limit: 0,
    }
}

pub fn limit(side: Side, price: u64, lots: u64) -> PlaceOrderArgs {
    order(side, OrderType::Limit, price, lots)
}

pub use arena::client::{
    arena_address, config_address, outcome_mint_address as outcome_mint,
    vault_address as arena_vault,
};

pub fn market_authority(arena: &Pubkey, outcome: u8) -> Pubkey {
    Pubkey::find_program_address(&[MARKET_SEED, arena.as_ref(), &[outcome]], &orderbook::ID).0
}

pub fn base_vault(market: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[BASE_VAULT_SEED, market.as_ref()], &orderbook::ID).0
}

pub fn quote_vault(market: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[QUOTE_VAULT_SEED, market.as_ref()], &orderbook::ID).0
}

pub use betfun_program_test::{
    assert_anchor_error, assert_program_error as assert_orderbook_error, events, instruction_error,
    logs,
};
