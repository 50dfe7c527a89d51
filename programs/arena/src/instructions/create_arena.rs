use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};
use anchor_spl::token::{self, InitializeMint2, Mint, Token, TokenAccount};

use crate::constants::{
    ARENA_SEED, CONFIG_SEED, MAX_CATEGORY_LEN, MAX_OUTCOMES, MAX_OUTCOME_LABEL_LEN, MAX_TITLE_LEN,
    MIN_OUTCOMES, OUTCOME_MINT_SEED, VAULT_SEED,
};
use crate::errors::ArenaError;
use crate::events::ArenaCreated;
use crate::math::BasisPoints;
use crate::state::{Arena, ArenaStatus, Config};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreateArenaArgs {
    pub title: String,
    pub category: String,
    pub outcomes: Vec<String>,
    /// Unix time after which bets are refused and the resolver may resolve.
    pub close_ts: i64,
    pub creator_fee_bps: u16,
    pub resolver: Pubkey,
}

#[derive(Accounts)]
pub struct CreateArena<'info> {
    #[account(mut)]
    pub creator: Signer<'info>,
    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, Config>,
    #[account(
        init,
        payer = creator,
        space = 8 + Arena::INIT_SPACE,
        seeds = [ARENA_SEED, &config.arena_count.to_le_bytes()],
        bump,
    )]
    pub arena: Box<Account<'info, Arena>>,
    pub collateral_mint: Box<Account<'info, Mint>>,
    #[account(
        init,
        payer = creator,
        seeds = [VAULT_SEED, arena.key().as_ref()],
        bump,
        token::mint = collateral_mint,
        token::authority = arena,
    )]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, CreateArena<'info>>,
    args: CreateArenaArgs,
) -> Result<()> {
    require!(!ctx.accounts.config.paused, ArenaError::Paused);
    validate(&args)?;
    let creator_fee = BasisPoints::new(args.creator_fee_bps).ok_or(ArenaError::FeeTooHigh)?;
    let now = Clock::get()?.unix_timestamp;
    require!(args.close_ts > now, ArenaError::CloseTimeInPast);
    let outcome_count = args.outcomes.len();
    require!(
        ctx.remaining_accounts.len() == outcome_count,
        ArenaError::OutcomeMintAccounts
    );

    let arena_key = ctx.accounts.arena.key();
    let mut outcome_mints = [Pubkey::default(); MAX_OUTCOMES];
    for (index, mint) in ctx.remaining_accounts.iter().enumerate() {
        create_outcome_mint(&ctx, arena_key, index as u8, mint)?;
        outcome_mints[index] = mint.key();
    }

    let config = &mut ctx.accounts.config;
    let arena_id = config.arena_count;
    config.arena_count = arena_id.checked_add(1).ok_or(ArenaError::Overflow)?;

    let arena = &mut ctx.accounts.arena;
    arena.set_inner(Arena {
        id: arena_id,
        creator: ctx.accounts.creator.key(),
        resolver: args.resolver,
        collateral_mint: ctx.accounts.collateral_mint.key(),
        vault: ctx.accounts.vault.key(),
        status: ArenaStatus::Open,
        winning_outcome: 0,
        outcome_count: outcome_count as u8,
        creator_fee_bps: creator_fee.get(),
        protocol_fee_bps: config.protocol_fee_bps,
        bump: ctx.bumps.arena,
        vault_bump: ctx.bumps.vault,
        close_ts: args.close_ts,
        created_ts: now,
        resolved_ts: 0,
        pots: [0; MAX_OUTCOMES],
        total_pot: 0,
        pot_unclaimed: 0,
        payout_pool: 0,
        set_collateral: 0,
        outcome_mints,
        title: args.title,
        category: args.category,
        outcomes: args.outcomes,
    });

    emit!(ArenaCreated {
        arena: arena_key,
        arena_id,
        creator: arena.creator,
        resolver: arena.resolver,
        collateral_mint: arena.collateral_mint,
        vault: arena.vault,
        title: arena.title.clone(),
        category: arena.category.clone(),
        outcomes: arena.outcomes.clone(),
        outcome_mints: outcome_mints[..outcome_count].to_vec(),
        close_ts: arena.close_ts,
        creator_fee_bps: arena.creator_fee_bps,
        protocol_fee_bps: arena.protocol_fee_bps,
        created_ts: now,
    });
    Ok(())
}

fn validate(args: &CreateArenaArgs) -> Result<()> {
    require!(
        (MIN_OUTCOMES..=MAX_OUTCOMES).contains(&args.outcomes.len()),
        ArenaError::OutcomeCount
    );
    require!(
        (1..=MAX_TITLE_LEN).contains(&args.title.len()),
        ArenaError::TitleLength
    );
    require!(
        (1..=MAX_CATEGORY_LEN).contains(&args.category.len()),
        ArenaError::CategoryLength
    );
    require!(
        args.outcomes
            .iter()
            .all(|label| (1..=MAX_OUTCOME_LABEL_LEN).contains(&label.len())),
        ArenaError::OutcomeLabelLength
    );
    Ok(())
}

/// Creates the SPL mint of outcome `index` at its PDA, with the arena as mint authority and
/// the collateral's decimals, so that one outcome token is worth at most one collateral unit.
fn create_outcome_mint<'info>(
    ctx: &Context<'_, '_, 'info, 'info, CreateArena<'info>>,
    arena: Pubkey,
    index: u8,
    mint: &'info AccountInfo<'info>,
) -> Result<()> {
    let (expected, bump) = Pubkey::find_program_address(
        &[OUTCOME_MINT_SEED, arena.as_ref(), &[index]],
        ctx.program_id,
    );
    require_keys_eq!(mint.key(), expected, ArenaError::OutcomeMintAddress);
    let seeds: &[&[u8]] = &[OUTCOME_MINT_SEED, arena.as_ref(), &[index], &[bump]];
    create_pda_account(
        ctx.accounts.creator.to_account_info(),
        mint.clone(),
        ctx.accounts.system_program.to_account_info(),
        Mint::LEN,
        &token::ID,
        seeds,
    )?;
    token::initialize_mint2(
        CpiContext::new(
            ctx.accounts.token_program.to_account_info(),
            InitializeMint2 { mint: mint.clone() },
        ),
        ctx.accounts.collateral_mint.decimals,
        &arena,
        None,
    )
}

/// Creates a rent-exempt account at a PDA, even when someone already sent lamports to the
/// address (a plain `create_account` would fail, letting anyone block the arena).
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
    let allocate = Allocate {
        account_to_allocate: account.clone(),
    };
    system_program::allocate(
        CpiContext::new_with_signer(system.clone(), allocate, signer),
        space as u64,
    )?;
    let assign = Assign {
        account_to_assign: account,
    };
    system_program::assign(CpiContext::new_with_signer(system, assign, signer), owner)
}
