"""What every request handler reaches: the connections, opened once per process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import asyncpg
from redis.asyncio import Redis
from solana.rpc.async_api import AsyncClient

from betfun.api.live import LiveFeed
from betfun.api.metrics import Metrics
from betfun.api.service.cache import ArenaCache
from betfun.api.service.transactions import TransactionBuilder

if TYPE_CHECKING:  # the GraphQL types import this module
    from betfun.api.graphql.types import Activity


@dataclass(frozen=True, slots=True)
class Backends:
    pool: asyncpg.Pool
    redis: Redis
    rpc: AsyncClient
    cache: ArenaCache
    live: LiveFeed[Activity]
    transactions: TransactionBuilder
    metrics: Metrics
