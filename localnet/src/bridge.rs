//! The native bridge: programs compiled for the host, run inside the real Solana runtime.
//!
//! LiteSVM executes SBF programs; ours are compiled natively (no SBF toolchain can be fetched
//! here) and registered as builtins. When the runtime dispatches to one, [`run_native`]
//! serializes the instruction's accounts exactly as the SBF loader would, hands them to the
//! program's entrypoint and writes the changes back. Whatever the program asks of the runtime
//! (CPI, sysvars, logs, return data) arrives through `program_stubs`, which [`Syscalls`]
//! answers from the invoke context of the instruction being executed.
//!
//! Semantics kept from a real validator:
//! - a failed CPI fails the whole transaction with the callee's error, even when the caller
//!   would swallow the error it sees (on SBF the caller never resumes);
//! - signer and writable privileges cannot escalate through CPI, and PDA signers are derived
//!   from the caller's program id;
//! - a panic fails the instruction (`ProgramFailedToComplete`) and is logged, never unwinding
//!   into the runtime;
//! - `msg!` and `emit!` land in the transaction's log as `Program log:` / `Program data:`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{LazyLock, Once, RwLock};

use litesvm::LiteSVM;
use solana_account::Account;
use solana_account_info::AccountInfo;
use solana_instruction::error::{InstructionError, UNSUPPORTED_SYSVAR};
use solana_instruction::Instruction;
use solana_program_entrypoint::{deserialize, SUCCESS};
use solana_program_error::{ProgramError, ProgramResult};
use solana_program_runtime::invoke_context::InvokeContext;
use solana_program_runtime::serialization::serialize_parameters;
use solana_program_runtime::{declare_process_instruction, stable_log};
use solana_pubkey::Pubkey;
use solana_sbpf::vm::ContextObject;
use solana_stable_layout::stable_instruction::StableInstruction;
use solana_sysvar::program_stubs::{self, SyscallStubs};
use solana_sysvar::Sysvar;
use solana_timings::ExecuteTimings;
use solana_transaction_context::IndexOfAccount;

/// A program's entrypoint with free lifetimes, as `solana_program_entrypoint` declares it.
pub type ProcessInstruction = solana_program_entrypoint::ProcessInstruction;

/// Makes a [`ProcessInstruction`] of an Anchor program's `entry`, whose signature ties the
/// slice of accounts to their inner lifetime (`&'info [AccountInfo<'info>]`).
#[macro_export]
macro_rules! anchor_entrypoint {
    ($entry:path) => {{
        fn process(
            program_id: &::solana_pubkey::Pubkey,
            accounts: &[::solana_account_info::AccountInfo],
            data: &[u8],
        ) -> ::solana_program_error::ProgramResult {
            $entry(program_id, $crate::bridge::tie_lifetimes(accounts), data)
        }
        process as $crate::bridge::ProcessInstruction
    }};
}

/// Shortens the account slice and the accounts' inner lifetime to the same one.
///
/// Sound for the bridge's use: the accounts borrow the serialized parameter buffer, which
/// outlives the whole program call; the result is only used within that call.
pub fn tie_lifetimes<'a, 'b>(accounts: &'a [AccountInfo<'b>]) -> &'a [AccountInfo<'a>] {
    // SAFETY: 'b outlives 'a (implied by the input type); AccountInfo is invariant in its
    // lifetime only because of RefCell, and the data is never re-borrowed for longer than 'a.
    unsafe { std::mem::transmute::<&'a [AccountInfo<'b>], &'a [AccountInfo<'a>]>(accounts) }
}

static NATIVE_PROGRAMS: LazyLock<RwLock<HashMap<Pubkey, ProcessInstruction>>> =
    LazyLock::new(Default::default);

/// Hosts `entry` at `program_id` in `svm`.
pub fn add_native_program(
    svm: &mut LiteSVM,
    program_id: Pubkey,
    name: &str,
    entry: ProcessInstruction,
) {
    install_process_hooks();
    NATIVE_PROGRAMS
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(program_id, entry);
    svm.add_builtin(program_id, NativeProgram::vm);
    // litesvm 0.7 gives the builtin's account to the BPF loader, which would then try to run
    // it as SBF; the runtime dispatches to a builtin only when the native loader owns it.
    let account = Account {
        lamports: svm.minimum_balance_for_rent_exemption(name.len()),
        data: name.as_bytes().to_vec(),
        owner: solana_sdk_ids::native_loader::id(),
        executable: true,
        rent_epoch: 0,
    };
    svm.set_account(program_id, account)
        .expect("a native-loader account is never loaded as SBF");
}

fn install_process_hooks() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        program_stubs::set_syscall_stubs(Box::new(Syscalls));
        solana_msg::set_log_hook(log_to_current_transaction);
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !record_program_panic(info) {
                default_hook(info);
            }
        }));
    });
}

