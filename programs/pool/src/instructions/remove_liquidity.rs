use anchor_lang::prelude::*;
use anchor_spl::token::{self, Burn, Mint, Token, TokenAccount};

use crate::errors::PoolError;
use crate::events::LiquidityRemoved;
use crate::math;
use crate::pool_tokens::{outcome_accounts, pay_from_pool, Layout};
use crate::state::Pool;

/// Remaining accounts: per outcome, in order, the pool's vault of it and the provider's token
/// account of it.
#[derive(Accounts)]
pub struct RemoveLiquidity<'info> {
    pub provider: Signer<'info>,
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.lp_mint @ PoolError::WrongPoolAccount)]
    pub lp_mint: Box<Account<'info, Mint>>,
    #[account(mut, token::mint = lp_mint)]
    pub provider_lp: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Burns `lp` LP tokens for their share of every balance, the fees earned included, in
/// outcome tokens; `min_amounts` holds the least acceptable amount of each outcome. Open at
/// any time, before and after resolution: settled tokens redeem through the arena.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, RemoveLiquidity<'info>>,
    lp: u64,
    min_amounts: Vec<u64>,
) -> Result<()> {
    require!(lp > 0, PoolError::ZeroAmount);
    let pool = &ctx.accounts.pool;
    require!(
        min_amounts.len() == pool.outcome_count(),
        PoolError::MinimumAmounts
    );
    let lp_supply = ctx.accounts.lp_mint.supply;
    let withdrawal = math::withdrawal(pool.balances(), lp_supply, lp)?;
    require!(
        withdrawal
            .amounts
            .iter()
            .zip(&min_amounts)
            .all(|(amount, minimum)| amount >= minimum),
        PoolError::WithdrawalBelowMinimum
    );

    let outcomes = outcome_accounts(pool, &[], ctx.remaining_accounts, Layout::VaultUser)?;
    let token_program = ctx.accounts.token_program.to_account_info();
    let burn = Burn {
        mint: ctx.accounts.lp_mint.to_account_info(),
        from: ctx.accounts.provider_lp.to_account_info(),
        authority: ctx.accounts.provider.to_account_info(),
    };
    token::burn(CpiContext::new(token_program.clone(), burn), lp)?;
    for (outcome, &amount) in outcomes.iter().zip(&withdrawal.amounts) {
        if amount > 0 {
            let user = outcome.user.expect("the layout has user accounts");
            pay_from_pool(&token_program, pool, outcome.vault, user, amount)?;
        }
    }

    let pool = &mut ctx.accounts.pool;
    pool.set_balances(&withdrawal.balances);
    emit!(LiquidityRemoved {
        pool: pool.key(),
        arena: pool.arena,
        provider: ctx.accounts.provider.key(),
        lp_burned: lp,
        prices: math::prices(&withdrawal.balances),
        amounts: withdrawal.amounts,
        balances: withdrawal.balances,
        // `lp <= lp_supply`, checked by the withdrawal.
        lp_supply: lp_supply - lp,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
