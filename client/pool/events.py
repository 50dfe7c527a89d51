"""The pool program's events, decoded from a transaction's logs into typed values.

Only ``Program data:`` lines written while the pool program is the executing program are
read (the arena's events from its split and merge calls are not pool events). Prices are in
units of 1/``PRICE_SCALE`` collateral per outcome token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from solders.pubkey import Pubkey

from betfun.client.event_logs import decode_anchor_event, lists_as_tuples, program_data
from betfun.client.pool.program import PROGRAM_ID, coder


@dataclass(frozen=True, slots=True)
class PoolCreated:
    pool: Pubkey
    arena: Pubkey
    creator: Pubkey
    collateral_mint: Pubkey
    lp_mint: Pubkey
    collateral: Pubkey
    vaults: tuple[Pubkey, ...]
    fee_bps: int
    ts: int


@dataclass(frozen=True, slots=True)
class LiquidityAdded:
    pool: Pubkey
    arena: Pubkey
    provider: Pubkey
    collateral_in: int
    lp_minted: int
    added: tuple[int, ...]
    returned: tuple[int, ...]
    balances: tuple[int, ...]
    lp_supply: int
    prices: tuple[int, ...]
    ts: int


@dataclass(frozen=True, slots=True)
class LiquidityRemoved:
    pool: Pubkey
    arena: Pubkey
    provider: Pubkey
    lp_burned: int
    amounts: tuple[int, ...]
    balances: tuple[int, ...]
    lp_supply: int
    prices: tuple[int, ...]
    ts: int


@dataclass(frozen=True, slots=True)
class SharesBought:
    pool: Pubkey
    arena: Pubkey
    trader: Pubkey
    outcome: int
    collateral_in: int
    fee: int
    tokens_out: int
    balances: tuple[int, ...]
    prices: tuple[int, ...]
    ts: int


@dataclass(frozen=True, slots=True)
class SharesSold:
    pool: Pubkey
    arena: Pubkey
    trader: Pubkey
    outcome: int
    collateral_out: int
    fee: int
    tokens_in: int
    balances: tuple[int, ...]
    prices: tuple[int, ...]
    ts: int


PoolEvent = PoolCreated | LiquidityAdded | LiquidityRemoved | SharesBought | SharesSold

EVENT_TYPES: dict[str, type[PoolEvent]] = {
    cls.__name__: cls
    for cls in (PoolCreated, LiquidityAdded, LiquidityRemoved, SharesBought, SharesSold)
}


def decode_event(data: bytes) -> PoolEvent | None:
    """The event encoded in ``data`` (discriminator + Borsh), or None if it is none of ours."""
    return decode_anchor_event(coder(), EVENT_TYPES, data, lists_as_tuples)


def parse_events(logs: Iterable[str], program_id: Pubkey = PROGRAM_ID) -> list[PoolEvent]:
    """Every pool event in a transaction's log lines, in emission order."""
    decoded = (decode_event(data) for data in program_data(logs, program_id))
    return [event for event in decoded if event is not None]
