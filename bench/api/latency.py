"""End-to-end latency: from a bet's confirmation to (a) its row in PostgreSQL, (b) its
message on a GraphQL subscription at a client, and (c) its detection by a polling indexer
(getProgramAccounts on the arena program once a second), all three in the same run, on
the same bets.

(a) is timed by a trigger this benchmark adds to the ``events`` table of its own database:
``pg_notify`` on insert, delivered when the indexer's transaction commits, i.e. when the
row becomes visible. (b) by one graphql-transport-ws client in this process. (c) by a
loop here that asks every second (on a fixed schedule) for the arena program's accounts
and notices when the arena's ``total_pot`` reaches the value the bet made it.

Bets go one at a time, at random intervals (so they do not lock in phase with the poll).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from betfun.client.arena import ArenaClient
from betfun.client.subscriptions import subscribe

from chain import Rpc, World, now_ns, total_pot
from stats import Summary, summarize

POLL_INTERVAL_S = 1.0
NOTIFY_CHANNEL = "bench_events"
ARENA_SUBSCRIPTION = """subscription ($a: String!) {
  arenaUpdates(address: $a) { event { name signature slot } }
}"""

INSTALL_TRIGGER = f"""
CREATE OR REPLACE FUNCTION bench_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{NOTIFY_CHANNEL}', NEW.signature);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS bench_notify ON events;
CREATE TRIGGER bench_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION bench_notify();
"""
REMOVE_TRIGGER = "DROP TRIGGER IF EXISTS bench_notify ON events"


@dataclass
class LatencyResult:
    samples: int
    database: Summary
    subscription: Summary
    polling: Summary
    raw: dict[str, list[float]] = field(default_factory=dict)


async def wait_for_events_table(database_url: str, timeout: float = 60) -> None:
    async with asyncio.timeout(timeout):
        while True:
            with contextlib.suppress(OSError, asyncpg.PostgresError):
                connection = await asyncpg.connect(database_url)
                try:
                    if await connection.fetchval("SELECT to_regclass('events') IS NOT NULL"):
                        return
                finally:
                    await connection.close()
            await asyncio.sleep(0.2)


async def measure(world: World, database_url: str, api_ws_url: str, samples: int) -> LatencyResult:
    database_rows: dict[str, int] = {}
    messages: dict[str, int] = {}
    polls: list[tuple[int, int]] = []  # (answer time, total_pot)

    def on_notify(_conn: Any, _pid: int, _channel: str, signature: object) -> None:
        database_rows.setdefault(str(signature), now_ns())

    await wait_for_events_table(database_url)
    listener = await asyncpg.connect(database_url)
    await listener.execute(INSTALL_TRIGGER)
    await listener.add_listener(NOTIFY_CHANNEL, on_notify)

    async def poll(client: ArenaClient) -> None:
        loop = asyncio.get_running_loop()
        tick = loop.time()
        while True:
            pot = await total_pot(client, world.address)
            polls.append((now_ns(), pot))
            tick += POLL_INTERVAL_S
            await asyncio.sleep(max(0.0, tick - loop.time()))

    rpc = Rpc(world.rpc_url)
    confirmed: list[tuple[str, int, int]] = []  # (signature, confirmation, pot after)
    try:
        async with (
            subscribe(api_ws_url, ARENA_SUBSCRIPTION, {"a": world.address}) as feed,
            ArenaClient.connect(world.rpc_url, world.admin.wallet) as poller_client,
        ):

            async def read() -> None:
                async for data in feed:
                    signature = data["arenaUpdates"]["event"]["signature"]
                    messages.setdefault(signature, now_ns())

            reader = asyncio.create_task(read())
            poller = asyncio.create_task(poll(poller_client))
            # No acknowledgement for a subscription: give the server time to register it.
            await asyncio.sleep(1.0)
            pot = await total_pot(world.admin, world.address)
            blockhash = await rpc.blockhash()
            for i in range(samples):
                transaction, amount = world.bet(world.bettors[i % len(world.bettors)], blockhash)
                at = await rpc.send(transaction)
                pot += amount
                confirmed.append((str(transaction.signatures[0]), at, pot))
                await asyncio.sleep(random.uniform(0.1, 0.4))
            # Long enough for the last poll to see the last bet.
            await asyncio.sleep(POLL_INTERVAL_S + 1.5)
            for task in (reader, poller):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
    finally:
        await rpc.aclose()
        await listener.execute(REMOVE_TRIGGER)
        await listener.close()

    db_ms, ws_ms, poll_ms = [], [], []
    db_lost = ws_lost = poll_lost = 0
    for signature, at, pot_after in confirmed:
        if signature in database_rows:
            db_ms.append((database_rows[signature] - at) / 1e6)
        else:
            db_lost += 1
        if signature in messages:
            ws_ms.append((messages[signature] - at) / 1e6)
        else:
            ws_lost += 1
        seen = next((t for t, p in polls if p >= pot_after), None)
        if seen is None:
            poll_lost += 1
        else:
            poll_ms.append((seen - at) / 1e6)
    return LatencyResult(
        samples=samples,
        database=summarize(db_ms, db_lost),
        subscription=summarize(ws_ms, ws_lost),
        polling=summarize(poll_ms, poll_lost),
        raw={"database_ms": db_ms, "subscription_ms": ws_ms, "polling_ms": poll_ms},
    )
