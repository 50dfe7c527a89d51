"""Instructions of the pool program, built from decoded state: pure, no network.

Each builder returns the instruction list of one user action for a given wallet, ready for
:func:`betfun.client.transactions.unsigned_transaction` (a dApp's wallet signs) or for the
SDK's own signing. Token accounts the action pays into are created first, idempotently and
paid by the wallet. Account order mirrors programs/pool/src/instructions/; the per-outcome
accounts go in the remaining accounts, in outcome order.
"""

from __future__ import annotations

from collections.abc import Sequence

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import (
    create_idempotent_associated_token_account,
    get_associated_token_address,
)

from betfun.client.arena.accounts import ArenaAccount
from betfun.client.arena.pda import config_address
from betfun.client.arena.program import PROGRAM_ID as ARENA_PROGRAM_ID
from betfun.client.pool.accounts import PoolAccount
from betfun.client.pool.pda import (
    collateral_address,
    lp_mint_address,
    pool_address,
    vault_address,
)
from betfun.client.pool.program import PROGRAM_ID, encode_instruction


def _meta(pubkey: Pubkey, *, writable: bool = False, signer: bool = False) -> AccountMeta:
    return AccountMeta(pubkey, is_signer=signer, is_writable=writable)


def _instruction(name: str, args: dict[str, object], accounts: list[AccountMeta]) -> Instruction:
    return Instruction(PROGRAM_ID, encode_instruction(name, args), accounts)


def _ata(owner: Pubkey, mint: Pubkey) -> Pubkey:
    return get_associated_token_address(owner, mint)


def _ensure_ata(owner: Pubkey, mint: Pubkey) -> Instruction:
    return create_idempotent_associated_token_account(owner, owner, mint)


def _check_outcome(pool: PoolAccount, outcome: int) -> None:
    if not 0 <= outcome < pool.outcome_count:
        raise ValueError(
            f"outcome {outcome} is out of range: the pool has outcomes 0..{pool.outcome_count - 1}"
        )


def _mint_vault_metas(arena: ArenaAccount, pool: PoolAccount) -> list[AccountMeta]:
    """Remaining accounts of buy and sell: (outcome mint, pool vault) per outcome."""
    metas: list[AccountMeta] = []
    for mint, vault in zip(arena.outcome_mints, pool.vaults, strict=True):
        metas += [_meta(mint, writable=True), _meta(vault, writable=True)]
    return metas


def _split_accounts(arena: ArenaAccount, pool: PoolAccount, signer: Pubkey) -> list[AccountMeta]:
    """The head shared by add_liquidity and buy: signer, arena config, arena, its vault,
    the pool."""
    return [
        _meta(signer, signer=True),
        _meta(config_address()),
        _meta(arena.address, writable=True),
        _meta(arena.vault, writable=True),
        _meta(pool.address, writable=True),
    ]


def create_pool(arena: ArenaAccount, creator: Pubkey, fee_bps: int) -> list[Instruction]:
    """Opens the pool of ``arena`` with a trading fee of ``fee_bps``; ``creator`` pays rent."""
    pool = pool_address(arena.address)
    accounts = [
        _meta(creator, writable=True, signer=True),
        _meta(arena.address),
        _meta(pool, writable=True),
        _meta(arena.collateral_mint),
        _meta(lp_mint_address(pool), writable=True),
        _meta(collateral_address(pool), writable=True),
        _meta(TOKEN_PROGRAM_ID),
        _meta(SYSTEM_PROGRAM_ID),
    ]
    for index, mint in enumerate(arena.outcome_mints):
        accounts += [_meta(mint), _meta(vault_address(pool, index), writable=True)]
    return [_instruction("create_pool", {"fee_bps": fee_bps}, accounts)]


