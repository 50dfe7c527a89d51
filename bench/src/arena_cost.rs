//! Every arena instruction, each in a transaction of its own, on a runtime whose state is the
//! same in every run (fixed keys, fixed amounts), so that callgrind counts the same work each
//! time.

use anyhow::{anyhow, Result};
use arena::client;
use arena::instructions::CreateArenaArgs;
use litesvm::LiteSVM;
use solana_instruction::Instruction;
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

/// The measured steps, in the order [`run`] executes them.
pub const STEPS: &[&str] = &[
    "initialize_config",
    "create_arena (2 outcomes)",
    "create_arena (8 outcomes)",
    "place_bet (opens a position)",
    "place_bet",
    "split (2 outcomes)",
    "split (8 outcomes)",
    "merge (2 outcomes)",
    "merge (8 outcomes)",
    "resolve",
    "claim",
    "redeem (2 outcomes, resolved)",
    "void_arena",
    "redeem (8 outcomes, voided)",
];

/// The wallets of the scenario, from fixed seeds.
struct Wallets {
    admin: Keypair,
    creator: Keypair,
    alice: Keypair,
    bob: Keypair,
    collateral: Keypair,
}

impl Wallets {
    fn new() -> Self {
        let key = |seed: u8| Keypair::new_from_array([seed; 32]);
        Wallets {
            admin: key(1),
            creator: key(2),
            alice: key(3),
            bob: key(4),
            collateral: key(5),
        }
    }

    fn collateral_of(&self, owner: &Pubkey) -> Pubkey {
        get_associated_token_address(owner, &self.collateral.pubkey())
    }
}

/// Runs the scenario on `svm`, handing each measured transaction to `measure` (which must
/// send it) and sending the rest itself. Fails at the first transaction that fails.
pub fn run(
    svm: &mut LiteSVM,
    mut measure: impl FnMut(&mut LiteSVM, Transaction) -> litesvm::types::TransactionResult,
) -> Result<()> {
    let w = Wallets::new();
    set_unix_timestamp(svm, START_TS);
    for wallet in [&w.admin, &w.creator, &w.alice, &w.bob] {
        svm.airdrop(&wallet.pubkey(), 100 * SOL)
            .map_err(|e| anyhow!("airdrop: {:?}", e.err))?;
    }
    let mut steps = STEPS.iter();
    let mut step = |svm: &mut LiteSVM, payer: &Keypair, ixs: &[Instruction]| -> Result<()> {
        let name = steps
            .next()
            .ok_or_else(|| anyhow!("more steps than STEPS"))?;
        let tx = sign(svm, payer, ixs, &[]);
        measure(svm, tx).map_err(|e| anyhow!("{name}: {:?}\n{:#?}", e.err, e.meta.logs))?;
        Ok(())
    };

    setup_collateral(svm, &w)?;
    let admin = w.admin.pubkey();
    step(
        svm,
        &w.admin,
        &[client::initialize_config(&admin, &admin, 200)],
    )?;
    let creator = w.creator.pubkey();
    for (id, outcomes) in [(0, 2), (1, 8)] {
        let args = CreateArenaArgs {
            title: format!("Arena with {outcomes} outcomes"),
            category: "bench".into(),
            outcomes: (0..outcomes).map(|i| format!("Outcome {i}")).collect(),
            close_ts: START_TS + DAY,
            creator_fee_bps: 100,
            resolver: creator,
        };
        let ix = client::create_arena(&creator, id, &w.collateral.pubkey(), args);
        step(svm, &w.creator, &[ix])?;
    }
    let (two, eight) = (client::arena_address(0), client::arena_address(1));
    let alice = w.alice.pubkey();
    let alice_collateral = w.collateral_of(&alice);
    let alice_two = outcome_accounts(svm, &w.alice, &two, 2)?;
    let alice_eight = outcome_accounts(svm, &w.alice, &eight, 8)?;

    let bet = |outcome, amount| client::place_bet(&two, &alice, &alice_collateral, outcome, amount);
    step(svm, &w.alice, &[bet(0, 100 * USDC)])?;
    step(svm, &w.alice, &[bet(1, 50 * USDC)])?;
    let bob = w.bob.pubkey();
    let bob_bet = client::place_bet(&two, &bob, &w.collateral_of(&bob), 1, 100 * USDC);
    send(svm, &w.bob, &[bob_bet])?;

    for (arena, accounts) in [(&two, &alice_two), (&eight, &alice_eight)] {
        let ix = client::split(arena, &alice, &alice_collateral, accounts, 10 * USDC);
        step(svm, &w.alice, &[ix])?;
    }
    for (arena, accounts) in [(&two, &alice_two), (&eight, &alice_eight)] {
        let ix = client::merge(arena, &alice, &alice_collateral, accounts, 5 * USDC);
        step(svm, &w.alice, &[ix])?;
    }

    set_unix_timestamp(svm, START_TS + DAY);
    let (treasury, creator_fees) = (w.collateral_of(&admin), w.collateral_of(&creator));
    step(
        svm,
        &w.creator,
        &[client::resolve(&two, &creator, &treasury, &creator_fees, 0)],
    )?;
    step(
        svm,
        &w.alice,
        &[client::claim(&two, &alice, &alice_collateral)],
    )?;
    let redeem = client::redeem(
        &two,
        &alice,
        &alice_collateral,
        &alice_two,
        vec![5 * USDC; 2],
    );
    step(svm, &w.alice, &[redeem])?;
    step(svm, &w.creator, &[client::void_arena(&eight, &creator)])?;
    let redeem = client::redeem(
        &eight,
        &alice,
        &alice_collateral,
        &alice_eight,
        vec![5 * USDC; 8],
    );
    step(svm, &w.alice, &[redeem])?;
    Ok(())
}

