use anchor_lang::prelude::*;

#[error_code]
pub enum OrderbookError {
    #[msg("Lot size and tick size must be positive, and the lot size a multiple of at least two ticks")]
    InvalidMarketParams,
    #[msg("A fee exceeds the maximum of 1000 basis points")]
    FeeTooHigh,
    #[msg("The outcome index is out of range for this arena")]
    InvalidOutcome,
    #[msg("Only the arena's creator or the config's admin may create its markets")]
    NotMarketCreator,
    #[msg("The market account has the wrong size")]
    MarketAccountSize,
    #[msg("The arena is resolved or voided: trading has stopped")]
    TradingClosed,
    #[msg("The price must lie strictly between 0 and 1 collateral per share, in ticks")]
    InvalidPrice,
    #[msg("The order size must be at least one lot")]
    ZeroSize,
    #[msg("The amount must be greater than zero")]
    ZeroAmount,
    #[msg("Only Limit and PostOnly orders take an expiry, and it must lie in the future")]
    InvalidExpiry,
    #[msg("The match limit exceeds the maximum of 16 fills")]
    MatchLimitTooHigh,
    #[msg("The cancel limit exceeds the maximum of 32 orders")]
    CancelLimitTooHigh,
    #[msg("A PostOnly order would take liquidity")]
    PostOnlyWouldTake,
    #[msg("A FillOrKill order cannot be filled in full")]
    FillOrKillNotFilled,
    #[msg("The order would trade with the trader's own resting order")]
    SelfTrade,
    #[msg("The book side is full and the order is not better than its worst order")]
    BookFull,
    #[msg("Every trader seat of this market is taken")]
    SeatsFull,
    #[msg("This wallet has no seat on this market")]
    NoSeat,
    #[msg("No such resting order")]
    OrderNotFound,
    #[msg("The order belongs to another trader")]
    NotOrderOwner,
    #[msg("The free balance and the token account together do not cover the order")]
    InsufficientFunds,
    #[msg("The amount exceeds the free (unlocked) balance")]
    InsufficientFreeBalance,
    #[msg("Fees go only to the associated token account of the config's treasury")]
    NotTreasury,
    #[msg("No fees to sweep")]
    NothingToSweep,
    #[msg("Arithmetic overflow")]
    Overflow,
}
