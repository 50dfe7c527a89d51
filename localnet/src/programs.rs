//! The runtime the localnet serves: LiteSVM with the SPL programs as SBF and ours natively.

use litesvm::LiteSVM;
use solana_pubkey::Pubkey;

use crate::bridge::{self, ProcessInstruction};

/// A BetFun program compiled into this binary.
pub struct NativeProgram {
    pub name: &'static str,
    pub id: Pubkey,
    pub entry: ProcessInstruction,
}

/// Every BetFun program the localnet hosts, at its `declare_id!` address.
pub fn native_programs() -> Vec<NativeProgram> {
    vec![
        NativeProgram {
            name: "arena",
            id: arena::ID,
            entry: crate::anchor_entrypoint!(arena::entry),
        },
        NativeProgram {
            name: "orderbook",
            id: orderbook::ID,
            entry: crate::anchor_entrypoint!(orderbook::entry),
        },
        NativeProgram {
            name: "pool",
            id: pool::ID,
            entry: crate::anchor_entrypoint!(pool::entry),
        },
    ]
}

/// A runtime with the builtins, the sysvars, SPL Token, Token-2022, Associated Token Account
/// and Memo (real SBF programs) and BetFun's programs.
///
/// Signature verification, the blockhash check and duplicate detection are off: the localnet
/// does them itself, against its own window of recent blockhashes and its own history.
pub fn new_svm() -> LiteSVM {
    let mut svm = LiteSVM::new()
        .with_sigverify(false)
        .with_blockhash_check(false)
        .with_transaction_history(0);
    for program in native_programs() {
        bridge::add_native_program(&mut svm, program.id, program.name, program.entry);
    }
    svm
}
