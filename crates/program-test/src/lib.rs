//! Helpers shared by the in-process tests of BetFun's programs (run natively in LiteSVM
//! through the localnet's bridge): sending transactions, the clock, token balances, events
//! read from logs, and assertions on errors.

// litesvm's own result type, whose error carries the transaction's logs.
#![allow(clippy::result_large_err)]

use std::fmt::Debug;

use anchor_lang::{AnchorDeserialize, Discriminator};
use base64::Engine;
use litesvm::types::TransactionResult;
use litesvm::LiteSVM;
use solana_clock::Clock;
use solana_instruction::error::InstructionError;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_message::Message;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

/// Signs with `payer` (the fee payer) and `signers`, sends, then starts a new blockhash so
/// that an identical transaction sent again is a new transaction.
pub fn send(
    svm: &mut LiteSVM,
    payer: &Keypair,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> TransactionResult {
    let mut all_signers = vec![payer];
    all_signers.extend_from_slice(signers);
    let message = Message::new(instructions, Some(&payer.pubkey()));
    let tx = Transaction::new(&all_signers, message, svm.latest_blockhash());
    let result = svm.send_transaction(tx);
    svm.expire_blockhash();
    result
}

pub fn unix_timestamp(svm: &LiteSVM) -> i64 {
    svm.get_sysvar::<Clock>().unix_timestamp
}

/// Moves the Clock sysvar's time (LiteSVM starts at 0 and never moves it by itself).
pub fn set_unix_timestamp(svm: &mut LiteSVM, unix_timestamp: i64) {
    let mut clock = svm.get_sysvar::<Clock>();
    clock.unix_timestamp = unix_timestamp;
    svm.set_sysvar(&clock);
}

/// The balance of an SPL token account; 0 when it does not exist.
pub fn token_balance(svm: &LiteSVM, account: &Pubkey) -> u64 {
    svm.get_account(account)
        .map(|account| {
            spl_token::state::Account::unpack(&account.data)
                .expect("an SPL token account")
                .amount
        })
        .unwrap_or(0)
}

/// The events of type `E` among a transaction's `Program data:` lines.
pub fn events<E: AnchorDeserialize + Discriminator>(logs: &[String]) -> Vec<E> {
    logs.iter()
        .filter_map(|line| line.strip_prefix("Program data: "))
        .filter_map(|data| base64::engine::general_purpose::STANDARD.decode(data).ok())
        .filter(|bytes| bytes.starts_with(E::DISCRIMINATOR))
        .map(|bytes| E::deserialize(&mut &bytes[E::DISCRIMINATOR.len()..]).expect("event decodes"))
        .collect()
}

/// The logs of a transaction that must have succeeded.
pub fn logs(result: TransactionResult) -> Vec<String> {
    match result {
        Ok(meta) => meta.logs,
        Err(failed) => panic!(
            "transaction failed: {:?}; logs: {:#?}",
            failed.err, failed.meta.logs
        ),
    }
}

/// The error of the transaction's failing instruction.
pub fn instruction_error(result: TransactionResult) -> InstructionError {
    match result {
        Ok(meta) => panic!("expected a failure; logs: {:#?}", meta.logs),
        Err(failed) => match failed.err {
            TransactionError::InstructionError(_, error) => error,
            other => panic!(
                "expected an instruction error, got {other:?}; logs: {:#?}",
                failed.meta.logs
            ),
        },
    }
}

/// Asserts that the transaction failed with the program error `expected` (an Anchor
/// `#[error_code]` enum, whose conversion to u32 adds Anchor's offset).
pub fn assert_program_error<E: Into<u32> + Debug + Copy>(result: TransactionResult, expected: E) {
    assert_eq!(
        instruction_error(result),
        InstructionError::Custom(expected.into()),
        "expected {expected:?}"
    );
}

/// Asserts that the transaction failed with Anchor's framework error `expected`.
pub fn assert_anchor_error(result: TransactionResult, expected: anchor_lang::error::ErrorCode) {
    assert_eq!(
        instruction_error(result),
        InstructionError::Custom(expected as u32),
        "expected {expected:?}"
    );
}
