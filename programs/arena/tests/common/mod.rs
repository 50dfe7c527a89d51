//! A harness for the arena program running natively in LiteSVM through the localnet's bridge:
//! wallets holding test collateral, instruction builders, clock control and account readers.

#![allow(dead_code, unused_imports)] // each test binary uses part of the harness

use anchor_lang::AccountDeserialize;
use arena::client;
use arena::instructions::{CreateArenaArgs, UpdateConfigArgs};
use arena::state::{Arena, Config, Position};
use betfun_localnet::programs::new_svm;
use betfun_program_test::{set_unix_timestamp, token_balance, unix_timestamp};
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use spl_associated_token_account_client::address::get_associated_token_address;
use spl_associated_token_account_client::instruction::create_associated_token_account_idempotent;

pub const SOL: u64 = 1_000_000_000;
/// One unit of the 6-decimal test collateral.
pub const USDC: u64 = 1_000_000;
pub const PROTOCOL_FEE_BPS: u16 = 200;
pub const START_TS: i64 = 1_700_000_000;
pub const DAY: i64 = 86_400;

pub struct Harness {
    pub svm: LiteSVM,
    pub admin: Keypair,
    pub treasury: Pubkey,
    pub collateral: Pubkey,
    mint_authority: Keypair,
}

impl Harness {
    /// A runtime with the config initialized (2% protocol fee) and a 6-decimal collateral.
    pub fn new() -> Self {
        let mut svm = new_svm();
        set_unix_timestamp(&mut svm, START_TS);
        let admin = Keypair::new();
        svm.airdrop(&admin.pubkey(), 100 * SOL).expect("airdrop");
        let mint_authority = Keypair::new();
        let mut harness = Harness {
            svm,
            treasury: Pubkey::new_unique(),
            collateral: Pubkey::default(),
            admin,
            mint_authority,
        };
        harness.collateral = harness.create_collateral_mint();
        let config_ix =
            client::initialize_config(&harness.admin.pubkey(), &harness.treasury, PROTOCOL_FEE_BPS);
        let treasury_ata = create_associated_token_account_idempotent(
            &harness.admin.pubkey(),
            &harness.treasury,
            &harness.collateral,
            &spl_token::id(),
        );
        let admin = harness.admin.insecure_clone();
        harness
            .send(&admin, &[config_ix, treasury_ata], &[])
            .expect("initialize config");
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

    /// Signs with `payer` (fee payer) and `signers`, sends, and starts a new blockhash so that
    /// an identical transaction sent again is a new transaction.
    pub fn send(
        &mut self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> TransactionResult {
        betfun_program_test::send(&mut self.svm, payer, instructions, signers)
    }

    /// Sends one instruction signed by `signer` alone.
    pub fn run(&mut self, signer: &Keypair, instruction: Instruction) -> TransactionResult {
        self.send(signer, &[instruction], &[])
    }

    /// A wallet with SOL for fees and `collateral` base units in its associated token account.
    pub fn wallet(&mut self, collateral: u64) -> Keypair {
        let wallet = Keypair::new();
        self.svm
            .airdrop(&wallet.pubkey(), 10 * SOL)
            .expect("airdrop");
        let create_ata = self.create_ata_ix(&wallet.pubkey(), &self.collateral);
        self.send(&wallet, &[create_ata], &[])
            .expect("collateral account");
        if collateral > 0 {
            let mint_to = spl_token::instruction::mint_to(
                &spl_token::id(),
                &self.collateral,
                &self.collateral_account(&wallet.pubkey()),
                &self.mint_authority.pubkey(),
                &[],
                collateral,
            )
            .expect("mint_to instruction");
            let authority = self.mint_authority.insecure_clone();
            self.send(&wallet, &[mint_to], &[&authority])
                .expect("mint collateral");
        }
        wallet
    }

    /// Creates `owner`'s associated token account of `mint` unless it exists; `owner` pays.
    pub fn create_ata_ix(&self, owner: &Pubkey, mint: &Pubkey) -> Instruction {
        create_associated_token_account_idempotent(owner, owner, mint, &spl_token::id())
    }

    pub fn collateral_account(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.collateral)
    }

    /// Creates an arena closing `close_in` seconds from now; its address.
    pub fn create_arena(
        &mut self,
        creator: &Keypair,
        outcomes: usize,
        close_in: i64,
        creator_fee_bps: u16,
        resolver: Pubkey,
    ) -> Pubkey {
        let id = self.config().arena_count;
        let args = CreateArenaArgs {
            title: format!("Arena {id}"),
            category: "test".into(),
            outcomes: (0..outcomes)
                .map(|index| format!("Outcome {index}"))
                .collect(),
            close_ts: self.now() + close_in,
            creator_fee_bps,
            resolver,
        };
        let ix = self.create_arena_ix(&creator.pubkey(), id, args);
        // The creator's fee account must exist for resolution.
        let creator_ata = self.create_ata_ix(&creator.pubkey(), &self.collateral);
        self.send(creator, &[creator_ata, ix], &[])
            .expect("create_arena");
        arena_address(id)
    }

    pub fn create_arena_ix(&self, creator: &Pubkey, id: u64, args: CreateArenaArgs) -> Instruction {
        client::create_arena(creator, id, &self.collateral, args)
    }

    pub fn update_config_ix(&self, admin: &Pubkey, args: UpdateConfigArgs) -> Instruction {
        client::update_config(admin, args)
    }

    pub fn place_bet_ix(
        &self,
        arena: &Pubkey,
        bettor: &Pubkey,
        outcome: u8,
        amount: u64,
    ) -> Instruction {
        client::place_bet(
            arena,
            bettor,
            &self.collateral_account(bettor),
            outcome,
            amount,
        )
    }

    /// The owner's outcome token accounts, created if missing, then `split`.
    pub fn split_ixs(&self, arena: &Pubkey, owner: &Pubkey, amount: u64) -> Vec<Instruction> {
        let count = self.arena(arena).outcome_count;
        let mut instructions: Vec<Instruction> = (0..count)
            .map(|index| self.create_ata_ix(owner, &outcome_mint(arena, index)))
            .collect();
        let collateral = self.collateral_account(owner);
        let outcome_accounts = self.outcome_accounts(arena, owner);
        instructions.push(client::split(
            arena,
            owner,
            &collateral,
            &outcome_accounts,
            amount,
        ));
        instructions
    }

    pub fn merge_ix(&self, arena: &Pubkey, owner: &Pubkey, amount: u64) -> Instruction {
        let collateral = self.collateral_account(owner);
        client::merge(
            arena,
            owner,
            &collateral,
            &self.outcome_accounts(arena, owner),
            amount,
        )
    }

    pub fn resolve_ix(
        &self,
        arena: &Pubkey,
        resolver: &Pubkey,
        winning_outcome: u8,
    ) -> Instruction {
        let creator = self.arena(arena).creator;
        let treasury = self.collateral_account(&self.treasury);
        let creator = self.collateral_account(&creator);
        client::resolve(arena, resolver, &treasury, &creator, winning_outcome)
    }

    pub fn void_ix(&self, arena: &Pubkey, resolver: &Pubkey) -> Instruction {
        client::void_arena(arena, resolver)
    }

    pub fn claim_ix(&self, arena: &Pubkey, owner: &Pubkey) -> Instruction {
        client::claim(arena, owner, &self.collateral_account(owner))
    }

    pub fn redeem_ix(&self, arena: &Pubkey, owner: &Pubkey, amounts: Vec<u64>) -> Instruction {
        let collateral = self.collateral_account(owner);
        client::redeem(
            arena,
            owner,
            &collateral,
            &self.outcome_accounts(arena, owner),
            amounts,
        )
    }

    /// The owner's associated token account of each outcome, in outcome order.
    fn outcome_accounts(&self, arena: &Pubkey, owner: &Pubkey) -> Vec<Pubkey> {
        let count = self.arena(arena).outcome_count;
        (0..count)
            .map(|index| get_associated_token_address(owner, &outcome_mint(arena, index)))
            .collect()
    }

    pub fn now(&self) -> i64 {
        unix_timestamp(&self.svm)
    }

    pub fn advance(&mut self, seconds: i64) {
        let now = self.now();
        set_unix_timestamp(&mut self.svm, now + seconds);
    }

    pub fn config(&self) -> Config {
        self.decode(&config_address()).expect("config exists")
    }

    pub fn arena(&self, address: &Pubkey) -> Arena {
        self.decode(address).expect("arena exists")
    }

    pub fn position(&self, arena: &Pubkey, owner: &Pubkey) -> Option<Position> {
        self.decode(&position_address(arena, owner))
    }

    fn decode<T: AccountDeserialize>(&self, address: &Pubkey) -> Option<T> {
        let account = self.svm.get_account(address)?;
        assert_eq!(
            account.owner,
            arena::ID,
            "{address} is not owned by the arena program"
        );
        Some(T::try_deserialize(&mut account.data.as_slice()).expect("account decodes"))
    }

    pub fn token_balance(&self, account: &Pubkey) -> u64 {
        token_balance(&self.svm, account)
    }

    pub fn collateral_of(&self, owner: &Pubkey) -> u64 {
        self.token_balance(&self.collateral_account(owner))
    }

    pub fn outcome_tokens_of(&self, arena: &Pubkey, owner: &Pubkey, index: u8) -> u64 {
        self.token_balance(&get_associated_token_address(
            owner,
            &outcome_mint(arena, index),
        ))
    }

    pub fn vault_balance(&self, arena: &Pubkey) -> u64 {
        self.token_balance(&vault_address(arena))
    }
}

pub use arena::client::{
    arena_address, config_address, outcome_mint_address as outcome_mint, position_address,
    vault_address,
};

pub use betfun_program_test::{
    assert_anchor_error, assert_program_error as assert_arena_error, instruction_error,
};
