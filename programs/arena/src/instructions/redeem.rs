use anchor_lang::prelude::*;
use anchor_spl::token::{Token, TokenAccount};

use crate::errors::ArenaError;
use crate::events::Redeemed;
use crate::math::voided_redemption;
use crate::outcome_tokens::{burn_outcome, outcome_tokens, pay_from_vault};
use crate::state::{Arena, ArenaStatus};

/// Remaining accounts: each outcome's mint and the owner's token account of it, in order.
#[derive(Accounts)]
pub struct Redeem<'info> {
    pub owner: Signer<'info>,
    #[account(mut, has_one = vault)]
    pub arena: Box<Account<'info, Arena>>,
    #[account(mut, token::mint = arena.collateral_mint)]
    pub owner_collateral: Box<Account<'info, TokenAccount>>,
    #[account(mut)]
    pub vault: Box<Account<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

/// Burns `amounts[i]` of each outcome token and pays for them: one collateral unit per winning
/// token after resolution (losing tokens burn for nothing), or 1/n of a unit per token of any
/// outcome after a void, counted over the whole batch so that a complete set returns a unit.
pub fn handler<'info>(
    ctx: Context<'_, '_, 'info, 'info, Redeem<'info>>,
    amounts: Vec<u64>,
) -> Result<()> {
    let arena = &mut ctx.accounts.arena;
    require!(
        arena.status != ArenaStatus::Open,
        ArenaError::ArenaNotSettled
    );
    require!(
        amounts.len() == arena.outcome_count(),
        ArenaError::RedeemAmounts
    );

    let payout = if arena.status == ArenaStatus::Voided {
        let tokens = amounts
            .iter()
            .try_fold(0u64, |sum, &amount| sum.checked_add(amount))
            .ok_or(ArenaError::Overflow)?;
        voided_redemption(tokens, arena.outcome_count).ok_or(ArenaError::Overflow)?
    } else {
        amounts[usize::from(arena.winning_outcome)]
    };
    require!(
        amounts.iter().any(|&amount| amount > 0),
        ArenaError::NothingToRedeem
    );
    arena.set_collateral = arena
        .set_collateral
        .checked_sub(payout)
        .ok_or(ArenaError::Overflow)?;

    let token_program = ctx.accounts.token_program.to_account_info();
    let owner = ctx.accounts.owner.to_account_info();
    let tokens = outcome_tokens(arena, ctx.remaining_accounts)?;
    for (token, &amount) in tokens.iter().zip(&amounts) {
        if amount > 0 {
            burn_outcome(&token_program, &owner, token, amount)?;
        }
    }
    if payout > 0 {
        pay_from_vault(
            &token_program,
            arena,
            &ctx.accounts.vault.to_account_info(),
            &ctx.accounts.owner_collateral.to_account_info(),
            payout,
        )?;
    }

    emit!(Redeemed {
        arena: arena.key(),
        owner: owner.key(),
        amounts,
        payout,
        set_collateral: arena.set_collateral,
    });
    Ok(())
}
