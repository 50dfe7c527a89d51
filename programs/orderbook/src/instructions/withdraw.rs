use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::errors::OrderbookError;
use crate::events::Withdrawn;
use crate::matching::Balances;
use crate::state::Market;
use crate::vault::pay_out;

#[derive(Accounts)]
pub struct Withdraw<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = authority, has_one = base_vault, has_one = quote_vault)]
    pub market: AccountLoader<'info, Market>,
    /// CHECK: the market's authority PDA (`has_one`), signer of the vaults.
    pub authority: UncheckedAccount<'info>,
    #[account(mut)]
    pub base_vault: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub quote_vault: Box<Account<'info, TokenAccount>>,
    /// Receives the base; any account of the base mint.
    #[account(mut, token::mint = base_vault.mint)]
    pub owner_base: Box<Account<'info, TokenAccount>>,
    /// Receives the quote; any account of the quote mint.
    #[account(mut, token::mint = quote_vault.mint)]
    pub owner_quote: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Pays free balances out of the seat, at any time, also after the arena is settled. A seat
/// left with nothing (no balance, no order) is released.
pub fn handler(ctx: Context<Withdraw>, base_amount: u64, quote_amount: u64) -> Result<()> {
    require!(
        base_amount > 0 || quote_amount > 0,
        OrderbookError::ZeroAmount
    );
    let owner = ctx.accounts.owner.key();
    let market_key = ctx.accounts.market.key();
    let seeds = {
        let mut market = ctx.accounts.market.load_mut()?;
        let seeds = market.authority_seeds();
        let mut engine = market.engine()?;
        let seat = engine.seats.find(&owner).ok_or(OrderbookError::NoSeat)?;
        engine.withdraw(
            seat,
            Balances {
                base: base_amount,
                quote: quote_amount,
            },
        )?;
        let (base_free, quote_free) = {
            let seat = engine.seats.get(seat);
            (seat.base_free, seat.quote_free)
        };
        engine.seats.release_if_empty(seat);
        emit!(Withdrawn {
            market: market_key,
            owner,
            base_amount,
            quote_amount,
            base_free,
            quote_free,
        });
        seeds
    };
    let token_program = ctx.accounts.token_program.to_account_info();
    let authority = ctx.accounts.authority.to_account_info();
    pay_out(
        &token_program,
        &seeds,
        &authority,
        &ctx.accounts.base_vault.to_account_info(),
        &ctx.accounts.owner_base.to_account_info(),
        base_amount,
    )?;
    pay_out(
        &token_program,
        &seeds,
        &authority,
        &ctx.accounts.quote_vault.to_account_info(),
        &ctx.accounts.owner_quote.to_account_info(),
        quote_amount,
    )
}
