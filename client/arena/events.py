"""The arena program's events, decoded from a transaction's logs into typed values.

Anchor's ``emit!`` writes each event as a ``Program data: <base64>`` log line while the
program runs; only lines written while the arena program is the executing program (tracked
through the ``invoke``/``success``/``failed`` lines) are read, so another program's data
cannot pass for an arena event.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from solders.pubkey import Pubkey

from betfun.client.arena.program import PROGRAM_ID, coder


@dataclass(frozen=True, slots=True)
class ConfigInitialized:
    admin: Pubkey
    treasury: Pubkey
    protocol_fee_bps: int


@dataclass(frozen=True, slots=True)
class ConfigUpdated:
    admin: Pubkey
    treasury: Pubkey
    protocol_fee_bps: int
    paused: bool


@dataclass(frozen=True, slots=True)
class ArenaCreated:
    arena: Pubkey
    arena_id: int
    creator: Pubkey
    resolver: Pubkey
    collateral_mint: Pubkey
    vault: Pubkey
    title: str
    category: str
    outcomes: tuple[str, ...]
    outcome_mints: tuple[Pubkey, ...]
    close_ts: int
    creator_fee_bps: int
    protocol_fee_bps: int
    created_ts: int


@dataclass(frozen=True, slots=True)
class BetPlaced:
    arena: Pubkey
    bettor: Pubkey
    outcome: int
    amount: int
    outcome_pot: int
    total_pot: int
    position_stake: int
    ts: int


@dataclass(frozen=True, slots=True)
class SetsSplit:
    arena: Pubkey
    owner: Pubkey
    amount: int
    set_collateral: int


@dataclass(frozen=True, slots=True)
class SetsMerged:
    arena: Pubkey
    owner: Pubkey
    amount: int
    set_collateral: int


@dataclass(frozen=True, slots=True)
class ArenaResolved:
    arena: Pubkey
    resolver: Pubkey
    winning_outcome: int
    total_pot: int
    winning_pot: int
    protocol_fee: int
    creator_fee: int
    payout_pool: int
    ts: int


@dataclass(frozen=True, slots=True)
class ArenaVoided:
    arena: Pubkey
    resolver: Pubkey
    total_pot: int
    ts: int


@dataclass(frozen=True, slots=True)
class Claimed:
    arena: Pubkey
    owner: Pubkey
    amount: int
    refund: bool


@dataclass(frozen=True, slots=True)
class Redeemed:
    arena: Pubkey
    owner: Pubkey
    amounts: tuple[int, ...]
    payout: int
    set_collateral: int


ArenaEvent = (
    ConfigInitialized
    | ConfigUpdated
    | ArenaCreated
    | BetPlaced
    | SetsSplit
    | SetsMerged
    | ArenaResolved
    | ArenaVoided
    | Claimed
    | Redeemed
)

EVENT_TYPES: dict[str, type[ArenaEvent]] = {
    cls.__name__: cls
    for cls in (
        ConfigInitialized,
        ConfigUpdated,
        ArenaCreated,
        BetPlaced,
        SetsSplit,
        SetsMerged,
        ArenaResolved,
        ArenaVoided,
        Claimed,
        Redeemed,
    )
}

_PROGRAM_DATA = "Program data: "


def decode_event(data: bytes) -> ArenaEvent | None:
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


def parse_events(logs: Iterable[str], program_id: Pubkey = PROGRAM_ID) -> list[ArenaEvent]:
    """Every arena event in a transaction's log lines, in emission order."""
    program = str(program_id)
    stack: list[str] = []
    events: list[ArenaEvent] = []
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
