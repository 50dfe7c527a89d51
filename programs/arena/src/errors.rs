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
}
