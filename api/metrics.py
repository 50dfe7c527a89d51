"""Prometheus metrics: request latency per route, and the indexer's progress as the
database shows it (read when /metrics is scraped)."""

from __future__ import annotations

import logging
import time

import asyncpg
import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from solana.exceptions import SolanaRpcException
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solders.pubkey import Pubkey
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from betfun.indexer.programs import PROGRAMS

log = logging.getLogger(__name__)


class Metrics:
    """The process's metrics, in their own registry (several apps in one test process
    must not collide in the global one)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.request_seconds = Histogram(
            "betfun_api_request_duration_seconds",
            "HTTP request latency, by route template",
            ["method", "route", "status"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "betfun_api_rate_limited_requests",
            "requests answered 429",
            registry=self.registry,
        )
        self.events_ingested = Gauge(
            "betfun_indexer_events_ingested",
            "events stored by the indexer, per program",
            ["program"],
            registry=self.registry,
        )
        self.indexer_lag_slots = Gauge(
            "betfun_indexer_lag_slots",
            "slots between the program's newest transaction on chain and the indexer's cursor",
            ["program"],
            registry=self.registry,
        )
        self.subscribers = Gauge(
            "betfun_api_subscribers", "live GraphQL subscriptions", registry=self.registry
        )
        self.cache_hits = Gauge(
            "betfun_api_cache_hits", "cached reads served from Redis", registry=self.registry
        )

    async def read_indexer(self, pool: asyncpg.Pool, rpc: AsyncClient) -> None:
        """Update the indexer's gauges; when the database fails they keep their last values
        (the request metrics are served all the same, and /health says what is down)."""
        try:
            rows = await pool.fetch(
                "SELECT program, count(*) AS events FROM events GROUP BY program"
            )
            cursors = {
                row["program"]: row["last_slot"]
                for row in await pool.fetch("SELECT program, last_slot FROM cursors")
            }
        except (asyncpg.PostgresError, OSError) as exc:
            log.warning("metrics: cannot read the indexer's progress: %s", exc)
            return
        for row in rows:
            self.events_ingested.labels(row["program"]).set(row["events"])
        for program in PROGRAMS:
            try:
                newest = await rpc.get_signatures_for_address(
                    Pubkey.from_string(program.program_id), limit=1, commitment=Confirmed
                )
            except (SolanaRpcException, RPCException, httpx.HTTPError):
                continue
            head = newest.value[0].slot if newest.value else 0
            behind = max(0, head - cursors.get(program.name, 0)) if head else 0
            self.indexer_lag_slots.labels(program.name).set(behind)


class RequestMetrics:
    """ASGI middleware timing every HTTP request under its route's template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self._app = app
        self._histogram = metrics.request_seconds
        # labels() resolves its child on every call; a request keeps to a few hundred.
        self._children: dict[tuple[str, str, int], Histogram] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            key = (scope["method"], template, status)
            child = self._children.get(key)
            if child is None:
                child = self._histogram.labels(key[0], template, str(status))
                self._children[key] = child
            child.observe(time.perf_counter() - started)
