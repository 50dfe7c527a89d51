//! Addresses and instruction builders for Rust clients: tests, benchmarks, tools.
//!
//! Each builder takes the token accounts it moves funds between, so callers choose associated
//! token accounts or any other account of the right mint.

use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData};

use crate::constants::{ARENA_SEED, CONFIG_SEED, OUTCOME_MINT_SEED, POSITION_SEED, VAULT_SEED};
use crate::instructions::{CreateArenaArgs, UpdateConfigArgs};

pub fn config_address() -> Pubkey {
    Pubkey::find_program_address(&[CONFIG_SEED], &crate::ID).0
}

pub fn arena_address(id: u64) -> Pubkey {
    Pubkey::find_program_address(&[ARENA_SEED, &id.to_le_bytes()], &crate::ID).0
}

pub fn vault_address(arena: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[VAULT_SEED, arena.as_ref()], &crate::ID).0
}

pub fn outcome_mint_address(arena: &Pubkey, index: u8) -> Pubkey {
    Pubkey::find_program_address(&[OUTCOME_MINT_SEED, arena.as_ref(), &[index]], &crate::ID).0
}

pub fn position_address(arena: &Pubkey, owner: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[POSITION_SEED, arena.as_ref(), owner.as_ref()], &crate::ID).0
}

fn instruction(data: impl InstructionData, accounts: impl ToAccountMetas) -> Instruction {
    Instruction::new_with_bytes(crate::ID, &data.data(), accounts.to_account_metas(None))
}

/// The remaining accounts of split, merge and redeem: each outcome's mint, then the holder's
/// token account of it.
fn outcome_token_metas(arena: &Pubkey, token_accounts: &[Pubkey]) -> Vec<AccountMeta> {
    (0u8..)
        .zip(token_accounts)
        .flat_map(|(index, account)| {
            [
                AccountMeta::new(outcome_mint_address(arena, index), false),
                AccountMeta::new(*account, false),
            ]
        })
        .collect()
}

pub fn initialize_config(admin: &Pubkey, treasury: &Pubkey, protocol_fee_bps: u16) -> Instruction {
    instruction(
        crate::instruction::InitializeConfig { protocol_fee_bps },
        crate::accounts::InitializeConfig {
            admin: *admin,
            config: config_address(),
            treasury: *treasury,
            system_program: system_program::ID,
        },
    )
}

pub fn update_config(admin: &Pubkey, args: UpdateConfigArgs) -> Instruction {
    instruction(
        crate::instruction::UpdateConfig { args },
        crate::accounts::UpdateConfig {
            admin: *admin,
            config: config_address(),
        },
    )
}

/// Creates arena `id`, which must be the config's `arena_count`.
pub fn create_arena(
    creator: &Pubkey,
    id: u64,
    collateral_mint: &Pubkey,
    args: CreateArenaArgs,
) -> Instruction {
    let arena = arena_address(id);
    let outcome_count = args.outcomes.len().min(usize::from(u8::MAX)) as u8;
    let mut ix = instruction(
        crate::instruction::CreateArena { args },
        crate::accounts::CreateArena {
            creator: *creator,
            config: config_address(),
            arena,
            collateral_mint: *collateral_mint,
            vault: vault_address(&arena),
            token_program: anchor_spl::token::ID,
            system_program: system_program::ID,
        },
    );
    ix.accounts.extend(
        (0..outcome_count)
            .map(|index| AccountMeta::new(outcome_mint_address(&arena, index), false)),
    );
    ix
}

pub fn place_bet(
    arena: &Pubkey,
    bettor: &Pubkey,
    bettor_collateral: &Pubkey,
    outcome: u8,
    amount: u64,
) -> Instruction {
    instruction(
        crate::instruction::PlaceBet { outcome, amount },
        crate::accounts::PlaceBet {
            bettor: *bettor,
            config: config_address(),
            arena: *arena,
            position: position_address(arena, bettor),
            bettor_collateral: *bettor_collateral,
            vault: vault_address(arena),
            token_program: anchor_spl::token::ID,
            system_program: system_program::ID,
        },
    )
}

/// `outcome_accounts`: the token account receiving each outcome's tokens, in outcome order.
pub fn split(
    arena: &Pubkey,
    owner: &Pubkey,
    owner_collateral: &Pubkey,
    outcome_accounts: &[Pubkey],
    amount: u64,
) -> Instruction {
    let mut ix = instruction(
        crate::instruction::Split { amount },
        crate::accounts::Split {
            owner: *owner,
            config: config_address(),
            arena: *arena,
            owner_collateral: *owner_collateral,
            vault: vault_address(arena),
            token_program: anchor_spl::token::ID,
        },
    );
    ix.accounts
        .extend(outcome_token_metas(arena, outcome_accounts));
    ix
}

/// `outcome_accounts`: the owner's token account of each outcome, in outcome order.
pub fn merge(
    arena: &Pubkey,
    owner: &Pubkey,
    owner_collateral: &Pubkey,
    outcome_accounts: &[Pubkey],
    amount: u64,
) -> Instruction {
    let mut ix = instruction(
        crate::instruction::Merge { amount },
        crate::accounts::Merge {
            owner: *owner,
            arena: *arena,
            owner_collateral: *owner_collateral,
            vault: vault_address(arena),
            token_program: anchor_spl::token::ID,
        },
    );
    ix.accounts
        .extend(outcome_token_metas(arena, outcome_accounts));
    ix
}

/// `treasury_collateral` and `creator_collateral` receive the fees: token accounts of the
/// collateral owned by the config's treasury and by the arena's creator.
pub fn resolve(
    arena: &Pubkey,
    resolver: &Pubkey,
    treasury_collateral: &Pubkey,
    creator_collateral: &Pubkey,
    winning_outcome: u8,
) -> Instruction {
    instruction(
        crate::instruction::Resolve { winning_outcome },
        crate::accounts::Resolve {
            resolver: *resolver,
            config: config_address(),
            arena: *arena,
            vault: vault_address(arena),
            treasury_collateral: *treasury_collateral,
            creator_collateral: *creator_collateral,
            token_program: anchor_spl::token::ID,
        },
    )
}

pub fn void_arena(arena: &Pubkey, resolver: &Pubkey) -> Instruction {
    instruction(
        crate::instruction::VoidArena {},
        crate::accounts::VoidArena {
            resolver: *resolver,
            arena: *arena,
        },
    )
}

pub fn claim(arena: &Pubkey, owner: &Pubkey, owner_collateral: &Pubkey) -> Instruction {
    instruction(
        crate::instruction::Claim {},
        crate::accounts::Claim {
            owner: *owner,
            arena: *arena,
            position: position_address(arena, owner),
            owner_collateral: *owner_collateral,
            vault: vault_address(arena),
            token_program: anchor_spl::token::ID,
        },
    )
}

/// `amounts[i]` of outcome `i` burned from `outcome_accounts[i]`.
pub fn redeem(
    arena: &Pubkey,
    owner: &Pubkey,
    owner_collateral: &Pubkey,
    outcome_accounts: &[Pubkey],
    amounts: Vec<u64>,
) -> Instruction {
    let mut ix = instruction(
        crate::instruction::Redeem { amounts },
        crate::accounts::Redeem {
            owner: *owner,
            arena: *arena,
            owner_collateral: *owner_collateral,
            vault: vault_address(arena),
            token_program: anchor_spl::token::ID,
        },
    );
    ix.accounts
        .extend(outcome_token_metas(arena, outcome_accounts));
    ix
}