def add_liquidity(
    arena: ArenaAccount,
    pool: PoolAccount,
    provider: Pubkey,
    collateral: int,
    min_lp_out: int,
    odds: Sequence[int] = (),
) -> list[Instruction]:
    """Deposits ``collateral``; ``odds`` (one weight per outcome) only on the first deposit.
    The surplus outcome tokens go to the provider's associated accounts."""
    accounts = [
        *_split_accounts(arena, pool, provider),
        _meta(pool.lp_mint, writable=True),
        _meta(pool.collateral, writable=True),
        _meta(_ata(provider, pool.collateral_mint), writable=True),
        _meta(_ata(provider, pool.lp_mint), writable=True),
        _meta(ARENA_PROGRAM_ID),
        _meta(TOKEN_PROGRAM_ID),
    ]
    for mint, vault in zip(arena.outcome_mints, pool.vaults, strict=True):
        accounts += [
            _meta(mint, writable=True),
            _meta(vault, writable=True),
            _meta(_ata(provider, mint), writable=True),
        ]
    args = {"collateral": collateral, "min_lp_out": min_lp_out, "odds": list(odds)}
    return [
        _ensure_ata(provider, pool.lp_mint),
        *(_ensure_ata(provider, mint) for mint in arena.outcome_mints),
        _instruction("add_liquidity", args, accounts),
    ]


def remove_liquidity(
    arena: ArenaAccount,
    pool: PoolAccount,
    provider: Pubkey,
    lp: int,
    min_amounts: Sequence[int],
) -> list[Instruction]:
    """Burns ``lp`` LP tokens for at least ``min_amounts[i]`` of each outcome."""
    if len(min_amounts) != pool.outcome_count:
        raise ValueError(f"give one minimum per outcome: the pool has {pool.outcome_count}")
    accounts = [
        _meta(provider, signer=True),
        _meta(pool.address, writable=True),
        _meta(pool.lp_mint, writable=True),
        _meta(_ata(provider, pool.lp_mint), writable=True),
        _meta(TOKEN_PROGRAM_ID),
    ]
    for mint, vault in zip(arena.outcome_mints, pool.vaults, strict=True):
        accounts += [_meta(vault, writable=True), _meta(_ata(provider, mint), writable=True)]
    args = {"lp": lp, "min_amounts": list(min_amounts)}
    return [
        *(_ensure_ata(provider, mint) for mint in arena.outcome_mints),
        _instruction("remove_liquidity", args, accounts),
    ]


def buy(
    arena: ArenaAccount,
    pool: PoolAccount,
    trader: Pubkey,
    outcome: int,
    collateral_in: int,
    min_tokens_out: int,
) -> list[Instruction]:
    _check_outcome(pool, outcome)
    mint = arena.outcome_mints[outcome]
    accounts = [
        *_split_accounts(arena, pool, trader),
        _meta(pool.collateral, writable=True),
        _meta(_ata(trader, pool.collateral_mint), writable=True),
        _meta(_ata(trader, mint), writable=True),
        _meta(ARENA_PROGRAM_ID),
        _meta(TOKEN_PROGRAM_ID),
        *_mint_vault_metas(arena, pool),
    ]
    args: dict[str, object] = {
        "outcome": outcome,
        "collateral_in": collateral_in,
        "min_tokens_out": min_tokens_out,
    }
    return [_ensure_ata(trader, mint), _instruction("buy", args, accounts)]


def sell(
    arena: ArenaAccount,
    pool: PoolAccount,
    trader: Pubkey,
    outcome: int,
    collateral_out: int,
    max_tokens_in: int,
) -> list[Instruction]:
    _check_outcome(pool, outcome)
    accounts = [
        _meta(trader, signer=True),
        _meta(arena.address, writable=True),
        _meta(arena.vault, writable=True),
        _meta(pool.address, writable=True),
        _meta(pool.collateral, writable=True),
        _meta(_ata(trader, pool.collateral_mint), writable=True),
        _meta(_ata(trader, arena.outcome_mints[outcome]), writable=True),
        _meta(ARENA_PROGRAM_ID),
        _meta(TOKEN_PROGRAM_ID),
        *_mint_vault_metas(arena, pool),
    ]
    args: dict[str, object] = {
        "outcome": outcome,
        "collateral_out": collateral_out,
        "max_tokens_in": max_tokens_in,
    }
    return [_ensure_ata(trader, pool.collateral_mint), _instruction("sell", args, accounts)]
