"""The arena program's events, decoded from a transaction's logs into typed values.

Anchor's ``emit!`` writes each event as a ``Program data: <base64>`` log line while the
program runs; only lines written while the arena program is the executing program (tracked
through the ``invoke``/``success``/``failed`` lines) are read, so another program's data
cannot pass for an arena event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from solders.pubkey import Pubkey

from betfun.client.arena.program import PROGRAM_ID, coder
from betfun.client.event_logs import decode_anchor_event, lists_as_tuples, program_data


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


def decode_event(data: bytes) -> ArenaEvent | None:
    """The event encoded in ``data`` (discriminator + Borsh), or None if it is none of ours."""
    return decode_anchor_event(coder(), EVENT_TYPES, data, lists_as_tuples)


def parse_events(logs: Iterable[str], program_id: Pubkey = PROGRAM_ID) -> list[ArenaEvent]:
    """Every arena event in a transaction's log lines, in emission order."""
    decoded = (decode_event(data) for data in program_data(logs, program_id))
    return [event for event in decoded if event is not None]
