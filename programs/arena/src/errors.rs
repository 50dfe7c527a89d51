use anchor_lang::prelude::*;

#[error_code]
pub enum ArenaError {
    #[msg("The fee exceeds the maximum of 1000 basis points")]
    FeeTooHigh,
    #[msg("The platform is paused")]
    Paused,
    #[msg("An arena needs between 2 and 8 outcomes")]
    OutcomeCount,
    #[msg("The title must be 1 to 128 bytes")]
    TitleLength,
    #[msg("The category must be 1 to 32 bytes")]
    CategoryLength,
    #[msg("Each outcome label must be 1 to 48 bytes")]
    OutcomeLabelLength,
    #[msg("The betting close time must be in the future")]
    CloseTimeInPast,
    #[msg("Pass one outcome mint account per outcome, in outcome order")]
    OutcomeMintAccounts,
    #[msg("An outcome mint is not the PDA [\"outcome\", arena, index]")]
    OutcomeMintAddress,
    #[msg("Arithmetic overflow")]
    Overflow,
    #[msg("The amount must be greater than zero")]
    ZeroAmount,
    #[msg("The outcome index is out of range for this arena")]
    InvalidOutcome,
    #[msg("Betting on this arena has closed")]
    BettingClosed,
    #[msg("The arena is already resolved or voided")]
    ArenaNotOpen,
    #[msg("Only the arena's resolver may do this")]
    NotResolver,
    #[msg("The arena cannot be resolved before its close time")]
    TooEarlyToResolve,
    #[msg("The arena is not resolved or voided yet")]
    ArenaNotSettled,
    #[msg("This position has already been claimed")]
    AlreadyClaimed,
    #[msg("This position has nothing to claim")]
    NothingToClaim,
    #[msg("Pass each outcome's mint and token account, in outcome order")]
    OutcomeTokenAccounts,
    #[msg("Give one amount per outcome")]
    RedeemAmounts,
    #[msg("Nothing to redeem")]
    NothingToRedeem,
    #[msg("Only the config's admin may do this")]
    NotAdmin,
}
