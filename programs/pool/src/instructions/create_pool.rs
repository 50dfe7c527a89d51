use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};
use anchor_spl::token::{self, InitializeAccount3, InitializeMint2, Mint, Token, TokenAccount};
use arena::state::{Arena, ArenaStatus};

use crate::constants::{COLLATERAL_SEED, LP_MINT_SEED, MAX_OUTCOMES, POOL_SEED, VAULT_SEED};
use crate::errors::PoolError;
use crate::events::PoolCreated;
use crate::math::Fee;
use crate::state::Pool;

/// Remaining accounts: each outcome's mint and the pool's vault of it (PDA
/// ["vault", pool, index], created here), in outcome order.
#[derive(Accounts)]
pub struct CreatePool<'info> {
    #[account(mut)]
    pub creator: Signer<'info>,
    // An arena has a single pool: whoever opened it first would set its fee for good.
    #[account(has_one = creator @ PoolError::NotArenaCreator)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(
        init,
        payer = creator,
        space = 8 + Pool::INIT_SPACE,
        seeds = [POOL_SEED, arena.key().as_ref()],
        bump,
    )]
    pub pool: Box<Account<'info, Pool>>,
    #[account(address = arena.collateral_mint @ PoolError::WrongArena)]
    pub collateral_mint: Box<Account<'info, Mint>>,
    /// CHECK: the LP mint PDA ["lp_mint", pool], created here with the pool as authority and
    /// the collateral's decimals.
    #[account(mut, seeds = [LP_MINT_SEED, pool.key().as_ref()], bump)]
    pub lp_mint: UncheckedAccount<'info>,
    #[account(
        init,
        payer = creator,
        seeds = [COLLATERAL_SEED, pool.key().as_ref()],
        bump,
        token::mint = collateral_mint,
        token::authority = pool,
    )]
    pub pool_collateral: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

/// Opens the market maker of an open arena, with a trading fee of `fee_bps`. Only the arena's
/// creator may open it; it holds nothing until the first deposit.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, CreatePool<'info>>,
    fee_bps: u16,
) -> Result<()> {
    let fee = Fee::new(fee_bps).ok_or(PoolError::FeeTooHigh)?;
    let arena = &ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, PoolError::ArenaNotOpen);
    let count = arena.outcome_count();
    require!(
        ctx.remaining_accounts.len() == 2 * count,
        PoolError::OutcomeAccounts
    );

    let pool_key = ctx.accounts.pool.key();
    create_lp_mint(&ctx, pool_key)?;
    let mut vaults = [Pubkey::default(); MAX_OUTCOMES];
    let mut vault_bumps = [0u8; MAX_OUTCOMES];
    for (index, pair) in ctx.remaining_accounts.chunks_exact(2).enumerate() {
        let (mint, vault) = (&pair[0], &pair[1]);
        require_keys_eq!(
            mint.key(),
            arena.outcome_mints[index],
            PoolError::OutcomeAccounts
        );
        vault_bumps[index] = create_vault(&ctx, pool_key, index as u8, mint, vault)?;
        vaults[index] = vault.key();
    }

    let now = Clock::get()?.unix_timestamp;
    let pool = &mut ctx.accounts.pool;
    pool.set_inner(Pool {
        arena: arena.key(),
        creator: ctx.accounts.creator.key(),
        collateral_mint: arena.collateral_mint,
        lp_mint: ctx.accounts.lp_mint.key(),
        collateral: ctx.accounts.pool_collateral.key(),
        fee_bps: fee.bps(),
        outcome_count: arena.outcome_count,
        bump: ctx.bumps.pool,
        lp_mint_bump: ctx.bumps.lp_mint,
        collateral_bump: ctx.bumps.pool_collateral,
        vault_bumps,
        created_ts: now,
        balances: [0; MAX_OUTCOMES],
        fees_collected: 0,
        volume: 0,
        vaults,
    });

    emit!(PoolCreated {
        pool: pool_key,
        arena: pool.arena,
        creator: pool.creator,
        collateral_mint: pool.collateral_mint,
        lp_mint: pool.lp_mint,
        collateral: pool.collateral,
        vaults: vaults[..count].to_vec(),
        fee_bps: pool.fee_bps,
        ts: now,
    });
    Ok(())
}