/// The collateral mint, and token accounts holding it: the admin's (the treasury), the
/// creator's (fees) and the bettors' (1,000 units each).
fn setup_collateral(svm: &mut LiteSVM, w: &Wallets) -> Result<()> {
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
        spl_token::instruction::initialize_mint2(&spl_token::id(), &mint, &admin, None, 6)?,
    ];
    let tx = sign(svm, &w.admin, &create_mint, &[&w.collateral]);
    svm.send_transaction(tx)
        .map_err(|e| anyhow!("collateral mint: {:?}", e.err))?;
    for owner in [&w.admin, &w.creator, &w.alice, &w.bob] {
        let owner = owner.pubkey();
        let account = w.collateral_of(&owner);
        let mut ixs = vec![create_associated_token_account_idempotent(
            &admin,
            &owner,
            &mint,
            &spl_token::id(),
        )];
        if owner == w.alice.pubkey() || owner == w.bob.pubkey() {
            ixs.push(spl_token::instruction::mint_to(
                &spl_token::id(),
                &mint,
                &account,
                &admin,
                &[],
                1_000 * USDC,
            )?);
        }
        send(svm, &w.admin, &ixs)?;
    }
    Ok(())
}

/// `owner`'s associated token account of each outcome of `arena`, created beforehand so that
/// the measured split does not pay for them.
fn outcome_accounts(
    svm: &mut LiteSVM,
    owner: &Keypair,
    arena: &Pubkey,
    outcomes: u8,
) -> Result<Vec<Pubkey>> {
    let mints: Vec<Pubkey> = (0..outcomes)
        .map(|index| client::outcome_mint_address(arena, index))
        .collect();
    let create: Vec<Instruction> = mints
        .iter()
        .map(|mint| {
            create_associated_token_account_idempotent(
                &owner.pubkey(),
                &owner.pubkey(),
                mint,
                &spl_token::id(),
            )
        })
        .collect();
    send(svm, owner, &create)?;
    Ok(mints
        .iter()
        .map(|mint| get_associated_token_address(&owner.pubkey(), mint))
        .collect())
}

fn sign(svm: &LiteSVM, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
    let mut all = vec![payer];
    all.extend_from_slice(signers);
    Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, svm.latest_blockhash())
}

/// Sends an unmeasured transaction; a new blockhash keeps later identical ones distinct.
fn send(svm: &mut LiteSVM, payer: &Keypair, ixs: &[Instruction]) -> Result<()> {
    let tx = sign(svm, payer, ixs, &[]);
    svm.send_transaction(tx)
        .map_err(|e| anyhow!("setup: {:?}\n{:#?}", e.err, e.meta.logs))?;
    svm.expire_blockhash();
    Ok(())
}

fn set_unix_timestamp(svm: &mut LiteSVM, unix_timestamp: i64) {
    let mut clock = svm.get_sysvar::<solana_clock::Clock>();
    clock.unix_timestamp = unix_timestamp;
    svm.set_sysvar(&clock);
}