declare_process_instruction!(NativeProgram, 1, |invoke_context| {
    run_native(invoke_context)
});

/// One native program call in progress on this thread.
struct Frame {
    /// The runtime's `InvokeContext`, lifetime erased: it outlives the frame, which
    /// [`FrameGuard`] pops before `run_native` returns.
    invoke_context: *mut InvokeContext<'static>,
    /// The first CPI of this call that failed: it decides the instruction's result.
    cpi_failure: Option<InstructionError>,
    /// The message of a panic raised by the program, for the log.
    panic_message: Option<String>,
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
}

/// Pops the frame it pushed, on every path out of `run_native`.
struct FrameGuard;

impl FrameGuard {
    fn push(invoke_context: &mut InvokeContext) -> Self {
        let invoke_context =
            (invoke_context as *mut InvokeContext).cast::<InvokeContext<'static>>();
        FRAMES.with_borrow_mut(|frames| {
            frames.push(Frame {
                invoke_context,
                cpi_failure: None,
                panic_message: None,
            })
        });
        FrameGuard
    }

    fn take_outcome(&self) -> (Option<InstructionError>, Option<String>) {
        FRAMES.with_borrow_mut(|frames| match frames.last_mut() {
            Some(frame) => (frame.cpi_failure.take(), frame.panic_message.take()),
            None => (None, None),
        })
    }
}

impl Drop for FrameGuard {
    fn drop(&mut self) {
        FRAMES.with_borrow_mut(|frames| frames.pop());
    }
}

/// The invoke context of the innermost native call on this thread.
///
/// The returned reference aliases the `&mut InvokeContext` held by `run_native`, which does
/// not touch it while the program runs: the same contract solana-program-test relies on.
fn current_invoke_context<'a>() -> Option<&'a mut InvokeContext<'static>> {
    FRAMES
        .with_borrow(|frames| frames.last().map(|frame| frame.invoke_context))
        // SAFETY: see `Frame::invoke_context`; the pointer is live while its frame exists.
        .map(|pointer| unsafe { &mut *pointer })
}

fn record_cpi_failure(error: InstructionError) {
    FRAMES.with_borrow_mut(|frames| {
        if let Some(frame) = frames.last_mut() {
            frame.cpi_failure.get_or_insert(error);
        }
    });
}

/// Keeps a program's panic message for its log; true when the panic came from a program.
fn record_program_panic(info: &panic::PanicHookInfo) -> bool {
    FRAMES
        .try_with(|frames| {
            let Ok(mut frames) = frames.try_borrow_mut() else {
                return false;
            };
            match frames.last_mut() {
                Some(frame) => {
                    frame.panic_message = Some(info.to_string());
                    true
                }
                None => false,
            }
        })
        .unwrap_or(false)
}

fn log_to_current_transaction(message: &str) {
    match current_invoke_context() {
        Some(invoke_context) => {
            stable_log::program_log(&invoke_context.get_log_collector(), message)
        }
        None => println!("{message}"),
    }
}

/// Runs the native program that the current instruction addresses.
///
/// Never inlined: benchmarks count a program's native cost as what runs inside this function.
#[inline(never)]
fn run_native(invoke_context: &mut InvokeContext) -> Result<(), InstructionError> {
    let transaction_context = &invoke_context.transaction_context;
    let instruction_context = transaction_context.get_current_instruction_context()?;
    let program_id = *instruction_context.get_last_program_key(transaction_context)?;
    let entry = *NATIVE_PROGRAMS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&program_id)
        .ok_or(InstructionError::UnsupportedProgramId)?;

    let mask_out_rent_epoch = invoke_context
        .get_feature_set()
        .mask_out_rent_epoch_in_vm_serialization;
    // Copying account data (rather than mapping it, as the VM does) is the only option
    // without a VM; the buffer keeps the SBF layout, including room for reallocation.
    let (mut parameters, _regions, _account_lengths) = serialize_parameters(
        transaction_context,
        instruction_context,
        true,
        mask_out_rent_epoch,
    )?;
    let account_indices: HashSet<IndexOfAccount> =
        (0..instruction_context.get_number_of_instruction_accounts()).collect();

    let frame = FrameGuard::push(invoke_context);
    // SAFETY: `parameters` was laid out by `serialize_parameters` for this entrypoint ABI and
    // outlives every AccountInfo made from it (they are dropped before it, below).
    let (program_key, account_infos, data) =
        unsafe { deserialize(parameters.as_slice_mut().as_mut_ptr()) };
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        entry(program_key, &account_infos, data)
    }));
    let (cpi_failure, panic_message) = frame.take_outcome();
    drop(frame);

    let log_collector = invoke_context.get_log_collector();
    match (cpi_failure, result) {
        (Some(error), _) => return Err(error),
        (None, Ok(Ok(()))) => {}
        (None, Ok(Err(error))) => return Err(InstructionError::from(u64::from(error))),
        (None, Err(_)) => {
            let message = panic_message.unwrap_or_else(|| "program panicked".to_string());
            stable_log::program_log(&log_collector, &message);
            return Err(InstructionError::ProgramFailedToComplete);
        }
    }

    let account_infos: HashMap<Pubkey, AccountInfo> = account_infos
        .into_iter()
        .map(|account| (*account.key, account))
        .collect();
    let transaction_context = &invoke_context.transaction_context;
    let instruction_context = transaction_context.get_current_instruction_context()?;
    for index in account_indices {
        let mut account =
            instruction_context.try_borrow_instruction_account(transaction_context, index)?;
        if !account.is_writable() {
            continue;
        }
        let Some(info) = account_infos.get(account.get_key()) else {
            continue;
        };
        if account.get_lamports() != info.lamports() {
            account.set_lamports(info.lamports())?;
        }
        let new_data = info
            .try_borrow_data()
            .map_err(|_| InstructionError::AccountBorrowFailed)?;
        if account.get_data() != *new_data {
            account.set_data_from_slice(&new_data)?;
        }
        // Last: the runtime refuses data and lamport changes to accounts the program no
        // longer owns.
        if account.get_owner() != info.owner {
            account.set_owner(info.owner.as_ref())?;
        }
    }
    Ok(())
}

