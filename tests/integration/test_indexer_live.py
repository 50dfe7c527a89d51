"""The indexer against a real localnet, PostgreSQL and Redis: SDK actions show in the
database and on the Redis channels within a bound, and ``betfun reconcile`` agrees with the
chain (or lists the differences when the database is tampered with)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from redis.asyncio import Redis

from betfun.client.arena import PROGRAM_ID, ArenaTransaction
from betfun.client.arena import events as ev
from betfun.indexer.publish import PLATFORM_CHANNEL

from conftest import (
    USDC,
    ArenaWorld,
    IndexerFactory,
    Localnet,
    arena_world,
    newest_signature,
    set_clock,
    wait_until,
)

pytestmark = pytest.mark.integration

# From a transaction's confirmation (the SDK returns then) to its events in PostgreSQL and
# its messages on Redis.
DELIVERY_BOUND_S = 2.0
# A new indexer process: Python start, migrations, backfill of the module's history.
STARTUP_BOUND_S = 30.0


@dataclass
class Feed:
    """Every message on the indexer's channels, with its arrival time."""

    messages: list[tuple[float, str, dict[str, Any]]] = field(default_factory=list)

    def on(self, channel: str, signature: str | None = None) -> list[dict[str, Any]]:
        return [
            m
            for _, c, m in self.messages
            if c == channel and (signature is None or m["signature"] == signature)
        ]

    def arrival(self, signature: str, count: int) -> float | None:
        """When the ``count``-th message of ``signature`` on the platform channel came."""
        times = [
            t for t, c, m in self.messages if c == PLATFORM_CHANNEL and m["signature"] == signature
        ]
        return times[count - 1] if len(times) >= count else None


@contextlib.asynccontextmanager
async def listen(redis_url: str) -> AsyncIterator[Feed]:
    feed = Feed()
    redis = Redis.from_url(redis_url)
    pubsub = redis.pubsub()
    await pubsub.subscribe(PLATFORM_CHANNEL)
    await pubsub.psubscribe("arena:*", "wallet:*")

    async def read() -> None:
        async for message in pubsub.listen():
            if message["type"] in ("message", "pmessage"):
                channel = message["channel"].decode()
                feed.messages.append((time.monotonic(), channel, json.loads(message["data"])))

    reader = asyncio.create_task(read())
    try:
        yield feed
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reader
        await pubsub.aclose()  # type: ignore[no-untyped-call]
        await redis.aclose()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(module_localnet: Localnet) -> AsyncIterator[ArenaWorld]:
    async with arena_world(module_localnet.rpc_url) as w:
        yield w


async def caught_up(pool: asyncpg.Pool, rpc_url: str) -> bool:
    newest = await newest_signature(rpc_url, PROGRAM_ID)
    try:
        cursor = await pool.fetchval("SELECT last_signature FROM cursors WHERE program = 'arena'")
    except asyncpg.UndefinedTableError:  # not migrated yet
        return False
    return bool(cursor == newest)


