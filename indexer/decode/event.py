"""A decoded event and its place: what every program's decoder produces."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeAlias, TypeVar

from solders.pubkey import Pubkey

from betfun.indexer.source.transaction import ChainTransaction

E = TypeVar("E", covariant=True)
# A JSON value (what json.dumps takes).
Json: TypeAlias = Any


@dataclass(frozen=True, slots=True)
class EventKey:
    signature: str
    ix_index: int
    event_index: int


@dataclass(frozen=True, slots=True)
class DecodedEvent(Generic[E]):
    key: EventKey
    slot: int
    block_time: int | None
    program: str
    name: str
    event: E

    def data(self) -> dict[str, Json]:
        """The event's fields as JSON values: public keys in base58, sequences as lists,
        integers unbounded (u64 amounts may pass 2^53: JavaScript readers take care)."""
        return {
            field.name: to_json_value(getattr(self.event, field.name))
            for field in dataclasses.fields(self.event)  # type: ignore[arg-type]
        }


def to_json_value(value: object) -> Json:
    if isinstance(value, Pubkey):
        return str(value)
    if isinstance(value, tuple | list):
        return [to_json_value(item) for item in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    raise TypeError(f"an event field of type {type(value).__name__} has no JSON form")


class Decoder(Protocol[E]):
    """Turns one program's transactions into its events."""

    # The program's name in the database ("arena") and its address.
    name: str
    program_id: str

    def decode(self, transaction: ChainTransaction) -> Sequence[DecodedEvent[E]]: ...
