use anchor_lang::prelude::*;

use crate::math::MathError;

#[error_code]
pub enum PoolError {
    #[msg("The fee exceeds the maximum of 1000 basis points")]
    FeeTooHigh,
    #[msg("The arena is resolved or voided: trading and deposits have stopped")]
    ArenaNotOpen,
    #[msg("The pool belongs to another arena")]
    WrongArena,
    #[msg("An account is not the pool's (vault, collateral account or LP mint)")]
    WrongPoolAccount,
    #[msg("Pass each outcome's accounts in outcome order, as the instruction documents")]
    OutcomeAccounts,
    #[msg("The token account is not of the traded outcome's mint")]
    WrongOutcomeAccount,
    #[msg("The outcome index is out of range for this pool")]
    InvalidOutcome,
    #[msg("The amount must be greater than zero")]
    ZeroAmount,
    #[msg("Arithmetic overflow")]
    Overflow,
    #[msg("The pool has no liquidity")]
    EmptyPool,
    #[msg("The pool does not hold enough liquidity for this trade")]
    InsufficientLiquidity,
    #[msg("The amount is too small to trade or mint anything")]
    AmountTooSmall,
    #[msg("Starting odds need one positive weight per outcome, not too extreme for the deposit")]
    InvalidOdds,
    #[msg("Starting odds can only be set by the first deposit")]
    OddsAfterFirstDeposit,
    #[msg("More LP tokens than exist")]
    InsufficientLp,
    #[msg("Slippage: the buy would pay fewer tokens than min_tokens_out")]
    TokensOutBelowMinimum,
    #[msg("Slippage: the sale would take more tokens than max_tokens_in")]
    TokensInAboveMaximum,
    #[msg("Slippage: the deposit would mint fewer LP tokens than min_lp_out")]
    LpOutBelowMinimum,
    #[msg("Slippage: the withdrawal would pay less of an outcome than its minimum")]
    WithdrawalBelowMinimum,
    #[msg("Give one minimum amount per outcome")]
    MinimumAmounts,
    #[msg("The product of the balances would decrease")]
    InvariantViolated,
    #[msg("Only the arena's creator may open its pool")]
    NotArenaCreator,
}

impl From<MathError> for PoolError {
    fn from(error: MathError) -> Self {
        match error {
            MathError::Overflow => PoolError::Overflow,
            MathError::EmptyPool => PoolError::EmptyPool,
            MathError::InsufficientLiquidity => PoolError::InsufficientLiquidity,
            MathError::TooSmall => PoolError::AmountTooSmall,
            MathError::InvalidOdds => PoolError::InvalidOdds,
            MathError::InvalidOutcome => PoolError::InvalidOutcome,
            MathError::InsufficientLp => PoolError::InsufficientLp,
        }
    }
}

impl From<MathError> for Error {
    fn from(error: MathError) -> Self {
        PoolError::from(error).into()
    }
}
