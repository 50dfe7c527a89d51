//! The pool's buy and sell, each measured in a transaction of its own, for pools of 2, 4 and 8
//! outcomes, on a runtime whose state is the same in every run (fixed keys, fixed amounts), so
//! that callgrind counts the same work each time.

use anchor_lang::{InstructionData, ToAccountMetas};
use anyhow::{anyhow, Result};
use arena::client::{arena_address, config_address, outcome_mint_address, vault_address};
use arena::instructions::CreateArenaArgs;
use betfun_program_test::set_unix_timestamp;
use litesvm::LiteSVM;
use pool::constants::{COLLATERAL_SEED, LP_MINT_SEED, POOL_SEED, VAULT_SEED};
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_system_interface::instruction as system;
use solana_transaction::Transaction;
use spl_associated_token_account_client::address::get_associated_token_address;
use spl_associated_token_account_client::instruction::create_associated_token_account_idempotent;

const SOL: u64 = 1_000_000_000;
const USDC: u64 = 1_000_000;
const DAY: i64 = 86_400;
const START_TS: i64 = 1_700_000_000;
/// Outcomes of the pools measured.
pub const OUTCOMES: &[u8] = &[2, 4, 8];

/// Every measured step, `(outcomes, instruction)`, in the order [`run`] executes them.
pub fn steps() -> Vec<(u8, &'static str)> {
    OUTCOMES
        .iter()
        .flat_map(|&n| [(n, "buy"), (n, "sell")])
        .collect()
}

fn key(seed: u8) -> Keypair {
    Keypair::new_from_array([seed; 32])
}

fn pool_address(arena: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[POOL_SEED, arena.as_ref()], &pool::ID).0
}

fn lp_mint(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[LP_MINT_SEED, pool.as_ref()], &pool::ID).0
}

fn pool_collateral(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[COLLATERAL_SEED, pool.as_ref()], &pool::ID).0
}

fn pool_vault(pool: &Pubkey, index: u8) -> Pubkey {
    Pubkey::find_program_address(&[VAULT_SEED, pool.as_ref(), &[index]], &pool::ID).0
}

struct World {
    admin: Keypair,
    mint_authority: Keypair,
    collateral: Keypair,
    provider: Keypair,
    trader: Keypair,
}

impl World {
    fn collateral_of(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.collateral.pubkey())
    }
}

fn vault_metas(arena: &Pubkey, outcomes: u8) -> Vec<AccountMeta> {
    let pool = pool_address(arena);
    (0..outcomes)
        .flat_map(|index| {
            [
                AccountMeta::new(outcome_mint_address(arena, index), false),
                AccountMeta::new(pool_vault(&pool, index), false),
            ]
        })
        .collect()
}

