use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::constants::CONFIG_SEED;
use crate::errors::ArenaError;
use crate::events::ArenaResolved;
use crate::math::{BasisPoints, ResolutionFees};
use crate::outcome_tokens::pay_from_vault;
use crate::state::{Arena, ArenaStatus, Config};

#[derive(Accounts)]
pub struct Resolve<'info> {
    pub resolver: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, Config>,
    #[account(
        mut,
        has_one = resolver @ ArenaError::NotResolver,
        has_one = vault,
    )]
    pub arena: Box<Account<'info, Arena>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    /// Receives the protocol fee.
    #[account(mut, token::mint = arena.collateral_mint, token::authority = config.treasury)]
    pub treasury_collateral: Box<Account<'info, TokenAccount>>,
    /// Receives the creator fee.
    #[account(mut, token::mint = arena.collateral_mint, token::authority = arena.creator)]
    pub creator_collateral: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Declares the winning outcome and pays the fees.
///
/// When nobody staked on the winner, there is nobody to pay: no fee is taken and every stake
/// is refunded through `claim`, as in a voided arena. Winning tokens redeem either way.
pub fn handler(ctx: Context<Resolve>, winning_outcome: u8) -> Result<()> {
    let arena = &mut ctx.accounts.arena;
    require!(arena.status == ArenaStatus::Open, ArenaError::ArenaNotOpen);
    require!(
        winning_outcome < arena.outcome_count,
        ArenaError::InvalidOutcome
    );
    let now = Clock::get()?.unix_timestamp;
    require!(now >= arena.close_ts, ArenaError::TooEarlyToResolve);

    let winning_pot = arena.pots[usize::from(winning_outcome)];
    let fees = if winning_pot == 0 {
        ResolutionFees {
            protocol: 0,
            creator: 0,
        }
    } else {
        let rate = |bps| BasisPoints::new(bps).ok_or(ArenaError::FeeTooHigh);
        ResolutionFees::on(
            arena.total_pot,
            rate(arena.protocol_fee_bps)?,
            rate(arena.creator_fee_bps)?,
        )
    };
    arena.status = ArenaStatus::Resolved;
    arena.winning_outcome = winning_outcome;
    arena.resolved_ts = now;
    arena.payout_pool = fees.payout_pool(arena.total_pot);
    arena.pot_unclaimed = arena.payout_pool;

    let token_program = ctx.accounts.token_program.to_account_info();
    let vault = ctx.accounts.vault.to_account_info();
    for (fee, to) in [
        (fees.protocol, &ctx.accounts.treasury_collateral),
        (fees.creator, &ctx.accounts.creator_collateral),
    ] {
        if fee > 0 {
            pay_from_vault(&token_program, arena, &vault, &to.to_account_info(), fee)?;
        }
    }

    emit!(ArenaResolved {
        arena: arena.key(),
        resolver: arena.resolver,
        winning_outcome,
        total_pot: arena.total_pot,
        winning_pot,
        protocol_fee: fees.protocol,
        creator_fee: fees.creator,
        payout_pool: arena.payout_pool,
        ts: now,
    });
    Ok(())
}
