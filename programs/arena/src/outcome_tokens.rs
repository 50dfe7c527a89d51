//! An arena's outcome tokens as instructions receive them: `(mint, token account)` pairs in
//! the remaining accounts, in outcome order. The count of outcomes varies (2–8), so they
//! cannot be named in an accounts struct.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, Burn, MintTo};

use crate::errors::ArenaError;
use crate::state::Arena;

pub struct OutcomeToken<'a, 'info> {
    pub mint: &'a AccountInfo<'info>,
    pub account: &'a AccountInfo<'info>,
}

/// Checks that `remaining` holds exactly the arena's outcome mints, each followed by a token
/// account. The token program checks that each account belongs to its mint.
pub fn outcome_tokens<'a, 'info>(
    arena: &Arena,
    remaining: &'a [AccountInfo<'info>],
) -> Result<Vec<OutcomeToken<'a, 'info>>> {
    let count = arena.outcome_count();
    require!(
        remaining.len() == 2 * count,
        ArenaError::OutcomeTokenAccounts
    );
    remaining
        .chunks_exact(2)
        .zip(&arena.outcome_mints[..count])
        .map(|(pair, expected_mint)| {
            require_keys_eq!(
                pair[0].key(),
                *expected_mint,
                ArenaError::OutcomeTokenAccounts
            );
            Ok(OutcomeToken {
                mint: &pair[0],
                account: &pair[1],
            })
        })
        .collect()
}

/// Mints `amount` of the outcome token into its account, signed by the arena.
pub fn mint_outcome<'info>(
    token_program: &AccountInfo<'info>,
    arena: &Account<'info, Arena>,
    token: &OutcomeToken<'_, 'info>,
    amount: u64,
) -> Result<()> {
    let accounts = MintTo {
        mint: token.mint.clone(),
        to: token.account.clone(),
        authority: arena.to_account_info(),
    };
    arena.with_signer(|signer| {
        token::mint_to(
            CpiContext::new_with_signer(token_program.clone(), accounts, signer),
            amount,
        )
    })
}

/// Burns `amount` of the outcome token from its account, authorized by `owner`.
pub fn burn_outcome<'info>(
    token_program: &AccountInfo<'info>,
    owner: &AccountInfo<'info>,
    token: &OutcomeToken<'_, 'info>,
    amount: u64,
) -> Result<()> {
    let accounts = Burn {
        mint: token.mint.clone(),
        from: token.account.clone(),
        authority: owner.clone(),
    };
    token::burn(CpiContext::new(token_program.clone(), accounts), amount)
}

/// Pays `amount` of collateral out of the vault, signed by the arena.
pub fn pay_from_vault<'info>(
    token_program: &AccountInfo<'info>,
    arena: &Account<'info, Arena>,
    vault: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let accounts = token::Transfer {
        from: vault.clone(),
        to: to.clone(),
        authority: arena.to_account_info(),
    };
    arena.with_signer(|signer| {
        token::transfer(
            CpiContext::new_with_signer(token_program.clone(), accounts, signer),
            amount,
        )
    })
}

/// Moves `amount` of collateral from `owner`'s token account into the vault.
pub fn pay_into_vault<'info>(
    token_program: &AccountInfo<'info>,
    owner: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let accounts = token::Transfer {
        from: from.clone(),
        to: vault.clone(),
        authority: owner.clone(),
    };
    token::transfer(CpiContext::new(token_program.clone(), accounts), amount)
}
