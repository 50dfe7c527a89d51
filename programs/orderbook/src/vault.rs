//! Token movements between traders' token accounts and a market's vaults.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, Transfer};

use crate::state::AuthoritySeeds;

/// Moves `amount` from `owner`'s token account into a vault; nothing when zero.
pub fn pay_in<'info>(
    token_program: &AccountInfo<'info>,
    owner: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let accounts = Transfer {
        from: from.clone(),
        to: vault.clone(),
        authority: owner.clone(),
    };
    token::transfer(CpiContext::new(token_program.clone(), accounts), amount)
}

/// Pays `amount` out of a vault, signed by the market authority; nothing when zero.
pub fn pay_out<'info>(
    token_program: &AccountInfo<'info>,
    seeds: &AuthoritySeeds,
    authority: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let accounts = Transfer {
        from: vault.clone(),
        to: to.clone(),
        authority: authority.clone(),
    };
    seeds.with_signer(|signer| {
        token::transfer(
            CpiContext::new_with_signer(token_program.clone(), accounts, signer),
            amount,
        )
    })
}
