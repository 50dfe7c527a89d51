"""/health: the database, Redis and the RPC node, each checked with a time limit."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from betfun.api.state import Backends

CHECK_TIMEOUT_S = 2.0


async def _timed(check: Callable[[], Awaitable[object]]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            await check()
    except TimeoutError:
        return {"ok": False, "error": f"no answer within {CHECK_TIMEOUT_S:.0f} s"}
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


async def health(backends: Backends) -> tuple[bool, dict[str, Any]]:
    """Whether everything is up, and the report per dependency."""

    async def rpc() -> None:
        if not await backends.rpc.is_connected():
            raise ConnectionError("getHealth did not answer ok")

    database, redis, node = await asyncio.gather(
        _timed(lambda: backends.pool.fetchval("SELECT 1")),
        _timed(backends.redis.ping),
        _timed(rpc),
    )
    checks = {"database": database, "redis": redis, "rpc": node}
    healthy = all(c["ok"] for c in checks.values())
    report = {
        "status": "ok" if healthy else "degraded",
        "checks": checks,
        "live_feed": backends.live.connected.is_set(),
    }
    return healthy, report
