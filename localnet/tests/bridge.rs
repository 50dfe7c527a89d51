//! The native bridge in-process: BetFun programs (and a test program) running natively inside
//! LiteSVM, calling real SBF programs.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

use anchor_lang::solana_program::program::invoke_signed;
use anchor_lang::{Discriminator, InstructionData, ToAccountMetas};
use betfun_localnet::bridge::add_native_program;
use betfun_localnet::programs::new_svm;
use litesvm::types::{FailedTransactionMetadata, TransactionResult};
use litesvm::LiteSVM;
use solana_account_info::AccountInfo;
use solana_instruction::error::InstructionError;
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_message::Message;
use solana_program_error::ProgramResult;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_system_interface::instruction as system_instruction;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

const SOL: u64 = 1_000_000_000;

fn send(
    svm: &mut LiteSVM,
    payer: &Keypair,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> TransactionResult {
    let message = Message::new(instructions, Some(&payer.pubkey()));
    let mut all_signers = vec![payer];
    all_signers.extend_from_slice(signers);
    let tx = Transaction::new(&all_signers, message, svm.latest_blockhash());
    let result = svm.send_transaction(tx);
    svm.expire_blockhash();
    result
}

fn funded(svm: &mut LiteSVM) -> Keypair {
    let keypair = Keypair::new();
    svm.airdrop(&keypair.pubkey(), 10 * SOL).expect("airdrop");
    keypair
}

fn failure(result: TransactionResult) -> FailedTransactionMetadata {
    match result {
        Ok(meta) => panic!("expected a failure, got success with logs {:#?}", meta.logs),
        Err(failed) => failed,
    }
}

fn create_mint(svm: &mut LiteSVM, payer: &Keypair, decimals: u8) -> Pubkey {
    let mint = Keypair::new();
    let space = spl_token::state::Mint::LEN;
    let instructions = [
        system_instruction::create_account(
            &payer.pubkey(),
            &mint.pubkey(),
            svm.minimum_balance_for_rent_exemption(space),
            space as u64,
            &spl_token::id(),
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::id(),
            &mint.pubkey(),
            &payer.pubkey(),
            None,
            decimals,
        )
        .unwrap(),
    ];
    send(svm, payer, &instructions, &[&mint]).expect("create mint");
    mint.pubkey()
}

mod arena_program {
    use super::*;
    use arena::instructions::CreateArenaArgs;
    use arena::state::{Arena, ArenaStatus};

    fn config_pda() -> Pubkey {
        Pubkey::find_program_address(&[arena::constants::CONFIG_SEED], &arena::ID).0
    }

    fn arena_pda(id: u64) -> Pubkey {
        Pubkey::find_program_address(
            &[arena::constants::ARENA_SEED, &id.to_le_bytes()],
            &arena::ID,
        )
        .0
    }

    fn outcome_mint(arena: &Pubkey, index: u8) -> Pubkey {
        Pubkey::find_program_address(
            &[
                arena::constants::OUTCOME_MINT_SEED,
                arena.as_ref(),
                &[index],
            ],
            &arena::ID,
        )
        .0
    }

    fn initialize_config(svm: &mut LiteSVM, admin: &Keypair) -> TransactionResult {
        let accounts = arena::accounts::InitializeConfig {
            admin: admin.pubkey(),
            config: config_pda(),
            treasury: Pubkey::new_unique(),
            system_program: solana_sdk_ids::system_program::id(),
        };
        let ix = Instruction::new_with_bytes(
            arena::ID,
            &arena::instruction::InitializeConfig {
                protocol_fee_bps: 200,
            }
            .data(),
            accounts.to_account_metas(None),
        );
        send(svm, admin, &[ix], &[])
    }

    fn create_arena_ix(
        creator: &Pubkey,
        collateral: Pubkey,
        id: u64,
        args: CreateArenaArgs,
    ) -> Instruction {
        let arena = arena_pda(id);
        let outcome_count = args.outcomes.len() as u8;
        let accounts = arena::accounts::CreateArena {
            creator: *creator,
            config: config_pda(),
            arena,
            collateral_mint: collateral,
            vault: Pubkey::find_program_address(
                &[arena::constants::VAULT_SEED, arena.as_ref()],
                &arena::ID,
            )
            .0,
            token_program: spl_token::id(),
            system_program: solana_sdk_ids::system_program::id(),
        };
        let mut metas = accounts.to_account_metas(None);
        metas.extend(
            (0..outcome_count).map(|index| AccountMeta::new(outcome_mint(&arena, index), false)),
        );
        Instruction::new_with_bytes(
            arena::ID,
            &arena::instruction::CreateArena { args }.data(),
            metas,
        )
    }

    fn args(outcomes: &[&str]) -> CreateArenaArgs {
        CreateArenaArgs {
            title: "Will it rain in Lisbon tomorrow?".into(),
            category: "weather".into(),
            outcomes: outcomes.iter().map(|label| label.to_string()).collect(),
            close_ts: 1_000,
            creator_fee_bps: 100,
            resolver: Pubkey::new_unique(),
        }
    }

    fn decode_arena(svm: &LiteSVM, address: &Pubkey) -> Arena {
        let account = svm.get_account(address).expect("arena account");
        assert_eq!(account.owner, arena::ID);
        anchor_lang::AccountDeserialize::try_deserialize(&mut account.data.as_slice())
            .expect("arena decodes")
    }

    #[test]
    fn create_arena_mints_outcomes_by_cpi_with_a_pda_signer_and_emits_its_event() {
        let mut svm = new_svm();
        let creator = funded(&mut svm);
        initialize_config(&mut svm, &creator).expect("config");
        let collateral = create_mint(&mut svm, &creator, 6);

        let ix = create_arena_ix(
            &creator.pubkey(),
            collateral,
            0,
            args(&["Yes", "No", "Maybe"]),
        );
        let meta = send(&mut svm, &creator, &[ix], &[]).expect("create_arena succeeds");

        let arena_key = arena_pda(0);
        let arena = decode_arena(&svm, &arena_key);
        assert_eq!(arena.outcome_count, 3);
        assert_eq!(arena.status, ArenaStatus::Open);
        assert_eq!(arena.outcomes, ["Yes", "No", "Maybe"]);
        for index in 0..3u8 {
            let address = outcome_mint(&arena_key, index);
            assert_eq!(arena.outcome_mints[index as usize], address);
            let account = svm.get_account(&address).expect("outcome mint exists");
            assert_eq!(account.owner, spl_token::id());
            let mint =
                spl_token::state::Mint::unpack(&account.data).expect("an initialized SPL mint");
            assert_eq!(mint.decimals, 6);
            assert_eq!(mint.mint_authority, Some(arena_key).into());
        }
        let vault = svm.get_account(&arena.vault).expect("vault exists");
        let vault = spl_token::state::Account::unpack(&vault.data).expect("an SPL token account");
        assert_eq!((vault.mint, vault.owner), (collateral, arena_key));

        let event = meta
            .logs
            .iter()
            .find_map(|line| line.strip_prefix("Program data: "))
            .expect("the ArenaCreated event is in the logs");
        let event = base64_decode(event);
        assert_eq!(&event[..8], arena::events::ArenaCreated::DISCRIMINATOR);
        assert!(meta
            .logs
            .contains(&format!("Program {} invoke [2]", spl_token::id())));
        assert_eq!(
            meta.logs.last().unwrap(),
            &format!("Program {} success", arena::ID)
        );
    }

    #[test]
    fn anchor_errors_reach_the_logs_with_their_message() {
        let mut svm = new_svm();
        let creator = funded(&mut svm);
        initialize_config(&mut svm, &creator).expect("config");
        let collateral = create_mint(&mut svm, &creator, 6);

        let ix = create_arena_ix(&creator.pubkey(), collateral, 0, args(&["Only one"]));
        let failed = failure(send(&mut svm, &creator, &[ix], &[]));

        let code = 6000 + arena::errors::ArenaError::OutcomeCount as u32;
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::Custom(code))
        );
        assert!(
            failed
                .meta
                .logs
                .iter()
                .any(|line| line.starts_with("Program log: AnchorError")
                    && line.contains("Error Message: An arena needs between 2 and 8 outcomes")),
            "logs: {:#?}",
            failed.meta.logs
        );
    }

    #[test]
    fn an_outcome_mint_at_the_wrong_address_is_refused() {
        let mut svm = new_svm();
        let creator = funded(&mut svm);
        initialize_config(&mut svm, &creator).expect("config");
        let collateral = create_mint(&mut svm, &creator, 6);

        let mut ix = create_arena_ix(&creator.pubkey(), collateral, 0, args(&["Yes", "No"]));
        let last = ix.accounts.len() - 1;
        ix.accounts[last].pubkey = Pubkey::new_unique();
        let failed = failure(send(&mut svm, &creator, &[ix], &[]));
        let code = 6000 + arena::errors::ArenaError::OutcomeMintAddress as u32;
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::Custom(code))
        );
    }

    #[test]
    fn the_config_cannot_be_initialized_twice() {
        let mut svm = new_svm();
        let admin = funded(&mut svm);
        initialize_config(&mut svm, &admin).expect("config");
        let intruder = funded(&mut svm);
        let failed = failure(initialize_config(&mut svm, &intruder));
        assert!(
            matches!(failed.err, TransactionError::InstructionError(0, _)),
            "{:?}",
            failed.err
        );
    }

    fn base64_decode(text: &str) -> Vec<u8> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .expect("base64")
    }
}

