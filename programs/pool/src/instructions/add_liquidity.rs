use anchor_lang::prelude::*;
use anchor_spl::token::{self, Mint, MintTo, Token, TokenAccount};
use arena::constants::CONFIG_SEED;
use arena::program::Arena as ArenaProgram;
use arena::state::{Arena, ArenaStatus, Config};

use crate::errors::PoolError;
use crate::events::LiquidityAdded;
use crate::math::{self, Deposit};
use crate::pool_tokens::{
    arena_pairs, outcome_accounts, pay_from_pool, pay_into_pool, Layout, Sets,
};
use crate::state::Pool;

/// Remaining accounts: per outcome, in order, its mint, the pool's vault of it and the
/// provider's token account of it (which receives the deposit's surplus).
#[derive(Accounts)]
pub struct AddLiquidity<'info> {
    pub provider: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump, seeds::program = arena::ID)]
    pub config: Box<Account<'info, Config>>,
    #[account(mut)]
    pub arena: Box<Account<'info, Arena>>,
    /// CHECK: the arena's collateral vault, checked here and by the arena program.
    #[account(mut, address = arena.vault @ PoolError::WrongArena)]
    pub arena_vault: UncheckedAccount<'info>,
    #[account(mut, has_one = arena @ PoolError::WrongArena)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.lp_mint @ PoolError::WrongPoolAccount)]
    pub lp_mint: Box<Account<'info, Mint>>,
    /// CHECK: the pool's collateral token account, checked against the pool.
    #[account(mut, address = pool.collateral @ PoolError::WrongPoolAccount)]
    pub pool_collateral: UncheckedAccount<'info>,
    #[account(mut, token::mint = pool.collateral_mint)]
    pub provider_collateral: Box<Account<'info, TokenAccount>>,
    /// Receives the LP tokens.
    #[account(mut, token::mint = lp_mint)]
    pub provider_lp: Box<Account<'info, TokenAccount>>,
    pub arena_program: Program<'info, ArenaProgram>,
    pub token_program: Program<'info, Token>,
}

/// Deposits `collateral`, all of it split into complete sets. The first deposit (into a pool
/// without LP tokens) sets the odds: `odds` holds one weight per outcome proportional to its
/// starting probability, or is empty for even odds; it receives `collateral` LP tokens. Later
/// deposits must leave `odds` empty: they keep the pool's odds and mint LP tokens in
/// proportion. Either way, the tokens the pool does not keep go back to the provider.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, AddLiquidity<'info>>,
    collateral: u64,
    min_lp_out: u64,
    odds: Vec<u64>,
) -> Result<()> {
    require!(collateral > 0, PoolError::ZeroAmount);
    require!(
        ctx.accounts.arena.status == ArenaStatus::Open,
        PoolError::ArenaNotOpen
    );
    let pool = &ctx.accounts.pool;
    let lp_supply = ctx.accounts.lp_mint.supply;
    let deposit: Deposit = if lp_supply == 0 {
        math::first_deposit(pool.balances(), collateral, &odds)?
    } else {
        require!(odds.is_empty(), PoolError::OddsAfterFirstDeposit);
        math::deposit(pool.balances(), lp_supply, collateral)?
    };
    require!(
        deposit.lp_minted >= min_lp_out,
        PoolError::LpOutBelowMinimum
    );
    let lp_supply = lp_supply
        .checked_add(deposit.lp_minted)
        .ok_or(PoolError::Overflow)?;

    let outcomes = outcome_accounts(
        pool,
        &ctx.accounts.arena.outcome_mints,
        ctx.remaining_accounts,
        Layout::MintVaultUser,
    )?;
    let token_program = ctx.accounts.token_program.to_account_info();
    let pool_collateral = ctx.accounts.pool_collateral.to_account_info();
    pay_into_pool(
        &token_program,
        &ctx.accounts.provider.to_account_info(),
        &ctx.accounts.provider_collateral.to_account_info(),
        &pool_collateral,
        collateral,
    )?;
    let sets = Sets {
        arena_program: ctx.accounts.arena_program.to_account_info(),
        arena: ctx.accounts.arena.to_account_info(),
        arena_vault: ctx.accounts.arena_vault.to_account_info(),
        pool_collateral,
        token_program: token_program.clone(),
    };
    sets.split(
        pool,
        ctx.accounts.config.to_account_info(),
        arena_pairs(&outcomes),
        collateral,
    )?;
    for (outcome, &surplus) in outcomes.iter().zip(&deposit.returned) {
        if surplus > 0 {
            let user = outcome.user.expect("the layout has user accounts");
            pay_from_pool(&token_program, pool, outcome.vault, user, surplus)?;
        }
    }
    let mint_to = MintTo {
        mint: ctx.accounts.lp_mint.to_account_info(),
        to: ctx.accounts.provider_lp.to_account_info(),
        authority: pool.to_account_info(),
    };
    pool.with_signer(|signer| {
        token::mint_to(
            CpiContext::new_with_signer(token_program.clone(), mint_to, signer),
            deposit.lp_minted,
        )
    })?;

    let pool = &mut ctx.accounts.pool;
    pool.set_balances(&deposit.balances);
    emit!(LiquidityAdded {
        pool: pool.key(),
        arena: pool.arena,
        provider: ctx.accounts.provider.key(),
        collateral_in: collateral,
        lp_minted: deposit.lp_minted,
        prices: math::prices(&deposit.balances),
        added: deposit.added,
        returned: deposit.returned,
        balances: deposit.balances,
        lp_supply,
        ts: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
