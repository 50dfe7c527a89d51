"""The indexer's ingest rate under a burst: N place_bet transactions, signed beforehand,
sent by http-load (Rust, 32 connections, as fast as the localnet takes them); the rate is
the events stored divided by the time from the first send to the last row committed (the
count of the ``events`` table, read every 20 ms)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from chain import Rpc, World, now_ns, send_body
from loadgen import http_load

COUNT_EVERY_S = 0.02
DRAIN_TIMEOUT_S = 300.0


@dataclass
class IngestResult:
    transactions: int
    send_errors: int
    send_seconds: float
    send_rate: float
    events: int
    # First send to the last row committed.
    total_seconds: float
    events_per_second: float
    # First row to last row: the indexer's own pace once it is busy.
    drain_seconds: float
    drain_events_per_second: float
    first_send_error: str | None


async def measure(
    world: World, rpc_url: str, database_url: str, count: int, root: Path
) -> IngestResult:
    rpc = Rpc(rpc_url)
    try:
        blockhash = await rpc.blockhash()
    finally:
        await rpc.aclose()
    bodies = root / "burst.jsonl"
    with bodies.open("w") as out:
        for i in range(count):
            transaction, _ = world.bet(world.bettors[i % len(world.bettors)], blockhash)
            out.write(send_body(transaction, i + 1) + "\n")

    connection = await asyncpg.connect(database_url)
    try:
        before = int(await connection.fetchval("SELECT count(*) FROM events"))
        counts: list[tuple[int, int]] = []

        async def watch() -> None:
            while True:
                stored = int(await connection.fetchval("SELECT count(*) FROM events")) - before
                counts.append((now_ns(), stored))
                await asyncio.sleep(COUNT_EVERY_S)

        watcher = asyncio.create_task(watch())
        sent = await http_load(
            rpc_url,
            "/",
            bodies=bodies,
            connections=32,
            reject='"error"',
        )
        expected = sent["completed"]
        async with asyncio.timeout(DRAIN_TIMEOUT_S):
            while not counts or counts[-1][1] < expected:
                await asyncio.sleep(COUNT_EVERY_S)
        watcher.cancel()
    finally:
        await connection.close()

    started = sent["started_unix_ns"]
    first_row = next(t for t, n in counts if n > 0)
    last_row = next(t for t, n in counts if n >= expected)
    total = (last_row - started) / 1e9
    drain = (last_row - first_row) / 1e9
    return IngestResult(
        transactions=count,
        send_errors=sent["errors"],
        send_seconds=sent["seconds"],
        send_rate=sent["throughput"],
        events=expected,
        total_seconds=total,
        events_per_second=expected / total,
        drain_seconds=drain,
        drain_events_per_second=expected / drain if drain > 0 else float("nan"),
        first_send_error=sent.get("first_error"),
    )


def as_json(result: IngestResult) -> str:
    return json.dumps(result.__dict__)
