"""Hot reads: an arena's JSON, in two levels.

- Redis, shared by every API process: the entry under the arena's version, a counter the
  indexer increments before it publishes each of the arena's events (see
  betfun.indexer.publish), so a change makes every older entry unreachable at once.
- This process's memory, in front: entries tagged with a local version that the live feed
  increments for each of the arena's events it receives, before any subscriber of this
  process sees the event. A read that started before an event can only store what it read
  under the version it saw, which nobody reads any more. While the live feed is down, or
  once it was lost, memory is bypassed and emptied: events may have been missed. Entries
  also age out after MEMORY_TTL_S, a bound on staleness should messages go missing
  without the feed noticing.

Cached reads never fail because of the cache: when Redis fails, the database answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from betfun.indexer.publish import arena_cache_key, arena_version_key

# An unused Redis entry lasts this long (a version bump orphans it anyway).
ENTRY_TTL_S = 300
MEMORY_TTL_S = 10.0
MEMORY_ENTRIES = 10_000

# One round trip: the version, then the entry under it.
_LOOKUP = """
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version)}
"""


class ArenaCache:
    def __init__(self, redis: Redis, live: asyncio.Event) -> None:
        """``live`` is set while the live feed that calls :meth:`on_event` is connected."""
        self._redis = redis
        self._lookup = redis.register_script(_LOOKUP)
        self._live = live
        self._versions: defaultdict[str, int] = defaultdict(int)
        # Counts the times the feed was lost: a read that spans one stores nothing.
        self._epoch = 0
        # arena -> ((epoch, local version), expiry, JSON)
        self._memory: OrderedDict[str, tuple[tuple[int, int], float, bytes]] = OrderedDict()
        self.memory_hits = 0
        self.redis_hits = 0
        self.misses = 0

    def on_event(self, data: dict[str, Any] | None) -> None:
        """A live feed watcher: an event's data, or None when events may have been lost."""
        if data is None:
            self._epoch += 1
            self._memory.clear()
            return
        arena = data.get("arena")
        if isinstance(arena, str):
            self._versions[arena] += 1
            self._memory.pop(arena, None)

    async def get(self, arena: str, load: Callable[[], Awaitable[bytes]]) -> bytes:
        """The arena's JSON from memory, Redis, or ``load()``-ed and stored in both."""
        use_memory = self._live.is_set()
        version = (self._epoch, self._versions[arena])
        if use_memory:
            held = self._memory.get(arena)
            if held is not None and held[0] == version and held[1] > time.monotonic():
                self.memory_hits += 1
                return held[2]
        body = await self._shared(arena, load)
        if use_memory and (self._epoch, self._versions[arena]) == version:
            self._memory[arena] = (version, time.monotonic() + MEMORY_TTL_S, body)
            self._memory.move_to_end(arena)
            if len(self._memory) > MEMORY_ENTRIES:
                self._memory.popitem(last=False)
        return body

    async def _shared(self, arena: str, load: Callable[[], Awaitable[bytes]]) -> bytes:
        prefix = arena_cache_key(arena, 0)[:-1]
        try:
            version, entry = await self._lookup(keys=[arena_version_key(arena)], args=[prefix])
        except RedisError:
            return await load()
        if entry is not None:
            self.redis_hits += 1
            return bytes(entry)
        self.misses += 1
        fresh = await load()
        with contextlib.suppress(RedisError):
            await self._redis.set(prefix + version.decode(), fresh, ex=ENTRY_TTL_S)
        return fresh
