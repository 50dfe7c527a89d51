"""The order book program's enums: sides, order types, self-trade modes, removal reasons.

Each member's name is the program's variant in upper case; ``of`` reads anchorpy's decoded
variant (an object whose class is named after the variant), ``encoded`` gives one to
anchorpy's encoder. The values are the variants' indexes.
"""

from __future__ import annotations

import enum
from typing import Any, Self

from betfun.client.orderbook.program import coder


class _ProgramEnum(enum.Enum):
    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @property
    def variant(self) -> str:
        """The Rust variant, e.g. ``ImmediateOrCancel``."""
        return "".join(part.capitalize() for part in self.name.split("_"))

    @classmethod
    def of(cls, decoded: object) -> Self:
        name = type(decoded).__name__
        return next(member for member in cls if member.variant == name)

    @classmethod
    def from_label(cls, label: str) -> Self:
        for member in cls:
            if member.label == label.lower():
                return member
        choices = ", ".join(member.label for member in cls)
        raise ValueError(f"unknown {cls.__name__} {label!r} (choose from {choices})")

    def encoded(self) -> Any:  # noqa: ANN401 (anchorpy's generated variant classes)
        """anchorpy's variant object, as its encoder wants it (read back from the index)."""
        return coder().types.decode(type(self).__name__, bytes([self.value]))


class Side(_ProgramEnum):
    """The value is the program's ``Side::as_u8``."""

    BID = 0
    ASK = 1


class OrderType(_ProgramEnum):
    LIMIT = 0
    POST_ONLY = 1
    IMMEDIATE_OR_CANCEL = 2
    FILL_OR_KILL = 3
    MARKET = 4


class SelfTradeBehavior(_ProgramEnum):
    CANCEL_PROVIDE = 0
    DECREMENT_TAKE = 1
    ABORT_TRANSACTION = 2


class RemoveReason(_ProgramEnum):
    CANCELLED = 0
    EXPIRED = 1
    SELF_TRADE = 2
    EVICTED = 3