/// Answers the syscalls of native programs from the current invoke context.
struct Syscalls;

impl Syscalls {
    fn context() -> &'static mut InvokeContext<'static> {
        current_invoke_context().expect("a syscall outside of a native program call")
    }

    fn write_sysvar<T: Sysvar + Clone>(
        sysvar: Result<std::sync::Arc<T>, InstructionError>,
        var_addr: *mut u8,
    ) -> u64 {
        match sysvar {
            Ok(value) => {
                // SAFETY: the caller passes a pointer to an (uninitialized) `T`, as on SBF.
                unsafe { std::ptr::write(var_addr as *mut T, T::clone(&value)) };
                SUCCESS
            }
            Err(_) => UNSUPPORTED_SYSVAR,
        }
    }
}

impl SyscallStubs for Syscalls {
    fn sol_log(&self, message: &str) {
        log_to_current_transaction(message);
    }

    fn sol_log_compute_units(&self) {
        let invoke_context = Self::context();
        let message = format!(
            "consumption: {} units remaining",
            invoke_context.get_remaining()
        );
        stable_log::program_log(&invoke_context.get_log_collector(), &message);
    }

    fn sol_remaining_compute_units(&self) -> u64 {
        Self::context().get_remaining()
    }

    fn sol_log_data(&self, fields: &[&[u8]]) {
        stable_log::program_data(&Self::context().get_log_collector(), fields);
    }

    fn sol_invoke_signed(
        &self,
        instruction: &Instruction,
        account_infos: &[AccountInfo],
        signers_seeds: &[&[&[u8]]],
    ) -> ProgramResult {
        invoke_signed(instruction, account_infos, signers_seeds).map_err(|error| {
            let seen_by_caller =
                ProgramError::try_from(error.clone()).unwrap_or(ProgramError::InvalidArgument);
            record_cpi_failure(error);
            seen_by_caller
        })
    }

