//! A harness for the pool program running natively in LiteSVM through the localnet's bridge,
//! beside the arena program: a config, a 6-decimal test collateral, funded wallets, arenas,
//! pools, instruction builders, v0 transactions with lookup tables, account and event readers.

#![allow(dead_code, unused_imports)] // each test binary uses part of the harness

use std::borrow::Cow;

use anchor_lang::{
    AccountDeserialize, AnchorDeserialize, Discriminator, InstructionData, ToAccountMetas,
};
use arena::instructions::CreateArenaArgs;
use arena::state::Arena;
use betfun_localnet::programs::new_svm;
use betfun_program_test::{set_unix_timestamp, token_balance, unix_timestamp};
use litesvm::types::{TransactionMetadata, TransactionResult};
use litesvm::LiteSVM;
use pool::constants::{COLLATERAL_SEED, LP_MINT_SEED, POOL_SEED, VAULT_SEED};
use pool::state::Pool;
use solana_account::Account;
use solana_address_lookup_table_interface::state::{AddressLookupTable, LookupTableMeta};
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_message::v0::Message as MessageV0;
use solana_message::{AddressLookupTableAccount, Message, VersionedMessage};
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction::Transaction;
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

impl Default for Harness {
    fn default() -> Self {
        Self::new()
    }
}