/// A plain (non-Anchor) program, hosted through the same bridge, that misbehaves on demand.
mod misbehaving_program {
    use super::*;

    const ID: Pubkey = Pubkey::from_str_const("Misbehave1111111111111111111111111111111111");
    const PANIC: u8 = 0;
    const STEAL: u8 = 1;
    const SWALLOW_CPI_FAILURE: u8 = 2;
    const PDA_TRANSFER: u8 = 3;
    const PDA_SEED: &[u8] = b"treasury";

    fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
        match data.first() {
            Some(&PANIC) => panic!("deliberate panic for the test"),
            // Moves lamports out of an account that did not sign: the runtime must refuse.
            Some(&STEAL) => {
                let ix = system_instruction::transfer(accounts[0].key, accounts[1].key, 1);
                invoke_signed(&ix, &accounts[..2], &[])
            }
            // Ignores a failed CPI: on SBF the caller never resumes, so it must fail anyway.
            Some(&SWALLOW_CPI_FAILURE) => {
                let ix = system_instruction::transfer(accounts[0].key, accounts[1].key, u64::MAX);
                let _ = invoke_signed(&ix, &accounts[..2], &[]);
                Ok(())
            }
            // Pays out of the program's PDA, signing with its seeds.
            Some(&PDA_TRANSFER) => {
                let (_, bump) = Pubkey::find_program_address(&[PDA_SEED], program_id);
                let ix = system_instruction::transfer(accounts[0].key, accounts[1].key, SOL);
                invoke_signed(&ix, &accounts[..3], &[&[PDA_SEED, &[bump]]])
            }
            _ => Err(solana_program_error::ProgramError::InvalidInstructionData),
        }
    }

    fn svm_with_program() -> LiteSVM {
        let mut svm = new_svm();
        add_native_program(&mut svm, ID, "misbehave", process);
        svm
    }

    fn call(
        svm: &mut LiteSVM,
        payer: &Keypair,
        opcode: u8,
        accounts: Vec<AccountMeta>,
    ) -> TransactionResult {
        let ix = Instruction::new_with_bytes(ID, &[opcode], accounts);
        send(svm, payer, &[ix], &[])
    }

    #[test]
    fn a_panic_fails_its_transaction_and_the_runtime_carries_on() {
        let mut svm = svm_with_program();
        let payer = funded(&mut svm);
        let failed = failure(call(&mut svm, &payer, PANIC, vec![]));
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::ProgramFailedToComplete)
        );
        assert!(failed
            .meta
            .logs
            .iter()
            .any(|line| line.contains("deliberate panic for the test")));

        let receiver = Pubkey::new_unique();
        let ix = system_instruction::transfer(&payer.pubkey(), &receiver, SOL);
        send(&mut svm, &payer, &[ix], &[]).expect("the runtime still works");
        assert_eq!(svm.get_balance(&receiver), Some(SOL));
    }

    #[test]
    fn signer_privilege_cannot_be_escalated_through_cpi() {
        let mut svm = svm_with_program();
        let payer = funded(&mut svm);
        let victim = funded(&mut svm);
        let thief = Pubkey::new_unique();
        let accounts = vec![
            AccountMeta::new(victim.pubkey(), false),
            AccountMeta::new(thief, false),
            AccountMeta::new_readonly(solana_sdk_ids::system_program::id(), false),
        ];
        let failed = failure(call(&mut svm, &payer, STEAL, accounts));
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::PrivilegeEscalation)
        );
        assert!(failed
            .meta
            .logs
            .iter()
            .any(|line| line.contains("signer privilege escalated")));
        assert_eq!(svm.get_balance(&victim.pubkey()), Some(10 * SOL));
    }

    #[test]
    fn writable_privilege_cannot_be_escalated_through_cpi() {
        let mut svm = svm_with_program();
        let payer = funded(&mut svm);
        let receiver = Pubkey::new_unique();
        let accounts = vec![
            AccountMeta::new(payer.pubkey(), true),
            AccountMeta::new_readonly(receiver, false),
            AccountMeta::new_readonly(solana_sdk_ids::system_program::id(), false),
        ];
        let failed = failure(call(&mut svm, &payer, STEAL, accounts));
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::PrivilegeEscalation)
        );
        assert!(failed
            .meta
            .logs
            .iter()
            .any(|line| line.contains("writable privilege escalated")));
    }

    #[test]
    fn a_failed_cpi_fails_the_transaction_even_if_the_caller_ignores_it() {
        let mut svm = svm_with_program();
        let payer = funded(&mut svm);
        let accounts = vec![
            AccountMeta::new(payer.pubkey(), true),
            AccountMeta::new(Pubkey::new_unique(), false),
            AccountMeta::new_readonly(solana_sdk_ids::system_program::id(), false),
        ];
        let failed = failure(call(&mut svm, &payer, SWALLOW_CPI_FAILURE, accounts));
        assert_eq!(
            failed.err,
            TransactionError::InstructionError(0, InstructionError::Custom(1))
        );
    }

    #[test]
    fn a_pda_signs_a_cpi_with_its_seeds() {
        let mut svm = svm_with_program();
        let payer = funded(&mut svm);
        let (pda, _) = Pubkey::find_program_address(&[PDA_SEED], &ID);
        svm.airdrop(&pda, 3 * SOL).expect("fund the PDA");
        let receiver = Pubkey::new_unique();
        let accounts = vec![
            AccountMeta::new(pda, false),
            AccountMeta::new(receiver, false),
            AccountMeta::new_readonly(solana_sdk_ids::system_program::id(), false),
        ];
        call(&mut svm, &payer, PDA_TRANSFER, accounts).expect("PDA-signed transfer");
        assert_eq!(svm.get_balance(&receiver), Some(SOL));
        assert_eq!(svm.get_balance(&pda), Some(2 * SOL));
    }
}
