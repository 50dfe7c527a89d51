"""The FastAPI application: REST under /v1, GraphQL at /graphql, /health, /metrics, and
OpenAPI at /docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response

from betfun.api import errors
from betfun.api.config import ApiConfig
from betfun.api.graphql.router import graphql_router
from betfun.api.graphql.types import live_activity
from betfun.api.health import health
from betfun.api.live import HEALTH_CHECK_S, LiveFeed
from betfun.api.metrics import Metrics, RequestMetrics
from betfun.api.ratelimit import ClientCounts, RateLimiter
from betfun.api.rest import arenas, platform, transactions, wallets
from betfun.api.service.cache import ArenaCache
from betfun.api.service.transactions import TransactionBuilder
from betfun.api.state import Backends
from betfun.client import __version__
from betfun.indexer.store.database import Store

DATABASE_POOL_SIZE = 10
REDIS_CONNECT_TIMEOUT_S = 1.0


def create_app(config: ApiConfig) -> FastAPI:
    metrics = Metrics()
    # One quick retry: a read falls back to the database rather than wait for Redis
    # (redis-py's default retries back off for seconds).
    redis = Redis.from_url(
        config.redis_url,
        health_check_interval=HEALTH_CHECK_S,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
        retry=Retry(NoBackoff(), 1),
    )
    counts = ClientCounts(redis, config.rate_limit)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Migrations too: the API may start before the indexer ever ran.
        store = await Store.open(config.database_url, writer=False, max_size=DATABASE_POOL_SIZE)
        rpc = AsyncClient(config.rpc_url, commitment=Confirmed, timeout=10)
        live = LiveFeed(redis, live_activity)
        cache = ArenaCache(redis, live.connected)
        live.watch(cache.on_event)
        live.start()
        counts.start()
        app.state.backends = Backends(
            pool=store.pool,
            redis=redis,
            rpc=rpc,
            cache=cache,
            live=live,
            transactions=TransactionBuilder(rpc),
            metrics=metrics,
        )
        try:
            yield
        finally:
            await counts.stop()
            await live.stop()
            await rpc.close()
            await redis.aclose()
            await store.close()

    app = FastAPI(
        title="BetFun Arena API",
        version=__version__,
        description="Prediction markets on Solana: arenas, positions, activity, and "
        "unsigned transactions for wallets. Amounts are base units of the arena's "
        "collateral, as decimal strings. Errors: "
        '`{"error": {"code", "message", "fields": [{"field", "problem"}]}}`.',
        lifespan=lifespan,
    )
    errors.install(app)
    for router in (arenas.router, wallets.router, platform.router, transactions.router):
        app.include_router(router)
    app.include_router(graphql_router(lambda: app.state.backends), tags=["graphql"])

    @app.get("/health", tags=["operations"])
    async def health_check() -> JSONResponse:
        """200 when the database, Redis and the RPC node all answer; 503 otherwise."""
        healthy, report = await health(app.state.backends)
        return JSONResponse(report, status_code=200 if healthy else 503)

    @app.get("/metrics", tags=["operations"], response_class=Response)
    async def prometheus() -> Response:
        """Prometheus text format."""
        backends: Backends = app.state.backends
        await metrics.read_indexer(backends.pool, backends.rpc)
        metrics.subscribers.set(backends.live.subscriber_count)
        metrics.cache_hits.set(backends.cache.memory_hits + backends.cache.redis_hits)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    # Outermost first when wrapped: CORS answers preflights before the limit counts them.
    app.add_middleware(RateLimiter, counts=counts, limit=config.rate_limit, metrics=metrics)
    app.add_middleware(RequestMetrics, metrics=metrics)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(config.cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    return app