impl Harness {
    /// A runtime with the arena config initialized and a 6-decimal collateral mint.
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
            mint_authority: Keypair::new(),
        };
        let mint = Keypair::new();
        harness.collateral = mint.pubkey();
        let space = spl_token::state::Mint::LEN;
        let admin_key = harness.admin.pubkey();
        let instructions = [
            solana_system_interface::instruction::create_account(
                &admin_key,
                &mint.pubkey(),
                harness.svm.minimum_balance_for_rent_exemption(space),
                space as u64,
                &spl_token::id(),
            ),
            spl_token::instruction::initialize_mint2(
                &spl_token::id(),
                &mint.pubkey(),
                &harness.mint_authority.pubkey(),
                None,
                6,
            )
            .expect("mint instruction"),
            arena::client::initialize_config(&admin_key, &harness.treasury, PROTOCOL_FEE_BPS),
            create_associated_token_account_idempotent(
                &admin_key,
                &harness.treasury,
                &mint.pubkey(),
                &spl_token::id(),
            ),
        ];
        let admin = harness.admin.insecure_clone();
        harness
            .send(&admin, &instructions, &[&mint])
            .expect("collateral mint and config");
        harness
    }

    /// Signs with `payer` and `signers`, sends a legacy transaction, and starts a new
    /// blockhash so that an identical transaction sent again is a new one.
    pub fn send(
        &mut self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> TransactionResult {
        let tx = self.legacy_transaction(payer, instructions, signers);
        let result = self.svm.send_transaction(tx);
        self.svm.expire_blockhash();
        result
    }

    pub fn legacy_transaction(
        &self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Transaction {
        let mut all_signers = vec![payer];
        all_signers.extend_from_slice(signers);
        let message = Message::new(instructions, Some(&payer.pubkey()));
        Transaction::new(&all_signers, message, self.svm.latest_blockhash())
    }

    /// As `send`, as a v0 transaction that loads accounts from `tables`.
    pub fn send_v0(
        &mut self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
        tables: &[AddressLookupTableAccount],
    ) -> TransactionResult {
        let tx = self.v0_transaction(payer, instructions, signers, tables);
        let result = self.svm.send_transaction(tx);
        self.svm.expire_blockhash();
        result
    }

    pub fn v0_transaction(
        &self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
        tables: &[AddressLookupTableAccount],
    ) -> VersionedTransaction {
        let mut all_signers = vec![payer];
        all_signers.extend_from_slice(signers);
        let message = MessageV0::try_compile(
            &payer.pubkey(),
            instructions,
            tables,
            self.svm.latest_blockhash(),
        )
        .expect("v0 message");
        VersionedTransaction::try_new(VersionedMessage::V0(message), &all_signers)
            .expect("signed v0 transaction")
    }

    /// Writes an active address lookup table holding `addresses` (as the lookup table
    /// program would after `create` and `extend` in an earlier slot).
    pub fn lookup_table(&mut self, addresses: Vec<Pubkey>) -> AddressLookupTableAccount {
        let key = Pubkey::new_unique();
        let table = AddressLookupTable {
            meta: LookupTableMeta {
                last_extended_slot_start_index: addresses.len() as u8,
                ..LookupTableMeta::new(self.admin.pubkey())
            },
            addresses: Cow::Owned(addresses.clone()),
        };
        let data = table.serialize_for_tests().expect("lookup table data");
        let account = Account {
            lamports: self.svm.minimum_balance_for_rent_exemption(data.len()),
            data,
            owner: solana_sdk_ids::address_lookup_table::id(),
            executable: false,
            rent_epoch: 0,
        };
        self.svm.set_account(key, account).expect("lookup table");
        AddressLookupTableAccount { key, addresses }
    }

    /// A wallet with SOL for fees and `collateral` base units in its associated token account.
    pub fn wallet(&mut self, collateral: u64) -> Keypair {
        let wallet = Keypair::new();
        self.svm
            .airdrop(&wallet.pubkey(), 10 * SOL)
            .expect("airdrop");
        let mut instructions = vec![self.create_ata_ix(&wallet.pubkey(), &self.collateral)];
        if collateral > 0 {
            instructions.push(
                spl_token::instruction::mint_to(
                    &spl_token::id(),
                    &self.collateral,
                    &self.collateral_account(&wallet.pubkey()),
                    &self.mint_authority.pubkey(),
                    &[],
                    collateral,
                )
                .expect("mint_to instruction"),
            );
        }
        let authority = self.mint_authority.insecure_clone();
        let signers: &[&Keypair] = if collateral > 0 { &[&authority] } else { &[] };
        self.send(&wallet, &instructions, signers)
            .expect("funded wallet");
        wallet
    }

    pub fn create_ata_ix(&self, owner: &Pubkey, mint: &Pubkey) -> Instruction {
        create_associated_token_account_idempotent(owner, owner, mint, &spl_token::id())
    }

    pub fn collateral_account(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.collateral)
    }

    /// Creates an arena with `outcomes` outcomes closing in a day; its address.
    pub fn create_arena(&mut self, creator: &Keypair, outcomes: u8, resolver: &Pubkey) -> Pubkey {
        let id = self.config_arena_count();
        let arena = arena_address(id);
        let args = CreateArenaArgs {
            title: format!("Arena {id}"),
            category: "test".into(),
            outcomes: (0..outcomes)
                .map(|index| format!("Outcome {index}"))
                .collect(),
            close_ts: self.now() + DAY,
            creator_fee_bps: 100,
            resolver: *resolver,
        };
        let create = arena::client::create_arena(&creator.pubkey(), id, &self.collateral, args);
        let creator_ata = self.create_ata_ix(&creator.pubkey(), &self.collateral);
        self.send(creator, &[creator_ata, create], &[])
            .expect("create_arena");
        arena
    }

    fn config_arena_count(&self) -> u64 {
        let account = self.svm.get_account(&config_address()).expect("config");
        arena::state::Config::try_deserialize(&mut account.data.as_slice())
            .expect("config decodes")
            .arena_count
    }

    pub fn create_pool_ix(&self, creator: &Pubkey, arena: &Pubkey, fee_bps: u16) -> Instruction {
        let pool = pool_address(arena);
        let mut accounts = pool::accounts::CreatePool {
            creator: *creator,
            arena: *arena,
            pool,
            collateral_mint: self.collateral,
            lp_mint: lp_mint(&pool),
            pool_collateral: pool_collateral(&pool),
            token_program: spl_token::id(),
            system_program: solana_sdk_ids::system_program::id(),
        }
        .to_account_metas(None);
        for index in 0..self.outcome_count(arena) {
            accounts.push(AccountMeta::new_readonly(outcome_mint(arena, index), false));
            accounts.push(AccountMeta::new(pool_vault(&pool, index), false));
        }
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::CreatePool { fee_bps }.data(),
            accounts,
        )
    }

    /// Creates the arena's pool with a fee of `fee_bps`; its address.
    pub fn create_pool(&mut self, creator: &Keypair, arena: &Pubkey, fee_bps: u16) -> Pubkey {
        let ix = self.create_pool_ix(&creator.pubkey(), arena, fee_bps);
        self.send(creator, &[ix], &[]).expect("create_pool");
        pool_address(arena)
    }

    /// Creates `owner`'s token accounts of every outcome and of the LP token, unless they
    /// exist.
    pub fn token_account_ixs(&self, arena: &Pubkey, owner: &Pubkey) -> Vec<Instruction> {
        let mut instructions: Vec<Instruction> = (0..self.outcome_count(arena))
            .map(|index| self.create_ata_ix(owner, &outcome_mint(arena, index)))
            .collect();
        instructions.push(self.create_ata_ix(owner, &lp_mint(&pool_address(arena))));
        instructions
    }

    pub fn open_token_accounts(&mut self, arena: &Pubkey, owner: &Keypair) {
        let instructions = self.token_account_ixs(arena, &owner.pubkey());
        self.send(owner, &instructions, &[])
            .expect("token accounts");
    }

    pub fn add_liquidity_ix(
        &self,
        arena: &Pubkey,
        provider: &Pubkey,
        collateral: u64,
        min_lp_out: u64,
        odds: Vec<u64>,
    ) -> Instruction {
        let pool = pool_address(arena);
        let mut accounts = pool::accounts::AddLiquidity {
            provider: *provider,
            config: config_address(),
            arena: *arena,
            arena_vault: arena_vault(arena),
            pool,
            lp_mint: lp_mint(&pool),
            pool_collateral: pool_collateral(&pool),
            provider_collateral: self.collateral_account(provider),
            provider_lp: get_associated_token_address(provider, &lp_mint(&pool)),
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        for index in 0..self.outcome_count(arena) {
            let mint = outcome_mint(arena, index);
            accounts.push(AccountMeta::new(mint, false));
            accounts.push(AccountMeta::new(pool_vault(&pool, index), false));
            accounts.push(AccountMeta::new(
                get_associated_token_address(provider, &mint),
                false,
            ));
        }
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::AddLiquidity {
                collateral,
                min_lp_out,
                odds,
            }
            .data(),
            accounts,
        )
    }

    pub fn remove_liquidity_ix(
        &self,
        arena: &Pubkey,
        provider: &Pubkey,
        lp: u64,
        min_amounts: Vec<u64>,
    ) -> Instruction {
        let pool = pool_address(arena);
        let mut accounts = pool::accounts::RemoveLiquidity {
            provider: *provider,
            pool,
            lp_mint: lp_mint(&pool),
            provider_lp: get_associated_token_address(provider, &lp_mint(&pool)),
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        for index in 0..self.outcome_count(arena) {
            accounts.push(AccountMeta::new(pool_vault(&pool, index), false));
            accounts.push(AccountMeta::new(
                get_associated_token_address(provider, &outcome_mint(arena, index)),
                false,
            ));
        }
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::RemoveLiquidity { lp, min_amounts }.data(),
            accounts,
        )
    }

    pub fn buy_ix(
        &self,
        arena: &Pubkey,
        trader: &Pubkey,
        outcome: u8,
        collateral_in: u64,
        min_tokens_out: u64,
    ) -> Instruction {
        let pool = pool_address(arena);
        let mut accounts = pool::accounts::Buy {
            trader: *trader,
            config: config_address(),
            arena: *arena,
            arena_vault: arena_vault(arena),
            pool,
            pool_collateral: pool_collateral(&pool),
            trader_collateral: self.collateral_account(trader),
            trader_outcome: get_associated_token_address(trader, &outcome_mint(arena, outcome)),
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        accounts.extend(self.vault_metas(arena));
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::Buy {
                outcome,
                collateral_in,
                min_tokens_out,
            }
            .data(),
            accounts,
        )
    }

    pub fn sell_ix(
        &self,
        arena: &Pubkey,
        trader: &Pubkey,
        outcome: u8,
        collateral_out: u64,
        max_tokens_in: u64,
    ) -> Instruction {
        let pool = pool_address(arena);
        let mut accounts = pool::accounts::Sell {
            trader: *trader,
            arena: *arena,
            arena_vault: arena_vault(arena),
            pool,
            pool_collateral: pool_collateral(&pool),
            trader_collateral: self.collateral_account(trader),
            trader_outcome: get_associated_token_address(trader, &outcome_mint(arena, outcome)),
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        accounts.extend(self.vault_metas(arena));
        Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::Sell {
                outcome,
                collateral_out,
                max_tokens_in,
            }
            .data(),
            accounts,
        )
    }

    /// Each outcome's mint and the pool's vault of it, as buy and sell take them.
    pub fn vault_metas(&self, arena: &Pubkey) -> Vec<AccountMeta> {
        let pool = pool_address(arena);
        (0..self.outcome_count(arena))
            .flat_map(|index| {
                [
                    AccountMeta::new(outcome_mint(arena, index), false),
                    AccountMeta::new(pool_vault(&pool, index), false),
                ]
            })
            .collect()
    }

    /// The resolver resolves the arena for `winner`, after moving the clock past its close.
    pub fn resolve(&mut self, arena: &Pubkey, resolver: &Keypair, winner: u8) {
        let state = self.arena(arena);
        let now = self.now();
        if now < state.close_ts {
            self.set_time(state.close_ts);
        }
        let treasury = self.collateral_account(&self.treasury);
        let creator = self.collateral_account(&state.creator);
        let ix = arena::client::resolve(arena, &resolver.pubkey(), &treasury, &creator, winner);
        self.send(resolver, &[ix], &[]).expect("resolve");
    }

    pub fn void(&mut self, arena: &Pubkey, resolver: &Keypair) {
        let ix = arena::client::void_arena(arena, &resolver.pubkey());
        self.send(resolver, &[ix], &[]).expect("void");
    }

    /// Redeems every outcome token `owner` holds through the arena (settled arenas only).
    pub fn redeem_all(&mut self, arena: &Pubkey, owner: &Keypair) -> TransactionResult {
        let count = self.outcome_count(arena);
        let amounts: Vec<u64> = (0..count)
            .map(|index| self.outcome_tokens_of(arena, &owner.pubkey(), index))
            .collect();
        let outcome_accounts: Vec<Pubkey> = (0..count)
            .map(|index| get_associated_token_address(&owner.pubkey(), &outcome_mint(arena, index)))
            .collect();
        let collateral = self.collateral_account(&owner.pubkey());
        let ix = arena::client::redeem(
            arena,
            &owner.pubkey(),
            &collateral,
            &outcome_accounts,
            amounts,
        );
        self.send(owner, &[ix], &[])
    }

    pub fn now(&self) -> i64 {
        unix_timestamp(&self.svm)
    }

    pub fn set_time(&mut self, unix_timestamp: i64) {
        set_unix_timestamp(&mut self.svm, unix_timestamp);
    }

    pub fn arena(&self, address: &Pubkey) -> Arena {
        decode(&self.svm, address, &arena::ID).expect("arena exists")
    }

    pub fn pool(&self, arena: &Pubkey) -> Pool {
        decode(&self.svm, &pool_address(arena), &pool::ID).expect("pool exists")
    }

    pub fn outcome_count(&self, arena: &Pubkey) -> u8 {
        self.arena(arena).outcome_count
    }

    pub fn token_balance(&self, account: &Pubkey) -> u64 {
        token_balance(&self.svm, account)
    }

    pub fn token_owner(&self, account: &Pubkey) -> Pubkey {
        let account = self.svm.get_account(account).expect("token account");
        spl_token::state::Account::unpack(&account.data)
            .expect("token account")
            .owner
    }

    pub fn mint_supply(&self, mint: &Pubkey) -> u64 {
        let account = self.svm.get_account(mint).expect("mint");
        spl_token::state::Mint::unpack(&account.data)
            .expect("mint")
            .supply
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

    pub fn lp_of(&self, arena: &Pubkey, owner: &Pubkey) -> u64 {
        self.token_balance(&get_associated_token_address(
            owner,
            &lp_mint(&pool_address(arena)),
        ))
    }

    pub fn lp_supply(&self, arena: &Pubkey) -> u64 {
        self.mint_supply(&lp_mint(&pool_address(arena)))
    }

    /// What the pool's vaults hold, per outcome.
    pub fn vault_balances(&self, arena: &Pubkey) -> Vec<u64> {
        let pool = pool_address(arena);
        (0..self.outcome_count(arena))
            .map(|index| self.token_balance(&pool_vault(&pool, index)))
            .collect()
    }

    pub fn arena_vault_balance(&self, arena: &Pubkey) -> u64 {
        self.token_balance(&arena_vault(arena))
    }

    pub fn pool_collateral_balance(&self, arena: &Pubkey) -> u64 {
        self.token_balance(&pool_collateral(&pool_address(arena)))
    }
}

