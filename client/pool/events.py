"""The pool program's events, decoded from a transaction's logs into typed values.

Only ``Program data:`` lines written while the pool program is the executing program are
read (the arena's events from its split and merge calls are not pool events). Prices are in
units of 1/``PRICE_SCALE`` collateral per outcome token.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from solders.pubkey import Pubkey

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

_PROGRAM_DATA = "Program data: "


def decode_event(data: bytes) -> PoolEvent | None:
    """The event encoded in ``data`` (discriminator + Borsh), or None if it is none of ours."""
    try:
        parsed = coder().events.parse(data)
    except Exception:  # construct raises many types; all mean "not one of our events"
        return None
    if parsed is None or parsed.name not in EVENT_TYPES:
        return None
    cls = EVENT_TYPES[parsed.name]
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        value = getattr(parsed.data, field.name)
        values[field.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


def parse_events(logs: Iterable[str], program_id: Pubkey = PROGRAM_ID) -> list[PoolEvent]:
    """Every pool event in a transaction's log lines, in emission order."""
    program = str(program_id)
    stack: list[str] = []
    events: list[PoolEvent] = []
    for line in logs:
        words = line.split(" ")
        if len(words) >= 3 and words[0] == "Program" and words[2] == "invoke":
            stack.append(words[1])
        elif len(words) >= 3 and words[0] == "Program" and words[2] in ("success", "failed:"):
            if stack:
                stack.pop()
        elif line.startswith(_PROGRAM_DATA) and stack and stack[-1] == program:
            try:
                data = base64.b64decode(line[len(_PROGRAM_DATA) :], validate=True)
            except binascii.Error:
                continue
            event = decode_event(data)
            if event is not None:
                events.append(event)
    return events
