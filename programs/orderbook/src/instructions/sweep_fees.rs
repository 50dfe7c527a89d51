use anchor_lang::prelude::*;
use anchor_spl::associated_token::get_associated_token_address;
use anchor_spl::token::{Token, TokenAccount};
use arena::constants::CONFIG_SEED;
use arena::state::Config;

use crate::errors::OrderbookError;
use crate::events::FeesSwept;
use crate::state::Market;
use crate::vault::pay_out;

/// Permissionless: the fees can only go to the treasury's associated token account.
#[derive(Accounts)]
pub struct SweepFees<'info> {
    #[account(mut, has_one = authority, has_one = quote_vault)]
    pub market: AccountLoader<'info, Market>,
    /// CHECK: the market's authority PDA (`has_one`), signer of the vaults.
    pub authority: UncheckedAccount<'info>,
    #[account(mut)]
    pub quote_vault: Box<Account<'info, TokenAccount>>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump, seeds::program = arena::ID)]
    pub config: Box<Account<'info, Config>>,
    /// The associated token account of the config's treasury for the quote mint.
    #[account(mut)]
    pub treasury_quote: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Pays the accrued fees to the arena config's treasury.
pub fn handler(ctx: Context<SweepFees>) -> Result<()> {
    let market_key = ctx.accounts.market.key();
    let treasury_quote = ctx.accounts.treasury_quote.key();
    let (amount, seeds) = {
        let mut market = ctx.accounts.market.load_mut()?;
        require_keys_eq!(
            treasury_quote,
            get_associated_token_address(&ctx.accounts.config.treasury, &market.quote_mint),
            OrderbookError::NotTreasury
        );
        let amount = market.fees_accrued;
        require!(amount > 0, OrderbookError::NothingToSweep);
        market.fees_accrued = 0;
        market.fees_swept = market
            .fees_swept
            .checked_add(amount)
            .ok_or(OrderbookError::Overflow)?;
        emit!(FeesSwept {
            market: market_key,
            treasury_account: treasury_quote,
            amount,
            total_swept: market.fees_swept,
        });
        (amount, market.authority_seeds())
    };
    pay_out(
        &ctx.accounts.token_program.to_account_info(),
        &seeds,
        &ctx.accounts.authority.to_account_info(),
        &ctx.accounts.quote_vault.to_account_info(),
        &ctx.accounts.treasury_quote.to_account_info(),
        amount,
    )
}