    fn sol_get_sysvar(
        &self,
        sysvar_id_addr: *const u8,
        var_addr: *mut u8,
        offset: u64,
        length: u64,
    ) -> u64 {
        // SAFETY: the caller passes a pointer to a 32-byte sysvar id, as on SBF.
        let sysvar_id = unsafe { *(sysvar_id_addr as *const Pubkey) };
        let cache = Self::context().get_sysvar_cache();
        let Some(buffer) = cache.sysvar_id_to_buffer(&sysvar_id) else {
            return UNSUPPORTED_SYSVAR;
        };
        let (Ok(start), Ok(length)) = (usize::try_from(offset), usize::try_from(length)) else {
            return u64::from(ProgramError::InvalidArgument);
        };
        match start
            .checked_add(length)
            .and_then(|end| buffer.get(start..end))
        {
            Some(bytes) => {
                // SAFETY: the caller passes a buffer of at least `length` bytes.
                unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), var_addr, length) };
                SUCCESS
            }
            None => u64::from(ProgramError::InvalidArgument),
        }
    }

    fn sol_get_clock_sysvar(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(Self::context().get_sysvar_cache().get_clock(), var_addr)
    }

    fn sol_get_epoch_schedule_sysvar(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(
            Self::context().get_sysvar_cache().get_epoch_schedule(),
            var_addr,
        )
    }

    #[allow(deprecated)]
    fn sol_get_fees_sysvar(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(Self::context().get_sysvar_cache().get_fees(), var_addr)
    }

    fn sol_get_rent_sysvar(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(Self::context().get_sysvar_cache().get_rent(), var_addr)
    }

    fn sol_get_epoch_rewards_sysvar(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(
            Self::context().get_sysvar_cache().get_epoch_rewards(),
            var_addr,
        )
    }

    fn sol_get_last_restart_slot(&self, var_addr: *mut u8) -> u64 {
        Self::write_sysvar(
            Self::context().get_sysvar_cache().get_last_restart_slot(),
            var_addr,
        )
    }

    fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
        let (program_id, data) = Self::context().transaction_context.get_return_data();
        Some((*program_id, data.to_vec()))
    }

    fn sol_set_return_data(&self, data: &[u8]) {
        let transaction_context = &mut Self::context().transaction_context;
        let caller = transaction_context
            .get_current_instruction_context()
            .and_then(|context| context.get_last_program_key(transaction_context).copied());
        if let Ok(caller) = caller {
            // Fails only for data over the 1 KiB limit, which SBF would reject as well.
            let _ = transaction_context.set_return_data(caller, data.to_vec());
        }
    }

    fn sol_get_stack_height(&self) -> u64 {
        Self::context().get_stack_height() as u64
    }
}

/// Cross-program invocation from a native program, with the runtime's privilege checks.
fn invoke_signed(
    instruction: &Instruction,
    account_infos: &[AccountInfo],
    signers_seeds: &[&[&[u8]]],
) -> Result<(), InstructionError> {
    let invoke_context = Syscalls::context();
    let instruction = StableInstruction::from(instruction.clone());
    let transaction_context = &invoke_context.transaction_context;
    let caller = *transaction_context
        .get_current_instruction_context()?
        .get_last_program_key(transaction_context)?;
    let signers = signers_seeds
        .iter()
        .map(|seeds| Pubkey::create_program_address(seeds, &caller))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| InstructionError::InvalidSeeds)?;

    let (instruction_accounts, program_indices) =
        invoke_context.prepare_instruction(&instruction, &signers)?;

    // The callee must see what the caller wrote to its AccountInfos so far.
    let transaction_context = &invoke_context.transaction_context;
    let instruction_context = transaction_context.get_current_instruction_context()?;
    let mut writable = Vec::with_capacity(instruction_accounts.len());
    for instruction_account in &instruction_accounts {
        let key = transaction_context
            .get_key_of_account_at_index(instruction_account.index_in_transaction)?;
        let info_index = account_infos
            .iter()
            .position(|info| info.key == key)
            .ok_or(InstructionError::MissingAccount)?;
        let info = &account_infos[info_index];
        let mut account = instruction_context.try_borrow_instruction_account(
            transaction_context,
            instruction_account.index_in_caller,
        )?;
        if account.get_lamports() != info.lamports() {
            account.set_lamports(info.lamports())?;
        }
        let data = info
            .try_borrow_data()
            .map_err(|_| InstructionError::AccountBorrowFailed)?;
        if account.get_data() != *data {
            account.set_data_from_slice(&data)?;
        }
        if account.get_owner() != info.owner {
            account.set_owner(info.owner.as_ref())?;
        }
        if instruction_account.is_writable {
            writable.push((instruction_account.index_in_caller, info_index));
        }
    }

    let mut units_consumed = 0;
    invoke_context.process_instruction(
        &instruction.data,
        &instruction_accounts,
        &program_indices,
        &mut units_consumed,
        &mut ExecuteTimings::default(),
    )?;

    // And the caller must see what the callee changed.
    let transaction_context = &invoke_context.transaction_context;
    let instruction_context = transaction_context.get_current_instruction_context()?;
    for (index_in_caller, info_index) in writable {
        let account = instruction_context
            .try_borrow_instruction_account(transaction_context, index_in_caller)?;
        let info = &account_infos[info_index];
        **info
            .try_borrow_mut_lamports()
            .map_err(|_| InstructionError::AccountBorrowFailed)? = account.get_lamports();
        if info.owner != account.get_owner() {
            // As the runtime does on SBF: the owner is rewritten in the serialized input.
            info.assign(account.get_owner());
        }
        let new_data = account.get_data();
        if info.data_len() != new_data.len() {
            info.resize(new_data.len())
                .map_err(|_| InstructionError::InvalidRealloc)?;
        }
        info.try_borrow_mut_data()
            .map_err(|_| InstructionError::AccountBorrowFailed)?
            .copy_from_slice(new_data);
    }
    Ok(())
}
