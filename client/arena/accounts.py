"""Typed, immutable views of the arena program's accounts: Config, Arena, Position.

The bytes are decoded by anchorpy from the IDL; these classes fix the Python types, trim the
fixed-size arrays to the arena's outcomes, and say what "not yet" means (``None``) instead of
the zeros the program stores.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, ClassVar

from construct import Container
from solders.pubkey import Pubkey

from betfun.client.arena.program import coder


class AccountDecodeError(ValueError):
    """The bytes are not an account of the expected type (wrong discriminator or size)."""


class ArenaStatus(enum.Enum):
    """An arena's lifecycle; the value is the byte stored at ``ArenaAccount.STATUS_OFFSET``."""

    OPEN = 0
    RESOLVED = 1
    VOIDED = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> ArenaStatus:
        try:
            return cls[label.upper()]
        except KeyError:
            choices = ", ".join(status.label for status in cls)
            raise ValueError(f"unknown arena status {label!r} (choose from {choices})") from None


def _decode(name: str, data: bytes) -> Container[Any]:
    expected = coder().accounts.acc_name_to_discriminator[name]
    if data[: len(expected)] != expected:
        raise AccountDecodeError(f"the account data is not an arena program {name} account")
    try:
        return coder().accounts.decode(data)
    except Exception as exc:  # construct raises many types; all mean "not this layout"
        raise AccountDecodeError(f"cannot decode a {name} account: {exc}") from exc


@dataclass(frozen=True, slots=True)
class ConfigAccount:
    """The platform's settings, at PDA ["config"]."""

    address: Pubkey
    admin: Pubkey
    treasury: Pubkey
    protocol_fee_bps: int
    paused: bool
    arena_count: int

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> ConfigAccount:
        raw = _decode("Config", data)
        return cls(
            address=address,
            admin=raw.admin,
            treasury=raw.treasury,
            protocol_fee_bps=raw.protocol_fee_bps,
            paused=raw.paused,
            arena_count=raw.arena_count,
        )


@dataclass(frozen=True, slots=True)
class ArenaAccount:
    """One prediction market, at PDA ["arena", id]. Per-outcome tuples have one entry per
    outcome (the program pads them to eight)."""

    # Offset of the status byte in the account data: discriminator, id, four pubkeys. Lists
    # of arenas filter on it with memcmp.
    STATUS_OFFSET: ClassVar[int] = 8 + 8 + 32 * 4

    address: Pubkey
    id: int
    creator: Pubkey
    resolver: Pubkey
    collateral_mint: Pubkey
    vault: Pubkey
    status: ArenaStatus
    # The winner once resolved; None while open or after a void.
    winning_outcome: int | None
    creator_fee_bps: int
    protocol_fee_bps: int
    close_ts: int
    created_ts: int
    # When it was resolved or voided; None while open.
    resolved_ts: int | None
    pots: tuple[int, ...]
    total_pot: int
    pot_unclaimed: int
    payout_pool: int
    set_collateral: int
    outcome_mints: tuple[Pubkey, ...]
    title: str
    category: str
    outcomes: tuple[str, ...]

    @property
    def outcome_count(self) -> int:
        return len(self.outcomes)

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> ArenaAccount:
        raw = _decode("Arena", data)
        count: int = raw.outcome_count
        status = ArenaStatus[type(raw.status).__name__.upper()]
        return cls(
            address=address,
            id=raw.id,
            creator=raw.creator,
            resolver=raw.resolver,
            collateral_mint=raw.collateral_mint,
            vault=raw.vault,
            status=status,
            winning_outcome=raw.winning_outcome if status is ArenaStatus.RESOLVED else None,
            creator_fee_bps=raw.creator_fee_bps,
            protocol_fee_bps=raw.protocol_fee_bps,
            close_ts=raw.close_ts,
            created_ts=raw.created_ts,
            resolved_ts=None if status is ArenaStatus.OPEN else raw.resolved_ts,
            pots=tuple(raw.pots[:count]),
            total_pot=raw.total_pot,
            pot_unclaimed=raw.pot_unclaimed,
            payout_pool=raw.payout_pool,
            set_collateral=raw.set_collateral,
            outcome_mints=tuple(raw.outcome_mints[:count]),
            title=raw.title,
            category=raw.category,
            outcomes=tuple(raw.outcomes),
        )


@dataclass(frozen=True, slots=True)
class PositionAccount:
    """A wallet's pari-mutuel stakes in one arena, at PDA ["position", arena, owner].

    ``stakes`` has the program's eight entries: a position does not know its arena's outcome
    count.
    """

    # Offset of the owner in the account data (after the discriminator and the arena), for
    # memcmp filters.
    OWNER_OFFSET: ClassVar[int] = 8 + 32

    address: Pubkey
    arena: Pubkey
    owner: Pubkey
    stakes: tuple[int, ...]
    total_staked: int
    claimed: bool

    @classmethod
    def decode(cls, address: Pubkey, data: bytes) -> PositionAccount:
        raw = _decode("Position", data)
        return cls(
            address=address,
            arena=raw.arena,
            owner=raw.owner,
            stakes=tuple(raw.stakes),
            total_staked=raw.total_staked,
            claimed=raw.claimed,
        )
