"""``betfun indexer --snapshot``: an empty database starts from the program's accounts, while
transactions keep landing, and from then on follows the chain; the projections match the
accounts exactly (reconcile), and only what happened after the snapshot is in the events
table."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import asyncpg
import pytest

from betfun.client.arena import PROGRAM_ID, ArenaClient
from betfun.client.arena import events as ev
from betfun.indexer.reconcile import reconcile
from betfun.indexer.source.rpc import JsonRpc

from conftest import (
    USDC,
    IndexerFactory,
    Localnet,
    arena_world,
    newest_signature,
    service_env,
    set_clock,
    wait_until,
)

pytestmark = pytest.mark.integration

CATCH_UP_BOUND_S = 30.0


async def keep_betting(wallet: ArenaClient, arena_id: int, placed: list[str]) -> None:
    while True:
        tx = await wallet.place_bet(arena_id, len(placed) % 2, USDC + len(placed))
        placed.append(str(tx.signature))


async def test_an_empty_database_starts_from_the_accounts(
    module_localnet: Localnet,
    database_url: str,
    redis_url: str,
    indexer_factory: IndexerFactory,
) -> None:
    async with arena_world(module_localnet.rpc_url) as world:
        creator = await world.wallet(0)
        alice, bob, carol = await world.wallet(), await world.wallet(), await world.wallet()
        settled = (await world.open_arena(creator, ["Yes", "No"], title="Settled before")).event(
            ev.ArenaCreated
        )
        live = (
            await world.open_arena(
                creator, ["Up", "Down", "Flat"], title="Still open", closes_in=3600
            )
        ).event(ev.ArenaCreated)
        await alice.place_bet(settled.arena_id, 0, 40 * USDC)
        await bob.place_bet(settled.arena_id, 1, 60 * USDC + 7)
        await carol.place_bet(settled.arena_id, 0, 10 * USDC)
        await alice.split(live.arena_id, 5 * USDC)
        await bob.place_bet(live.arena_id, 2, 3 * USDC)
        await set_clock(world.rpc_url, settled.close_ts)
        resolved = (await creator.resolve(settled.arena_id, 0)).event(ev.ArenaResolved)
        claimed = (await alice.claim(settled.arena_id)).event(ev.Claimed)
        before_snapshot = await newest_signature(world.rpc_url, PROGRAM_ID)

        indexer = indexer_factory(module_localnet.rpc_url, module_localnet.ws_url, database_url)
        indexer.command.append("--snapshot")
        placed: list[str] = []
        # Bets land while the snapshot is taken: it must bracket a quiet moment.
        better = asyncio.create_task(keep_betting(bob, live.arena_id, placed))

        async def snapshot_taken() -> bool:
            indexer.check_alive()
            return "started from its accounts" in indexer.output()

        try:
            await asyncio.sleep(0.3)
            indexer.start()
            await wait_until(snapshot_taken, timeout=CATCH_UP_BOUND_S, what="the snapshot")
            await asyncio.sleep(0.5)  # bets go on landing after it
        finally:
            better.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await better
        after_snapshot = await bob.place_bet(live.arena_id, 2, USDC)
        await carol.claim(settled.arena_id)
        await alice.merge(live.arena_id, 2 * USDC)

        pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)

        async def caught_up() -> bool:
            newest = await newest_signature(world.rpc_url, PROGRAM_ID)
            try:
                cursor = await pool.fetchval(
                    "SELECT last_signature FROM cursors WHERE program = 'arena'"
                )
            except asyncpg.UndefinedTableError:
                return False
            return bool(cursor == newest)

        try:
            await wait_until(caught_up, timeout=CATCH_UP_BOUND_S, what="the indexer caught up")
            indexer.check_alive()
            assert "started from its accounts" in indexer.output()
            rpc = JsonRpc(world.rpc_url)
            try:
                report = await reconcile(rpc, pool)
            finally:
                await rpc.aclose()
            assert report.differences == []
            assert report.arenas == 2
            # History before the snapshot is not replayed: not the claim before it...
            assert before_snapshot is not None
            assert (
                await pool.fetchval(
                    "SELECT count(*) FROM events WHERE signature = $1", before_snapshot
                )
                == 0
            )
            # ...but everything after it is: of the bets placed while it was taken, those
            # after the transaction it was taken after, and those that followed.
            stored_bets = await pool.fetchval(
                "SELECT count(*) FROM bets WHERE signature = ANY($1::text[])", placed
            )
            assert stored_bets <= len(placed)
            assert (
                await pool.fetchval(
                    "SELECT count(*) FROM bets WHERE signature = $1", str(after_snapshot.signature)
                )
                == 1
            )
            assert await pool.fetchval("SELECT count(*) FROM claims") == 1
            # What accounts alone tell: a claim made before the snapshot, exactly.
            alice_row = await pool.fetchrow(
                "SELECT claimed, claimed_amount FROM positions WHERE arena = $1 AND owner = $2",
                str(settled.arena),
                str(alice.address),
            )
            assert alice_row is not None
            assert (alice_row["claimed"], alice_row["claimed_amount"]) == (True, claimed.amount)
            settled_row = await pool.fetchrow(
                "SELECT status, bettor_count, protocol_fee, creator_fee FROM arenas "
                "WHERE address = $1",
                str(settled.arena),
            )
            assert settled_row is not None
            assert tuple(settled_row) == (
                "resolved",
                3,
                resolved.protocol_fee,
                resolved.creator_fee,
            )
        finally:
            await pool.close()
            indexer.stop()

        # A database that indexes the program already is not seeded again.
        refused = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "betfun.client",
            "indexer",
            "--snapshot",
            env=service_env(
                module_localnet.rpc_url, module_localnet.ws_url, database_url, redis_url
            ),
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(refused.communicate(), timeout=60)
        assert refused.returncode == 1
        assert "already indexes arena" in stderr.decode()
        assert "Traceback" not in stderr.decode()
