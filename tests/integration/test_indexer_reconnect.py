"""The localnet restarted under a running indexer: its WebSocket drops, it reconnects with
backoff to the validator back on the same ledger and port, and backfills what landed while
it was away."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from betfun.client.arena import PROGRAM_ID
from betfun.client.arena import events as ev

import conftest
from conftest import (
    USDC,
    IndexerFactory,
    LocalnetFactory,
    arena_world,
    newest_signature,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

STARTUP_BOUND_S = 30.0
# The indexer's reconnect delay is capped at 10 s (with jitter); the backfill is quick.
RECOVERY_BOUND_S = 20.0


async def test_a_restarted_localnet_is_followed_again_without_a_gap(
    tmp_path: Path,
    localnet_factory: LocalnetFactory,
    database_url: str,
    indexer_factory: IndexerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ledger = tmp_path / "ledger"
    first = localnet_factory(ledger, reset=True)
    indexer = indexer_factory(first.rpc_url, first.ws_url, database_url)
    pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)

    async def events_of(signature: str) -> int:
        try:
            query = "SELECT count(*) FROM events WHERE signature = $1"
            return int(await pool.fetchval(query, signature))
        except asyncpg.UndefinedTableError:  # the indexer has not migrated yet
            return 0

    async with arena_world(first.rpc_url) as world:
        creator = await world.wallet()
        created = await world.open_arena(creator, ["Up", "Down"], title="Restart")
        arena = created.event(ev.ArenaCreated)
        indexer.start()
        before = await creator.place_bet(arena.arena_id, 0, 3 * USDC)

        async def first_bet_stored() -> bool:
            return await events_of(str(before.signature)) == 1

        await wait_until(first_bet_stored, timeout=STARTUP_BOUND_S, what="the first bet indexed")
        assert first.stop() == 0, first.output()

        # Back on the same ledger and the same ports (the indexer's URLs do not change),
        # after a pause that lets the indexer's reconnect delay grow.
        await asyncio.sleep(2.0)
        monkeypatch.setattr(conftest, "free_port_pair", lambda host="127.0.0.1": first.rpc_port)
        second = localnet_factory(ledger)
        assert (second.rpc_url, second.ws_url) == (first.rpc_url, first.ws_url)
        # Sent at once: some land before the indexer is back, and only the backfill sees them.
        after = [await creator.place_bet(arena.arena_id, 1, n * USDC) for n in range(1, 6)]
        split = await creator.split(arena.arena_id, 2 * USDC)

        async def all_stored() -> bool:
            counts = [await events_of(str(tx.signature)) for tx in [*after, split]]
            return counts == [1] * len(counts)

        took = await wait_until(all_stored, timeout=RECOVERY_BOUND_S, what="the gap filled")
        print(f"the indexer had everything {took:.2f} s after the last transaction")

        newest = await newest_signature(second.rpc_url, PROGRAM_ID)
        cursor = await pool.fetchval("SELECT last_signature FROM cursors WHERE program = 'arena'")
        assert cursor == newest
        row = await pool.fetchrow(
            "SELECT total_pot, set_collateral, bet_count FROM arenas WHERE address = $1",
            str(arena.arena),
        )
        assert row is not None
        chain = await creator.arena(arena.arena_id)
        assert (row["total_pot"], row["set_collateral"], row["bet_count"]) == (
            chain.total_pot,
            chain.set_collateral,
            6,
        )
    indexer.check_alive()
    assert "reconnecting in" in indexer.output()
    await pool.close()
