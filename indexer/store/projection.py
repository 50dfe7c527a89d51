"""What a program's projections implement: apply one new event inside the writer's
transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol, TypeAlias, TypeVar

from asyncpg import Record
from asyncpg.connection import Connection as _Connection
from asyncpg.pool import PoolConnectionProxy

from betfun.indexer.decode.event import DecodedEvent

E = TypeVar("E", contravariant=True)

# A connection of its own or one borrowed from a pool.
Connection: TypeAlias = "_Connection[Record] | PoolConnectionProxy[Record]"


class Projection(Protocol[E]):
    async def apply(self, connection: Connection, event: DecodedEvent[E]) -> None:
        """Bring the program's tables up to date with ``event``, which is new: it was just
        inserted into ``events`` in the same transaction."""
        ...


def timestamp(unix: int | None) -> datetime | None:
    return None if unix is None else datetime.fromtimestamp(unix, UTC)
