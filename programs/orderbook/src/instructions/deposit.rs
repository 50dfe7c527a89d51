use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::errors::OrderbookError;
use crate::events::Deposited;
use crate::matching::Balances;
use crate::state::Market;
use crate::vault::pay_in;

#[derive(Accounts)]
pub struct Deposit<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = base_vault, has_one = quote_vault)]
    pub market: AccountLoader<'info, Market>,
    #[account(mut)]
    pub base_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub quote_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut, token::mint = base_vault.mint)]
    pub owner_base: Box<Account<'info, TokenAccount>>,
    #[account(mut, token::mint = quote_vault.mint)]
    pub owner_quote: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Moves tokens from the owner's accounts into the vaults, credited to its seat's free
/// balances; claims a seat on the owner's first deposit.
pub fn handler(ctx: Context<Deposit>, base_amount: u64, quote_amount: u64) -> Result<()> {
    require!(
        base_amount > 0 || quote_amount > 0,
        OrderbookError::ZeroAmount
    );
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    {
        let mut market = ctx.accounts.market.load_mut()?;
        let mut engine = market.engine()?;
        let seat = engine.seats.find_or_claim(&owner)?;
        engine.deposit(
            seat,
            Balances {
                base: base_amount,
                quote: quote_amount,
            },
        )?;
        let seat = engine.seats.get(seat);
        emit!(Deposited {
            market: market_key,
            owner,
            base_amount,
            quote_amount,
            base_free: seat.base_free,
            quote_free: seat.quote_free,
        });
    }
    let token_program = ctx.accounts.token_program.to_account_info();
    let owner = ctx.accounts.owner.to_account_info();
    pay_in(
        &token_program,
        &owner,
        &ctx.accounts.owner_base.to_account_info(),
        &ctx.accounts.base_vault.to_account_info(),
        base_amount,
    )?;
    pay_in(
        &token_program,
        &owner,
        &ctx.accounts.owner_quote.to_account_info(),
        &ctx.accounts.quote_vault.to_account_info(),
        quote_amount,
    )
}
