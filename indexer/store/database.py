"""The indexer's database: a connection pool, the migrations at start, and the one write
path, where a batch of transactions becomes events, projections and a cursor in ONE
database transaction.

Exactly once: an event's key is (signature, instruction index, event index). The batch's
events are inserted with ON CONFLICT DO NOTHING, and a projection is applied only for an
event whose insert happened; the cursor moves in the same transaction. Whatever point a
crash hits, the transaction either committed all of it (the events, what they changed,
the cursor past them) or none of it, and the restart's backfill from the cursor brings the
rest: no event is counted twice, none is missed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import asyncpg

from betfun.indexer.decode.event import DecodedEvent
from betfun.indexer.source.follow import Cursor
from betfun.indexer.store import events
from betfun.indexer.store.migrations import migrate
from betfun.indexer.store.projection import Connection, Projection

E = TypeVar("E")

# A session advisory lock held by the running indexer: one writer per database.
_WRITER_LOCK = 0x62657466756E + 1


class AnotherIndexerError(Exception):
    """Another indexer already writes to this database."""


class AlreadyIndexedError(Exception):
    """A snapshot was asked for a database that already follows the program."""


class Store:
    def __init__(self, pool: asyncpg.Pool, lock: asyncpg.Connection | None) -> None:
        self.pool = pool
        self._lock = lock

    @classmethod
    async def open(cls, dsn: str, *, writer: bool = True, max_size: int = 4) -> Store:
        """Connect and migrate. A writer also takes the database's writer lock, held until
        :meth:`close` (or until the process dies, when PostgreSQL drops its connection)."""
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=max_size)
        lock: asyncpg.Connection | None = None
        try:
            async with pool.acquire() as connection:
                await migrate(connection)
            if writer:
                lock = await asyncpg.connect(dsn)
                if not await lock.fetchval("SELECT pg_try_advisory_lock($1)", _WRITER_LOCK):
                    await lock.close()
                    raise AnotherIndexerError("another indexer is writing to this database")
        except BaseException:
            await pool.close()
            raise
        return cls(pool, lock)

    async def close(self) -> None:
        if self._lock is not None:
            await self._lock.close()
        await self.pool.close()

    async def cursor(self, program: str) -> Cursor | None:
        return await events.cursor(self.pool, program)

    async def seed(
        self, program: str, seed: Callable[[Connection], Awaitable[None]], cursor: Cursor
    ) -> None:
        """Write a program's first state (``seed``) and its cursor in one transaction; only
        into a database that does not index the program yet."""
        async with self.pool.acquire() as connection, connection.transaction():
            if await events.cursor(connection, program) is not None:
                raise AlreadyIndexedError(
                    f"the database already indexes {program}: a snapshot starts an empty one"
                )
            await seed(connection)
            await events.advance_cursor(connection, program, cursor)

    async def write(
        self,
        program: str,
        projection: Projection[E],
        decoded: Sequence[DecodedEvent[E]],
        cursor: Cursor,
    ) -> int:
        """Store a batch's events, apply the new ones to the projections, and move the
        program's cursor, in one transaction; the number of events that were new."""
        async with self.pool.acquire() as connection, connection.transaction():
            new = await events.insert(connection, decoded)
            await projection.apply(connection, [event for event in decoded if event.key in new])
            await events.advance_cursor(connection, program, cursor)
        return len(new)