/// Creates the LP mint at its PDA: the pool mints and the collateral's decimals, so that one
/// LP token of the first deposit stands for one unit of collateral.
fn create_lp_mint<'info>(
    ctx: &Context<'_, '_, 'info, 'info, CreatePool<'info>>,
    pool: Pubkey,
) -> Result<()> {
    let lp_mint = ctx.accounts.lp_mint.to_account_info();
    let seeds: &[&[u8]] = &[LP_MINT_SEED, pool.as_ref(), &[ctx.bumps.lp_mint]];
    create_pda_account(
        ctx.accounts.creator.to_account_info(),
        lp_mint.clone(),
        ctx.accounts.system_program.to_account_info(),
        Mint::LEN,
        &token::ID,
        seeds,
    )?;
    token::initialize_mint2(
        CpiContext::new(
            ctx.accounts.token_program.to_account_info(),
            InitializeMint2 { mint: lp_mint },
        ),
        ctx.accounts.collateral_mint.decimals,
        &pool,
        None,
    )
}

/// Creates the pool's token account of outcome `index` at its PDA, owned by the pool; its bump.
fn create_vault<'info>(
    ctx: &Context<'_, '_, 'info, 'info, CreatePool<'info>>,
    pool: Pubkey,
    index: u8,
    mint: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
) -> Result<u8> {
    let (expected, bump) =
        Pubkey::find_program_address(&[VAULT_SEED, pool.as_ref(), &[index]], ctx.program_id);
    require_keys_eq!(vault.key(), expected, PoolError::WrongPoolAccount);
    let seeds: &[&[u8]] = &[VAULT_SEED, pool.as_ref(), &[index], &[bump]];
    create_pda_account(
        ctx.accounts.creator.to_account_info(),
        vault.clone(),
        ctx.accounts.system_program.to_account_info(),
        TokenAccount::LEN,
        &token::ID,
        seeds,
    )?;
    token::initialize_account3(CpiContext::new(
        ctx.accounts.token_program.to_account_info(),
        InitializeAccount3 {
            account: vault.clone(),
            mint: mint.clone(),
            authority: ctx.accounts.pool.to_account_info(),
        },
    ))?;
    Ok(bump)
}

/// Creates a rent-exempt account at a PDA, even when someone already sent lamports to the
/// address (a plain `create_account` would fail there, letting anyone block the pool).
fn create_pda_account<'info>(
    payer: AccountInfo<'info>,
    account: AccountInfo<'info>,
    system: AccountInfo<'info>,
    space: usize,
    owner: &Pubkey,
    seeds: &[&[u8]],
) -> Result<()> {
    let signer = &[seeds];
    let rent = Rent::get()?.minimum_balance(space);
    let funded = account.lamports();
    if funded == 0 {
        let accounts = CreateAccount {
            from: payer,
            to: account,
        };
        return system_program::create_account(
            CpiContext::new_with_signer(system, accounts, signer),
            rent,
            space as u64,
            owner,
        );
    }
    let shortfall = rent.saturating_sub(funded);
    if shortfall > 0 {
        let accounts = Transfer {
            from: payer,
            to: account.clone(),
        };
        system_program::transfer(CpiContext::new(system.clone(), accounts), shortfall)?;
    }
    system_program::allocate(
        CpiContext::new_with_signer(
            system.clone(),
            Allocate {
                account_to_allocate: account.clone(),
            },
            signer,
        ),
        space as u64,
    )?;
    system_program::assign(
        CpiContext::new_with_signer(
            system,
            Assign {
                account_to_assign: account,
            },
            signer,
        ),
        owner,
    )
}
