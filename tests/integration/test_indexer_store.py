"""The store on a real PostgreSQL: a batch written twice (a re-delivery) changes nothing
the second time, and the cursor's slot never goes backwards."""

from __future__ import annotations

import pytest
from solders.pubkey import Pubkey

from betfun.client.arena import events as ev
from betfun.indexer.decode.event import DecodedEvent, EventKey
from betfun.indexer.source.follow import Cursor
from betfun.indexer.store.arena import ArenaProjection
from betfun.indexer.store.database import AnotherIndexerError, Store

pytestmark = pytest.mark.integration

ARENA, CREATOR, BETTOR = Pubkey.new_unique(), Pubkey.new_unique(), Pubkey.new_unique()


def at(signature: str, slot: int, event: ev.ArenaEvent) -> DecodedEvent[ev.ArenaEvent]:
    return DecodedEvent(
        EventKey(signature, 0, 0), slot, 1_700_000_000, "arena", type(event).__name__, event
    )


BATCH = [
    at(
        "s1",
        10,
        ev.ArenaCreated(
            arena=ARENA,
            arena_id=3,
            creator=CREATOR,
            resolver=CREATOR,
            collateral_mint=Pubkey.new_unique(),
            vault=Pubkey.new_unique(),
            title="Twice told",
            category="test",
            outcomes=("Yes", "No"),
            outcome_mints=(Pubkey.new_unique(), Pubkey.new_unique()),
            close_ts=1_800_000_000,
            creator_fee_bps=0,
            protocol_fee_bps=200,
            created_ts=1_700_000_000,
        ),
    ),
    at("s2", 11, ev.BetPlaced(ARENA, BETTOR, 1, 2**63 + 5, 2**63 + 5, 2**63 + 5, 2**63 + 5, 1)),
]


async def test_a_batch_delivered_twice_is_applied_once(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        projection = ArenaProjection()
        assert await store.write("arena", projection, BATCH, Cursor("s2", 11)) == 2
        assert await store.write("arena", projection, BATCH, Cursor("s2", 11)) == 0
        pool = store.pool
        assert await pool.fetchval("SELECT count(*) FROM events") == 2
        assert await pool.fetchval("SELECT count(*) FROM bets") == 1
        row = await pool.fetchrow("SELECT total_pot, bet_count, bettor_count FROM arenas")
        assert row is not None
        assert (row["total_pot"], row["bet_count"], row["bettor_count"]) == (2**63 + 5, 1, 1)
        stats = await pool.fetchrow(
            "SELECT staked, bet_count FROM wallet_stats WHERE wallet = $1", str(BETTOR)
        )
        assert stats is not None
        assert (stats["staked"], stats["bet_count"]) == (2**63 + 5, 1)

        # An older batch (a lagging replica) never takes the cursor back.
        await store.write("arena", projection, [], Cursor("s1", 10))
        assert await store.cursor("arena") == Cursor("s2", 11)
        await store.write("arena", projection, [], Cursor("s3", 12))
        assert await store.cursor("arena") == Cursor("s3", 12)

        # One writer per database.
        with pytest.raises(AnotherIndexerError):
            await Store.open(database_url)
        reader = await Store.open(database_url, writer=False)
        await reader.close()
    finally:
        await store.close()
