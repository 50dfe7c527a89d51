"""Exactly once under crashes: the indexer is killed (SIGKILL) at random moments while
transactions keep coming, and restarted, several times. Afterwards the database holds every
event the chain emitted, once, and its projections match the accounts on chain."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio

from betfun.client.arena import PROGRAM_ID, ArenaClient, ArenaTransaction, parse_events
from betfun.client.arena import events as ev
from betfun.client.errors import ProgramError
from betfun.indexer.reconcile import reconcile
from betfun.indexer.source.rpc import JsonRpc

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

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KILLS = 4
CATCH_UP_BOUND_S = 30.0


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(module_localnet: Localnet) -> AsyncIterator[ArenaWorld]:
    async with arena_world(module_localnet.rpc_url) as w:
        yield w


async def chain_events(rpc_url: str) -> dict[str, list[ev.ArenaEvent]]:
    """Per transaction that mentions the arena program: the events it emitted, read from
    the chain's history with the SDK's log parser."""
    rpc = JsonRpc(rpc_url)
    try:
        history = await rpc.signatures_after(str(PROGRAM_ID), None)
        succeeded = [h.signature for h in history if not h.failed]
        transactions = await rpc.transactions(succeeded)
    finally:
        await rpc.aclose()
    found = {tx.signature: parse_events(tx.logs) for tx in transactions}
    return {signature: events for signature, events in found.items() if events}


async def trade(
    wallet: ArenaClient, arena_id: int, rng: random.Random, sent: list[ArenaTransaction]
) -> None:
    """Bets, splits and merges, one after another, until cancelled."""
    held = 0
    while True:
        roll = rng.random()
        if roll < 0.6:
            sent.append(
                await wallet.place_bet(arena_id, rng.randrange(3), rng.randrange(1, 9) * USDC)
            )
        elif roll < 0.8 or held == 0:
            amount = rng.randrange(1, 5) * USDC
            sent.append(await wallet.split(arena_id, amount))
            held += amount
        else:
            sent.append(await wallet.merge(arena_id, held))
            held = 0


async def test_sigkill_at_random_moments_loses_and_duplicates_nothing(
    world: ArenaWorld,
    module_localnet: Localnet,
    database_url: str,
    indexer_factory: IndexerFactory,
) -> None:
    seed = random.randrange(2**32)
    print(f"random seed {seed}")
    rng = random.Random(seed)
    creator = await world.wallet(0)
    wallets = [await world.wallet() for _ in range(4)]
    created = await world.open_arena(creator, ["A", "B", "C"], title="Crash course")
    arena = created.event(ev.ArenaCreated)

    indexer = indexer_factory(module_localnet.rpc_url, module_localnet.ws_url, database_url)
    indexer.start()
    sent: list[ArenaTransaction] = [created]
    traders = [
        asyncio.create_task(trade(w, arena.arena_id, random.Random(rng.random()), sent))
        for w in wallets
    ]
    try:
        for _ in range(KILLS):
            await asyncio.sleep(rng.uniform(0.3, 2.0))
            indexer.kill()
            await asyncio.sleep(rng.uniform(0.0, 0.5))
            indexer.start()
        await asyncio.sleep(rng.uniform(0.3, 1.0))
    finally:
        for task in traders:
            task.cancel()
        for task in traders:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # Settle while the indexer is killed once more, mid-claims.
    await set_clock(world.rpc_url, arena.close_ts)
    sent.append(await creator.resolve(arena.arena_id, 0))
    for number, wallet in enumerate(wallets):
        if number == 2:
            indexer.kill()
            indexer.start()
        with contextlib.suppress(ProgramError):  # nothing to claim without a stake on A
            sent.append(await wallet.claim(arena.arena_id))
        if any(await wallet.outcome_balances(await wallet.arena(arena.arena_id))):
            sent.append(await wallet.redeem(arena.arena_id))

    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)

    async def caught_up() -> bool:
        newest = await newest_signature(world.rpc_url, PROGRAM_ID)
        cursor = await pool.fetchval("SELECT last_signature FROM cursors WHERE program = 'arena'")
        return bool(cursor == newest)

    await wait_until(caught_up, timeout=CATCH_UP_BOUND_S, what="the indexer caught up")
    indexer.check_alive()
    assert indexer.starts == KILLS + 2

    # Every event of every transaction: those the test sent (a trader cancelled at the end
    # may not have recorded its last one), and the chain's whole history.
    stored = {
        r["signature"]: r["count"]
        for r in await pool.fetch("SELECT signature, count(*) FROM events GROUP BY signature")
    }
    for tx in sent:
        assert stored.get(str(tx.signature)) == len(tx.events), tx
    chain = await chain_events(world.rpc_url)
    assert stored == {signature: len(events) for signature, events in chain.items()}
    emitted = [event for events in chain.values() for event in events]
    bets = [e for e in emitted if isinstance(e, ev.BetPlaced)]
    splits = [e for e in emitted if isinstance(e, ev.SetsSplit)]
    assert await pool.fetchval("SELECT count(*) FROM bets") == len(bets)
    assert await pool.fetchval("SELECT count(*) FROM set_operations") == len(splits) + len(
        [e for e in emitted if isinstance(e, ev.SetsMerged)]
    )
    row = await pool.fetchrow(
        "SELECT bet_count, volume FROM arenas WHERE address = $1", str(arena.arena)
    )
    assert row is not None
    volume = sum(e.amount for e in bets) + sum(e.amount for e in splits)
    assert (row["bet_count"], row["volume"]) == (len(bets), volume)
    assert await pool.fetchval("SELECT count(*) FROM events WHERE NOT published") == 0

    rpc = JsonRpc(world.rpc_url)
    try:
        report = await reconcile(rpc, pool)
    finally:
        await rpc.aclose()
        await pool.close()
    assert report.differences == []
    assert report.arenas == 1
    assert report.positions == len(wallets)
    print(f"{len(sent)} transactions, {sum(stored.values())} events, {indexer.starts} starts")
