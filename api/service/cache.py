"""Hot reads in Redis: an arena's JSON, under the arena's version (see
betfun.indexer.publish), so a change makes every older entry unreachable at once."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from betfun.indexer.publish import arena_cache_key, arena_version_key

# An unused entry lasts this long (a version bump orphans it anyway).
ENTRY_TTL_S = 300

# One round trip: the version, then the entry under it.
_LOOKUP = """
local version = redis.call('GET', KEYS[1]) or '0'
return {version, redis.call('GET', ARGV[1] .. version)}
"""


class ArenaCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._lookup = redis.register_script(_LOOKUP)
        self.hits = 0
        self.misses = 0

    async def get(self, arena: str, load: Callable[[], Awaitable[bytes]]) -> bytes:
        """The arena's JSON from the cache, or ``load()``-ed and stored. When Redis fails
        the database answers alone: the cache is never a reason to fail a read."""
        prefix = arena_cache_key(arena, 0)[:-1]
        try:
            version, entry = await self._lookup(keys=[arena_version_key(arena)], args=[prefix])
        except RedisError:
            return await load()
        if entry is not None:
            self.hits += 1
            return bytes(entry)
        self.misses += 1
        fresh = await load()
        with contextlib.suppress(RedisError):
            await self._redis.set(prefix + version.decode(), fresh, ex=ENTRY_TTL_S)
        return fresh