async def test_sdk_actions_reach_postgres_and_redis(
    world: ArenaWorld,
    module_localnet: Localnet,
    database_url: str,
    redis_url: str,
    indexer_factory: IndexerFactory,
) -> None:
    indexer = indexer_factory(module_localnet.rpc_url, module_localnet.ws_url, database_url)
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    latencies: list[tuple[str, float, float]] = []
    async with listen(redis_url) as feed:
        indexer.start()
        # The config's initialization happened before: the indexer finds it by backfill.
        await wait_until(
            lambda: caught_up(pool, module_localnet.rpc_url),
            timeout=STARTUP_BOUND_S,
            what="the indexer backfilled the chain",
        )
        assert await pool.fetchval("SELECT count(*) FROM platform_config") == 1

        async def observed(action: str, tx: ArenaTransaction) -> ArenaTransaction:
            """Wait for the transaction's events in PostgreSQL and on Redis."""
            confirmed = time.monotonic()
            signature, count = str(tx.signature), len(tx.events)
            assert count >= 1

            async def stored() -> bool:
                found = await pool.fetchval(
                    "SELECT count(*) FROM events WHERE signature = $1", signature
                )
                return bool(found == count)

            to_db = await wait_until(stored, timeout=DELIVERY_BOUND_S, what=f"{action} in DB")

            async def published() -> bool:
                return feed.arrival(signature, count) is not None

            await wait_until(published, timeout=DELIVERY_BOUND_S, what=f"{action} on Redis")
            arrival = feed.arrival(signature, count)
            assert arrival is not None
            latencies.append((action, to_db, arrival - confirmed))
            return tx

        creator = await world.wallet(0)
        alice, bob = await world.wallet(), await world.wallet()
        created = await observed(
            "create",
            await world.open_arena(creator, ["Red", "Blue", "Green"], title="Who wins the derby?"),
        )
        arena = created.event(ev.ArenaCreated)
        await observed("bet", await alice.place_bet(arena.arena_id, 0, 100 * USDC + 1))
        await observed("bet", await bob.place_bet(arena.arena_id, 1, 50 * USDC))
        await observed("bet", await alice.place_bet(arena.arena_id, 1, 10 * USDC))
        await observed("bet", await bob.place_bet(arena.arena_id, 0, 30 * USDC + 3))
        await observed("split", await alice.split(arena.arena_id, 40 * USDC))
        await observed("merge", await alice.merge(arena.arena_id, 15 * USDC))
        await set_clock(world.rpc_url, arena.close_ts)
        resolved = (await observed("resolve", await creator.resolve(arena.arena_id, 0))).event(
            ev.ArenaResolved
        )
        claims = {}
        for wallet in (alice, bob):
            tx = await observed("claim", await wallet.claim(arena.arena_id))
            claims[str(wallet.address)] = tx.event(ev.Claimed).amount
        await observed("redeem", await alice.redeem(arena.arena_id))
    indexer.check_alive()
    print("latency from confirmation (s): action, PostgreSQL, Redis")
    for action, to_db, to_redis in latencies:
        print(f"  {action:8} {to_db:.3f} {to_redis:.3f}")

    address = str(arena.arena)
    row = await pool.fetchrow("SELECT * FROM arenas WHERE address = $1", address)
    assert row is not None
    assert (row["status"], row["winning_outcome"], row["title"]) == (
        "resolved",
        0,
        "Who wins the derby?",
    )
    assert (row["bet_count"], row["bettor_count"]) == (4, 2)
    assert row["total_pot"] == 190 * USDC + 4
    assert row["volume"] == 190 * USDC + 4 + 40 * USDC
    assert row["payout_pool"] == resolved.payout_pool
    assert row["pot_unclaimed"] == resolved.payout_pool - sum(claims.values())
    assert row["set_collateral"] == 0
    pots = await pool.fetch(
        "SELECT label, pot FROM outcomes WHERE arena = $1 ORDER BY outcome", address
    )
    assert [(r["label"], r["pot"]) for r in pots] == [
        ("Red", 130 * USDC + 4),
        ("Blue", 60 * USDC),
        ("Green", 0),
    ]
    found = await pool.fetch(
        "SELECT address FROM arenas WHERE search @@ websearch_to_tsquery('english', $1)",
        "derby blue",
    )
    assert [r["address"] for r in found] == [address]

    # Alice: 110 + 1 staked, 100 + 1 on the winner; Bob: 80 + 3 staked, 30 + 3 on the winner.
    red = 130 * USDC + 4
    for wallet, staked, on_red in (
        (alice, 110 * USDC + 1, 100 * USDC + 1),
        (bob, 80 * USDC + 3, 30 * USDC + 3),
    ):
        owner = str(wallet.address)
        payout = on_red * resolved.payout_pool // red
        assert claims[owner] == payout
        stats = await pool.fetchrow("SELECT * FROM wallet_stats WHERE wallet = $1", owner)
        assert stats is not None
        assert (stats["bet_count"], stats["staked"], stats["wins"], stats["losses"]) == (
            2,
            staked,
            1,
            0,
        )
        assert stats["realized_pnl"] == payout - staked
        assert stats["claimed"] == payout
        position = await pool.fetchrow(
            "SELECT * FROM positions WHERE arena = $1 AND owner = $2", address, owner
        )
        assert position is not None
        assert position["claimed"] is True
    alice_position = await pool.fetchrow(
        "SELECT * FROM positions WHERE arena = $1 AND owner = $2", address, str(alice.address)
    )
    assert alice_position is not None
    assert (alice_position["sets_split"], alice_position["sets_merged"]) == (40 * USDC, 15 * USDC)
    assert alice_position["redeemed"] == 25 * USDC
    assert await pool.fetchval("SELECT count(*) FROM set_operations WHERE arena = $1", address) == 2
    assert await pool.fetchval("SELECT count(*) FROM claims WHERE arena = $1", address) == 2
    assert await pool.fetchval("SELECT count(*) FROM redemptions WHERE arena = $1", address) == 1

    # Channels: the arena's has its 10 events; Alice's wallet hers (2 bets, split, merge,
    # claim, redeem); every message was published once.
    arena_messages = feed.on(f"arena:{address}")
    assert [m["name"] for m in arena_messages] == [
        "ArenaCreated",
        *["BetPlaced"] * 4,
        "SetsSplit",
        "SetsMerged",
        "ArenaResolved",
        "Claimed",
        "Claimed",
        "Redeemed",
    ]
    assert arena_messages[0]["data"]["outcomes"] == ["Red", "Blue", "Green"]
    alice_messages = feed.on(f"wallet:{alice.address}")
    assert [m["name"] for m in alice_messages] == [
        "BetPlaced",
        "BetPlaced",
        "SetsSplit",
        "SetsMerged",
        "Claimed",
        "Redeemed",
    ]
    keys = [(m["signature"], m["ix_index"], m["event_index"]) for m in feed.on(PLATFORM_CHANNEL)]
    assert len(keys) == len(set(keys))
    assert await pool.fetchval("SELECT count(*) FROM events WHERE NOT published") == 0
    await pool.close()


