//! `msg!` for Solana programs, with a hook for native execution.
//!
//! On SBF, `sol_log` is the `sol_log_` syscall, exactly as in the upstream crate. Off-chain the
//! upstream crate prints to stdout, which loses the message: a program running natively inside
//! the localnet must write it into the log of the transaction that is executing. The host sets
//! that destination once with [`set_log_hook`].

#[macro_export]
macro_rules! msg {
    ($msg:expr) => {
        $crate::sol_log($msg)
    };
    ($($arg:tt)*) => ($crate::sol_log(&format!($($arg)*)));
}

#[cfg(target_os = "solana")]
pub mod syscalls {
    pub use solana_define_syscall::definitions::{
        sol_log_, sol_log_64_, sol_log_compute_units_, sol_log_data,
    };
}

#[cfg(not(target_os = "solana"))]
static LOG_HOOK: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

/// Routes every later `msg!` of this process to `hook`. The first hook set wins.
#[cfg(not(target_os = "solana"))]
pub fn set_log_hook(hook: fn(&str)) -> bool {
    LOG_HOOK.set(hook).is_ok()
}

/// Print a string to the log.
#[inline]
pub fn sol_log(message: &str) {
    #[cfg(target_os = "solana")]
    unsafe {
        syscalls::sol_log_(message.as_ptr(), message.len() as u64);
    }

    #[cfg(not(target_os = "solana"))]
    match LOG_HOOK.get() {
        Some(hook) => hook(message),
        None => println!("{message}"),
    }
}
