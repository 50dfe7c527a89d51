"""``betfun indexer``: every program followed into PostgreSQL and Redis, until stopped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from redis.asyncio import Redis

from betfun.indexer.config import IndexerConfig
from betfun.indexer.pipeline import ProgramPipeline
from betfun.indexer.programs import PROGRAMS, IndexedProgram
from betfun.indexer.publish import Publisher
from betfun.indexer.snapshot import start_from_snapshot
from betfun.indexer.source.follow import Follower
from betfun.indexer.source.rpc import JsonRpc
from betfun.indexer.store.database import Store

log = logging.getLogger(__name__)


async def run(
    config: IndexerConfig,
    programs: Sequence[IndexedProgram[Any]] = PROGRAMS,
    *,
    snapshot: bool = False,
) -> None:
    """Follow ``programs`` until cancelled; with ``snapshot``, an empty database starts
    from the programs' accounts rather than from their first transaction."""
    store = await Store.open(config.database_url)
    redis = Redis.from_url(config.redis_url)
    rpc = JsonRpc(config.rpc_url)
    try:
        if snapshot:
            for program in programs:
                await start_from_snapshot(rpc, store, program)
        publisher = Publisher(redis, store.pool)
        # Events stored before a restart and not published yet go out first.
        publisher.wake()
        followers = [
            Follower(
                program.program_id,
                rpc,
                config.ws_url,
                ProgramPipeline(program, store, publisher),
                name=program.name,
            )
            for program in programs
        ]
        log.info(
            "indexing %s from %s (PubSub %s)",
            ", ".join(p.name for p in programs),
            config.rpc_url,
            config.ws_url,
        )
        async with asyncio.TaskGroup() as group:
            group.create_task(publisher.run(), name="publish")
            for follower in followers:
                group.create_task(follower.run(), name=f"follow-{follower.name}")
    finally:
        await rpc.aclose()
        await redis.aclose()
        await store.close()
