"""Redis: every stored event published on its channels, and cached reads invalidated.

Channels (the message is the same JSON on each):

- ``platform:activity``: every event;
- ``arena:<address>``: the events of one arena (``data.arena``);
- ``wallet:<address>``: the events that name the wallet as bettor, owner, creator, resolver
  or admin.

Message: ``{"program", "name", "signature", "ix_index", "event_index", "slot",
"block_time", "data"}``; ``block_time`` in unix seconds (or null), ``data`` the event's
fields (public keys in base58, amounts as integers in base units). The key (signature,
ix_index, event_index) identifies an event: receivers de-duplicate on it.

Guarantee: at least once, in the order events were stored. The ``events`` table is the
outbox: an event is published after the transaction that stored it commits, and marked
``published`` only once Redis took it. A crash (or Redis being away) between the two leaves
it unmarked, and the next flush (at start, then after every batch) publishes it again. So
a message can come twice, never zero times, as long as a subscriber is connected (Redis
pub/sub keeps nothing for absent subscribers: a client that reconnects reads the database
through the API for what it missed).

Cache: readers (the API) cache an arena's summary under :func:`arena_cache_key` of the
arena's version, a counter at :func:`arena_version_key`. Every event of the arena increments
the version in the same Redis round trip that publishes it, before the message goes out, so
a subscriber that re-reads after a message never gets the stale summary from the cache; and
a reader that loaded the database before a change can only store what it read under the
version it saw before, which nobody reads any more.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

PLATFORM_CHANNEL = "platform:activity"
# Event fields that name a wallet whose feed the event belongs to.
WALLET_FIELDS = ("bettor", "owner", "creator", "resolver", "admin")
FLUSH_BATCH = 500

# One command per flushed batch (a command per event made redis-py's packing and parsing
# the publisher's largest cost). ARGV holds, per event: the arena's cache version key
# (empty for none), the message, the number of channels, then the channels.
_FAN_OUT = """
local i = 1
while i <= #ARGV do
    if ARGV[i] ~= '' then redis.call('INCR', ARGV[i]) end
    local channels = tonumber(ARGV[i + 2])
    for c = 1, channels do redis.call('PUBLISH', ARGV[i + 2 + c], ARGV[i + 1]) end
    i = i + 3 + channels
end
"""
# After a Redis failure, the next attempt.
RETRY_S = 1.0


def arena_channel(arena: str) -> str:
    return f"arena:{arena}"


def wallet_channel(wallet: str) -> str:
    return f"wallet:{wallet}"


def arena_version_key(arena: str) -> str:
    return f"cache:arena:{arena}:version"


def arena_cache_key(arena: str, version: int) -> str:
    return f"cache:arena:{arena}:{version}"


def channels(data: Mapping[str, Any]) -> list[str]:
    """The channels an event with fields ``data`` is published on."""
    found = [PLATFORM_CHANNEL]
    if isinstance(data.get("arena"), str):
        found.append(arena_channel(data["arena"]))
    for field in WALLET_FIELDS:
        wallet = data.get(field)
        if isinstance(wallet, str) and wallet_channel(wallet) not in found:
            found.append(wallet_channel(wallet))
    return found


def message(row: Mapping[str, Any] | asyncpg.Record) -> str:
    """The JSON message of an ``events`` row read with ``data::text``: the stored JSON is
    spliced in as it is, not decoded and encoded again."""
    block_time: datetime | None = row["block_time"]
    envelope = json.dumps(
        {
            "program": row["program"],
            "name": row["name"],
            "signature": row["signature"],
            "ix_index": row["ix_index"],
            "event_index": row["event_index"],
            "slot": row["slot"],
            "block_time": None if block_time is None else int(block_time.timestamp()),
        },
        separators=(",", ":"),
    )
    return f'{envelope[:-1]},"data":{row["data"]}}}'


class Publisher:
    """Publishes in its own task (:meth:`run`), woken after each write, so that writing the
    next batch does not wait for Redis."""

    def __init__(self, redis: Redis, pool: asyncpg.Pool) -> None:
        self._redis = redis
        self._pool = pool
        self._lock = asyncio.Lock()
        self._wanted = asyncio.Event()
        self._fan_out = redis.register_script(_FAN_OUT)
        self.published = 0

    def wake(self) -> None:
        """Events were stored: publish them soon."""
        self._wanted.set()

    async def run(self) -> None:
        """Flush whenever woken, until cancelled; after a Redis failure, again shortly."""
        while True:
            await self._wanted.wait()
            self._wanted.clear()
            if not await self.flush():
                await asyncio.sleep(RETRY_S)
                self._wanted.set()

    async def flush(self) -> bool:
        """Publish every stored event not yet published, oldest first; False when Redis
        failed (what is left waits for the next flush)."""
        async with self._lock:
            count = 0
            try:
                while batch := await self._unpublished():
                    await self._publish(batch)
                    async with self._pool.acquire() as connection:
                        await connection.execute(
                            "UPDATE events SET published = true WHERE seq = ANY($1::bigint[])",
                            [row["seq"] for row in batch],
                        )
                    count += len(batch)
            except RedisError as exc:
                log.warning("Redis: %s; unpublished events wait", exc)
                return False
            finally:
                self.published += count
            return True

    async def _unpublished(self) -> list[asyncpg.Record]:
        async with self._pool.acquire() as connection:
            return await connection.fetch(
                """SELECT seq, signature, ix_index, event_index, slot, block_time, program,
                          name, data::text AS data
                   FROM events WHERE NOT published ORDER BY seq LIMIT $1""",
                FLUSH_BATCH,
            )

    async def _publish(self, rows: list[asyncpg.Record]) -> None:
        args: list[str | int] = []
        for row in rows:
            data: dict[str, Any] = json.loads(row["data"])
            arena = data.get("arena")
            targets = channels(data)
            args += [arena_version_key(arena) if isinstance(arena, str) else "", message(row)]
            args += [len(targets), *targets]
        await self._fan_out(keys=[], args=args)