fn decode<T: AccountDeserialize>(svm: &LiteSVM, address: &Pubkey, owner: &Pubkey) -> Option<T> {
    let account = svm.get_account(address)?;
    assert_eq!(&account.owner, owner, "{address} has another owner");
    Some(T::try_deserialize(&mut account.data.as_slice()).expect("account decodes"))
}

/// The events of type `T` in a transaction's logs (`Program data:` lines), in order.
pub fn events<T: AnchorDeserialize + Discriminator>(meta: &TransactionMetadata) -> Vec<T> {
    betfun_program_test::events(&meta.logs)
}

pub use arena::client::{
    arena_address, config_address, outcome_mint_address as outcome_mint,
    vault_address as arena_vault,
};

pub fn pool_address(arena: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[POOL_SEED, arena.as_ref()], &pool::ID).0
}

pub fn lp_mint(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[LP_MINT_SEED, pool.as_ref()], &pool::ID).0
}

pub fn pool_collateral(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[COLLATERAL_SEED, pool.as_ref()], &pool::ID).0
}

pub fn pool_vault(pool: &Pubkey, index: u8) -> Pubkey {
    Pubkey::find_program_address(&[VAULT_SEED, pool.as_ref(), &[index]], &pool::ID).0
}

pub use betfun_program_test::{
    assert_anchor_error, assert_program_error as assert_pool_error, instruction_error,
};
