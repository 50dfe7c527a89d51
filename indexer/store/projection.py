"""What a program's projections implement: apply one new event inside the writer's
transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol, TypeAlias, TypeVar

from asyncpg import Record
from asyncpg.connection import Connection as _Connection
from asyncpg.pool import PoolConnectionProxy

from betfun.indexer.decode.event import DecodedEvent
from betfun.indexer.source.rpc import JsonRpc

E = TypeVar("E", contravariant=True)

# A connection of its own or one borrowed from a pool.
Connection: TypeAlias = "_Connection[Record] | PoolConnectionProxy[Record]"


class Projection(Protocol[E]):
    async def apply(self, connection: Connection, events: Sequence[DecodedEvent[E]]) -> None:
        """Bring the program's tables up to date with ``events``, in order; each is new:
        it was just inserted into ``events`` in the same transaction."""
        ...


def timestamp(unix: int | None) -> datetime | None:
    return None if unix is None else datetime.fromtimestamp(unix, UTC)


S = TypeVar("S")


class Snapshot(Protocol[S]):
    """How a program's projections start from its accounts instead of its history."""

    async def read(self, rpc: JsonRpc) -> S:
        """The program's accounts, decoded."""
        ...

    async def seed(self, connection: Connection, state: S) -> None:
        """Write the projections of ``state`` into an empty database."""
        ...
