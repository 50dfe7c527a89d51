"""Instructions of the arena program, built from decoded state: pure, no network.

Each builder returns the instruction list of one user action for a given wallet, ready for
:func:`betfun.client.transactions.unsigned_transaction` (a dApp's wallet signs) or for the
SDK's own signing. Actions that pay into token accounts which may not exist yet create them
first, idempotently and paid by the wallet: the outcome token accounts for ``split``, the
treasury's and the creator's collateral accounts for ``resolve``, the wallet's collateral
account where collateral comes back. Account order mirrors the program's accounts structs
(programs/arena/src/instructions/).
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

from betfun.client.arena.accounts import ArenaAccount, ConfigAccount
from betfun.client.arena.pda import (
    arena_address,
    config_address,
    outcome_mint_address,
    position_address,
    vault_address,
)
from betfun.client.arena.program import PROGRAM_ID, encode_instruction


def _meta(pubkey: Pubkey, *, writable: bool = False, signer: bool = False) -> AccountMeta:
    return AccountMeta(pubkey, is_signer=signer, is_writable=writable)


def _instruction(name: str, args: dict[str, object], accounts: list[AccountMeta]) -> Instruction:
    return Instruction(PROGRAM_ID, encode_instruction(name, args), accounts)


def _ensure_ata(payer: Pubkey, owner: Pubkey, mint: Pubkey) -> Instruction:
    return create_idempotent_associated_token_account(payer, owner, mint)


def _outcome_token_metas(arena: ArenaAccount, owner: Pubkey) -> list[AccountMeta]:
    """Remaining accounts of split, merge and redeem: (mint, owner's token account) pairs."""
    metas: list[AccountMeta] = []
    for mint in arena.outcome_mints:
        metas.append(_meta(mint, writable=True))
        metas.append(_meta(get_associated_token_address(owner, mint), writable=True))
    return metas


def _check_outcome(arena: ArenaAccount, outcome: int) -> None:
    if not 0 <= outcome < arena.outcome_count:
        raise ValueError(
            f"outcome {outcome} is out of range: arena {arena.id} has outcomes "
            f"0..{arena.outcome_count - 1}"
        )


def initialize_config(admin: Pubkey, treasury: Pubkey, protocol_fee_bps: int) -> list[Instruction]:
    return [
        _instruction(
            "initialize_config",
            {"protocol_fee_bps": protocol_fee_bps},
            [
                _meta(admin, writable=True, signer=True),
                _meta(config_address(), writable=True),
                _meta(treasury),
                _meta(SYSTEM_PROGRAM_ID),
            ],
        )
    ]


def update_config(
    admin: Pubkey,
    *,
    new_admin: Pubkey | None = None,
    treasury: Pubkey | None = None,
    protocol_fee_bps: int | None = None,
    paused: bool | None = None,
) -> list[Instruction]:
    """Changes only what is given; the rest of the config stays."""
    args = {
        "new_admin": new_admin,
        "treasury": treasury,
        "protocol_fee_bps": protocol_fee_bps,
        "paused": paused,
    }
    return [
        _instruction(
            "update_config",
            {"args": args},
            [_meta(admin, signer=True), _meta(config_address(), writable=True)],
        )
    ]


def create_arena(
    config: ConfigAccount,
    creator: Pubkey,
    *,
    collateral_mint: Pubkey,
    title: str,
    category: str,
    outcomes: Sequence[str],
    close_ts: int,
    creator_fee_bps: int,
    resolver: Pubkey,
) -> list[Instruction]:
    """The arena takes the next id, ``config.arena_count``: build from a fresh config (a
    concurrent creation makes this one fail its seeds check, and it can be rebuilt)."""
    arena = arena_address(config.arena_count)
    args = {
        "title": title,
        "category": category,
        "outcomes": list(outcomes),
        "close_ts": close_ts,
        "creator_fee_bps": creator_fee_bps,
        "resolver": resolver,
    }
    accounts = [
        _meta(creator, writable=True, signer=True),
        _meta(config.address, writable=True),
        _meta(arena, writable=True),
        _meta(collateral_mint),
        _meta(vault_address(arena), writable=True),
        _meta(TOKEN_PROGRAM_ID),
        _meta(SYSTEM_PROGRAM_ID),
    ]
    accounts += [
        _meta(outcome_mint_address(arena, index), writable=True) for index in range(len(outcomes))
    ]
    return [_instruction("create_arena", {"args": args}, accounts)]


def place_bet(arena: ArenaAccount, bettor: Pubkey, outcome: int, amount: int) -> list[Instruction]:
    _check_outcome(arena, outcome)
    return [
        _instruction(
            "place_bet",
            {"outcome": outcome, "amount": amount},
            [
                _meta(bettor, writable=True, signer=True),
                _meta(config_address()),
                _meta(arena.address, writable=True),
                _meta(position_address(arena.address, bettor), writable=True),
                _meta(get_associated_token_address(bettor, arena.collateral_mint), writable=True),
                _meta(arena.vault, writable=True),
                _meta(TOKEN_PROGRAM_ID),
                _meta(SYSTEM_PROGRAM_ID),
            ],
        )
    ]


def split(arena: ArenaAccount, owner: Pubkey, amount: int) -> list[Instruction]:
    accounts = [
        _meta(owner, signer=True),
        _meta(config_address()),
        _meta(arena.address, writable=True),
        _meta(get_associated_token_address(owner, arena.collateral_mint), writable=True),
        _meta(arena.vault, writable=True),
        _meta(TOKEN_PROGRAM_ID),
        *_outcome_token_metas(arena, owner),
    ]
    return [
        *(_ensure_ata(owner, owner, mint) for mint in arena.outcome_mints),
        _instruction("split", {"amount": amount}, accounts),
    ]


def _collateral_out_accounts(arena: ArenaAccount, owner: Pubkey) -> list[AccountMeta]:
    """The accounts shared by merge and redeem: owner, arena, collateral, vault, program."""
    return [
        _meta(owner, signer=True),
        _meta(arena.address, writable=True),
        _meta(get_associated_token_address(owner, arena.collateral_mint), writable=True),
        _meta(arena.vault, writable=True),
        _meta(TOKEN_PROGRAM_ID),
    ]


def merge(arena: ArenaAccount, owner: Pubkey, amount: int) -> list[Instruction]:
    accounts = _collateral_out_accounts(arena, owner) + _outcome_token_metas(arena, owner)
    return [
        _ensure_ata(owner, owner, arena.collateral_mint),
        _instruction("merge", {"amount": amount}, accounts),
    ]


def redeem(arena: ArenaAccount, owner: Pubkey, amounts: Sequence[int]) -> list[Instruction]:
    """Burns ``amounts[i]`` of outcome ``i``'s token (one entry per outcome)."""
    if len(amounts) != arena.outcome_count:
        raise ValueError(
            f"give one amount per outcome: arena {arena.id} has {arena.outcome_count} outcomes, "
            f"got {len(amounts)} amounts"
        )
    accounts = _collateral_out_accounts(arena, owner) + _outcome_token_metas(arena, owner)
    return [
        _ensure_ata(owner, owner, arena.collateral_mint),
        _instruction("redeem", {"amounts": list(amounts)}, accounts),
    ]


def resolve(
    arena: ArenaAccount, config: ConfigAccount, resolver: Pubkey, winning_outcome: int
) -> list[Instruction]:
    _check_outcome(arena, winning_outcome)
    treasury_account = get_associated_token_address(config.treasury, arena.collateral_mint)
    creator_account = get_associated_token_address(arena.creator, arena.collateral_mint)
    return [
        _ensure_ata(resolver, config.treasury, arena.collateral_mint),
        _ensure_ata(resolver, arena.creator, arena.collateral_mint),
        _instruction(
            "resolve",
            {"winning_outcome": winning_outcome},
            [
                _meta(resolver, signer=True),
                _meta(config.address),
                _meta(arena.address, writable=True),
                _meta(arena.vault, writable=True),
                _meta(treasury_account, writable=True),
                _meta(creator_account, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]


def void_arena(arena: ArenaAccount, resolver: Pubkey) -> list[Instruction]:
    return [
        _instruction(
            "void_arena",
            {},
            [_meta(resolver, signer=True), _meta(arena.address, writable=True)],
        )
    ]


def claim(arena: ArenaAccount, owner: Pubkey) -> list[Instruction]:
    return [
        _ensure_ata(owner, owner, arena.collateral_mint),
        _instruction(
            "claim",
            {},
            [
                _meta(owner, signer=True),
                _meta(arena.address, writable=True),
                _meta(position_address(arena.address, owner), writable=True),
                _meta(get_associated_token_address(owner, arena.collateral_mint), writable=True),
                _meta(arena.vault, writable=True),
                _meta(TOKEN_PROGRAM_ID),
            ],
        ),
    ]
