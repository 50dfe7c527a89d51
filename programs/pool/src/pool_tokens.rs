//! The pool's token movements: its outcome vaults as instructions receive them (in the
//! remaining accounts, in outcome order, as their count varies from 2 to 8), transfers
//! signed by the pool, and complete sets split and merged through the arena program.

use anchor_lang::prelude::*;
use anchor_spl::token::{self, Transfer};

use crate::errors::PoolError;
use crate::state::Pool;

/// How an instruction lays out each outcome's accounts in its remaining accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The outcome's mint and the pool's vault of it.
    MintVault,
    /// The mint, the pool's vault and the user's token account of the outcome.
    MintVaultUser,
    /// The pool's vault and the user's token account.
    VaultUser,
}

impl Layout {
    fn stride(self) -> usize {
        match self {
            Layout::MintVault | Layout::VaultUser => 2,
            Layout::MintVaultUser => 3,
        }
    }
}

pub struct OutcomeAccounts<'a, 'info> {
    pub mint: Option<&'a AccountInfo<'info>>,
    pub vault: &'a AccountInfo<'info>,
    pub user: Option<&'a AccountInfo<'info>>,
}

/// Checks that `remaining` holds, per outcome of the pool and in order, the accounts of
/// `layout`: each mint must be the arena's (`outcome_mints`), each vault the pool's. Users'
/// accounts are checked by the token program (mint and owner) when tokens move.
pub fn outcome_accounts<'a, 'info>(
    pool: &Pool,
    outcome_mints: &[Pubkey],
    remaining: &'a [AccountInfo<'info>],
    layout: Layout,
) -> Result<Vec<OutcomeAccounts<'a, 'info>>> {
    let count = pool.outcome_count();
    require!(
        remaining.len() == layout.stride() * count,
        PoolError::OutcomeAccounts
    );
    remaining
        .chunks_exact(layout.stride())
        .enumerate()
        .map(|(index, chunk)| {
            let (mint, vault, user) = match layout {
                Layout::MintVault => (Some(&chunk[0]), &chunk[1], None),
                Layout::MintVaultUser => (Some(&chunk[0]), &chunk[1], Some(&chunk[2])),
                Layout::VaultUser => (None, &chunk[0], Some(&chunk[1])),
            };
            if let Some(mint) = mint {
                require_keys_eq!(mint.key(), outcome_mints[index], PoolError::OutcomeAccounts);
            }
            require_keys_eq!(vault.key(), pool.vaults[index], PoolError::WrongPoolAccount);
            Ok(OutcomeAccounts { mint, vault, user })
        })
        .collect()
}

/// The `(mint, account)` pairs the arena's split and merge take: the pool's vaults.
pub fn arena_pairs<'info>(accounts: &[OutcomeAccounts<'_, 'info>]) -> Vec<AccountInfo<'info>> {
    accounts
        .iter()
        .flat_map(|outcome| {
            let mint = outcome.mint.expect("a layout with mints");
            [mint.clone(), outcome.vault.clone()]
        })
        .collect()
}

/// Moves `amount` out of one of the pool's token accounts, signed by the pool.
pub fn pay_from_pool<'info>(
    token_program: &AccountInfo<'info>,
    pool: &Account<'info, Pool>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let accounts = Transfer {
        from: from.clone(),
        to: to.clone(),
        authority: pool.to_account_info(),
    };
    pool.with_signer(|signer| {
        token::transfer(
            CpiContext::new_with_signer(token_program.clone(), accounts, signer),
            amount,
        )
    })
}

/// Moves `amount` from `owner`'s token account into one of the pool's.
pub fn pay_into_pool<'info>(
    token_program: &AccountInfo<'info>,
    owner: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let accounts = Transfer {
        from: from.clone(),
        to: to.clone(),
        authority: owner.clone(),
    };
    token::transfer(CpiContext::new(token_program.clone(), accounts), amount)
}

/// The arena accounts that splitting and merging complete sets for the pool need.
pub struct Sets<'info> {
    pub arena_program: AccountInfo<'info>,
    pub arena: AccountInfo<'info>,
    pub arena_vault: AccountInfo<'info>,
    pub pool_collateral: AccountInfo<'info>,
    pub token_program: AccountInfo<'info>,
}

impl<'info> Sets<'info> {
    /// Turns `amount` of the pool's collateral account into `amount` of every outcome token
    /// in its vaults, through the arena's `split`, signed by the pool.
    pub fn split(
        &self,
        pool: &Account<'info, Pool>,
        config: AccountInfo<'info>,
        pairs: Vec<AccountInfo<'info>>,
        amount: u64,
    ) -> Result<()> {
        let accounts = arena::cpi::accounts::Split {
            owner: pool.to_account_info(),
            config,
            arena: self.arena.clone(),
            owner_collateral: self.pool_collateral.clone(),
            vault: self.arena_vault.clone(),
            token_program: self.token_program.clone(),
        };
        pool.with_signer(|signer| {
            arena::cpi::split(
                CpiContext::new_with_signer(self.arena_program.clone(), accounts, signer)
                    .with_remaining_accounts(pairs),
                amount,
            )
        })
    }

    /// Burns `amount` of every outcome token from the pool's vaults for `amount` of
    /// collateral into its collateral account, through the arena's `merge`.
    pub fn merge(
        &self,
        pool: &Account<'info, Pool>,
        pairs: Vec<AccountInfo<'info>>,
        amount: u64,
    ) -> Result<()> {
        let accounts = arena::cpi::accounts::Merge {
            owner: pool.to_account_info(),
            arena: self.arena.clone(),
            owner_collateral: self.pool_collateral.clone(),
            vault: self.arena_vault.clone(),
            token_program: self.token_program.clone(),
        };
        pool.with_signer(|signer| {
            arena::cpi::merge(
                CpiContext::new_with_signer(self.arena_program.clone(), accounts, signer)
                    .with_remaining_accounts(pairs),
                amount,
            )
        })
    }
}