/// Runs the scenario on `svm`, handing each measured transaction to `measure` (which must
/// send it) and sending the rest itself. Fails at the first transaction that fails.
pub fn run(
    svm: &mut LiteSVM,
    mut measure: impl FnMut(&mut LiteSVM, Transaction) -> litesvm::types::TransactionResult,
) -> Result<()> {
    let w = World {
        admin: key(1),
        mint_authority: key(2),
        collateral: key(3),
        provider: key(4),
        trader: key(5),
    };
    set_unix_timestamp(svm, START_TS);
    for wallet in [&w.admin, &w.provider, &w.trader] {
        svm.airdrop(&wallet.pubkey(), 100 * SOL)
            .map_err(|e| anyhow!("airdrop: {:?}", e.err))?;
    }
    setup_collateral(svm, &w)?;
    let all_steps = steps();
    let mut names = all_steps.iter();
    let mut step = |svm: &mut LiteSVM, payer: &Keypair, ix: Instruction| -> Result<()> {
        let (outcomes, name) = names
            .next()
            .ok_or_else(|| anyhow!("more steps than steps()"))?;
        let tx = sign(svm, payer, &[ix], &[]);
        let result = measure(svm, tx);
        svm.expire_blockhash();
        result.map_err(|e| anyhow!("{name} ({outcomes}): {:?}\n{:#?}", e.err, e.meta.logs))?;
        Ok(())
    };

    let collateral = w.collateral.pubkey();
    let (admin, provider, trader) = (w.admin.pubkey(), w.provider.pubkey(), w.trader.pubkey());
    for (id, &outcomes) in OUTCOMES.iter().enumerate() {
        let id = id as u64;
        let args = CreateArenaArgs {
            title: format!("Pool with {outcomes} outcomes"),
            category: "bench".into(),
            outcomes: (0..outcomes).map(|i| format!("Outcome {i}")).collect(),
            close_ts: START_TS + DAY,
            creator_fee_bps: 100,
            resolver: admin,
        };
        send(
            svm,
            &w.admin,
            &[arena::client::create_arena(&admin, id, &collateral, args)],
        )?;
        let arena = arena_address(id);
        let pool = pool_address(&arena);

        let mut accounts = pool::accounts::CreatePool {
            creator: admin,
            arena,
            pool,
            collateral_mint: collateral,
            lp_mint: lp_mint(&pool),
            pool_collateral: pool_collateral(&pool),
            token_program: spl_token::id(),
            system_program: solana_system_interface::program::ID,
        }
        .to_account_metas(None);
        for index in 0..outcomes {
            let mint = outcome_mint_address(&arena, index);
            accounts.push(AccountMeta::new_readonly(mint, false));
            accounts.push(AccountMeta::new(pool_vault(&pool, index), false));
        }
        let create = Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::CreatePool { fee_bps: 100 }.data(),
            accounts,
        );
        send(svm, &w.admin, &[create])?;

        for owner in [&w.provider, &w.trader] {
            let wallet = owner.pubkey();
            let mut ixs: Vec<Instruction> = (0..outcomes)
                .map(|index| {
                    create_associated_token_account_idempotent(
                        &wallet,
                        &wallet,
                        &outcome_mint_address(&arena, index),
                        &spl_token::id(),
                    )
                })
                .collect();
            ixs.push(create_associated_token_account_idempotent(
                &wallet,
                &wallet,
                &lp_mint(&pool),
                &spl_token::id(),
            ));
            send(svm, owner, &ixs)?;
        }

        // The provider's first deposit, at even odds: 10,000 of each outcome token.
        let mut accounts = pool::accounts::AddLiquidity {
            provider,
            config: config_address(),
            arena,
            arena_vault: vault_address(&arena),
            pool,
            lp_mint: lp_mint(&pool),
            pool_collateral: pool_collateral(&pool),
            provider_collateral: w.collateral_of(&provider),
            provider_lp: get_associated_token_address(&provider, &lp_mint(&pool)),
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        for index in 0..outcomes {
            let mint = outcome_mint_address(&arena, index);
            accounts.push(AccountMeta::new(mint, false));
            accounts.push(AccountMeta::new(pool_vault(&pool, index), false));
            accounts.push(AccountMeta::new(
                get_associated_token_address(&provider, &mint),
                false,
            ));
        }
        let add = Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::AddLiquidity {
                collateral: 10_000 * USDC,
                min_lp_out: 0,
                odds: vec![],
            }
            .data(),
            accounts,
        );
        // Eight outcomes take more accounts than a legacy transaction carries on a real
        // validator; LiteSVM does not enforce the packet size, and this deposit is not measured.
        send(svm, &w.provider, &[add])?;

        let trader_outcome =
            get_associated_token_address(&trader, &outcome_mint_address(&arena, 0));
        let mut accounts = pool::accounts::Buy {
            trader,
            config: config_address(),
            arena,
            arena_vault: vault_address(&arena),
            pool,
            pool_collateral: pool_collateral(&pool),
            trader_collateral: w.collateral_of(&trader),
            trader_outcome,
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        accounts.extend(vault_metas(&arena, outcomes));
        let buy = Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::Buy {
                outcome: 0,
                collateral_in: 100 * USDC,
                min_tokens_out: 0,
            }
            .data(),
            accounts,
        );
        step(svm, &w.trader, buy)?;

        let mut accounts = pool::accounts::Sell {
            trader,
            arena,
            arena_vault: vault_address(&arena),
            pool,
            pool_collateral: pool_collateral(&pool),
            trader_collateral: w.collateral_of(&trader),
            trader_outcome,
            arena_program: arena::ID,
            token_program: spl_token::id(),
        }
        .to_account_metas(None);
        accounts.extend(vault_metas(&arena, outcomes));
        let sell = Instruction::new_with_bytes(
            pool::ID,
            &pool::instruction::Sell {
                outcome: 0,
                collateral_out: 50 * USDC,
                max_tokens_in: u64::MAX,
            }
            .data(),
            accounts,
        );
        step(svm, &w.trader, sell)?;
    }
    anyhow::ensure!(names.next().is_none(), "fewer steps than steps()");
    Ok(())
}

/// The collateral mint, the arena config, and each wallet's collateral account with 100,000
/// units.
fn setup_collateral(svm: &mut LiteSVM, w: &World) -> Result<()> {
    let mint = w.collateral.pubkey();
    let admin = w.admin.pubkey();
    let space = spl_token::state::Mint::LEN;
    let create_mint = [
        system::create_account(
            &admin,
            &mint,
            svm.minimum_balance_for_rent_exemption(space),
            space as u64,
            &spl_token::id(),
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::id(),
            &mint,
            &w.mint_authority.pubkey(),
            None,
            6,
        )?,
    ];
    let tx = sign(svm, &w.admin, &create_mint, &[&w.collateral]);
    svm.send_transaction(tx)
        .map_err(|e| anyhow!("collateral mint: {:?}", e.err))?;
    svm.expire_blockhash();
    for owner in [&w.admin, &w.provider, &w.trader] {
        let owner = owner.pubkey();
        let create =
            create_associated_token_account_idempotent(&admin, &owner, &mint, &spl_token::id());
        let mint_to = spl_token::instruction::mint_to(
            &spl_token::id(),
            &mint,
            &w.collateral_of(&owner),
            &w.mint_authority.pubkey(),
            &[],
            100_000 * USDC,
        )?;
        let tx = sign(svm, &w.admin, &[create, mint_to], &[&w.mint_authority]);
        svm.send_transaction(tx)
            .map_err(|e| anyhow!("collateral: {:?}", e.err))?;
        svm.expire_blockhash();
    }
    let config = arena::client::initialize_config(&admin, &admin, 100);
    send(svm, &w.admin, &[config])
}

fn sign(svm: &LiteSVM, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
    let mut all = vec![payer];
    all.extend_from_slice(signers);
    Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, svm.latest_blockhash())
}

/// Sends an unmeasured transaction; a new blockhash keeps later identical ones distinct.
fn send(svm: &mut LiteSVM, payer: &Keypair, ixs: &[Instruction]) -> Result<()> {
    let tx = sign(svm, payer, ixs, &[]);
    let result = svm.send_transaction(tx);
    svm.expire_blockhash();
    result.map_err(|e| anyhow!("setup: {:?}\n{:#?}", e.err, e.meta.logs))?;
    Ok(())
}