def betfun_reconcile(rpc_url: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {"BETFUN_RPC_URL": rpc_url, "DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "betfun.client", "reconcile"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_reconcile_agrees_then_lists_differences(
    world: ArenaWorld,
    module_localnet: Localnet,
    database_url: str,
    indexer_factory: IndexerFactory,
) -> None:
    bettor = await world.wallet()
    created = await world.open_arena(bettor, ["Yes", "No"], title="Rain tomorrow?")
    arena = created.event(ev.ArenaCreated)
    await bettor.place_bet(arena.arena_id, 1, 7 * USDC)

    indexer = indexer_factory(module_localnet.rpc_url, module_localnet.ws_url, database_url)
    indexer.start()
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
    await wait_until(
        lambda: caught_up(pool, module_localnet.rpc_url),
        timeout=STARTUP_BOUND_S,
        what="the indexer backfilled the chain",
    )
    indexer.stop()

    agreed = betfun_reconcile(module_localnet.rpc_url, database_url)
    assert agreed.returncode == 0, agreed.stdout + agreed.stderr
    assert "the database matches the chain" in agreed.stdout

    address = str(arena.arena)
    await pool.execute("UPDATE arenas SET total_pot = total_pot + 1 WHERE address = $1", address)
    await pool.execute("UPDATE positions SET claimed = true WHERE owner = $1", str(bettor.address))
    await pool.close()
    differed = betfun_reconcile(module_localnet.rpc_url, database_url)
    assert differed.returncode == 1, differed.stdout + differed.stderr
    lines = differed.stdout.splitlines()
    total_pot = f"total_pot is {7 * USDC} on chain, {7 * USDC + 1} in DB"
    assert f"arena {arena.arena_id} ({address}): {total_pot}" in lines
    assert (
        f"position of {bettor.address} in arena {address}: claimed is False on chain, True in DB"
        in lines
    )
    assert len(lines) == 2, lines
