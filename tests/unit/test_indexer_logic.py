"""Pure parts of the indexer: Redis routing and messages, reconnect delays, migrations."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from betfun.indexer.publish import arena_cache_key, arena_version_key, channels, message
from betfun.indexer.source.backoff import Backoff
from betfun.indexer.store.migrations import migrations


def test_an_event_goes_to_the_platform_its_arena_and_every_wallet_it_names() -> None:
    assert channels({"arena": "AR", "bettor": "W1", "outcome": 0}) == [
        "platform:activity",
        "arena:AR",
        "wallet:W1",
    ]
    assert channels({"arena": "AR", "creator": "C", "resolver": "C"}) == [
        "platform:activity",
        "arena:AR",
        "wallet:C",
    ]
    assert channels({"admin": "A", "treasury": "T"}) == ["platform:activity", "wallet:A"]
    assert arena_cache_key("AR", 7) == "cache:arena:AR:7"
    assert arena_version_key("AR") == "cache:arena:AR:version"


def test_the_message_carries_the_key_place_and_data() -> None:
    row = {
        "program": "arena",
        "name": "Claimed",
        "signature": "sig",
        "ix_index": 1,
        "event_index": 2,
        "slot": 99,
        "block_time": datetime(2026, 1, 2, tzinfo=UTC),
        "data": {"arena": "AR", "owner": "W", "amount": 2**63, "refund": False},
    }
    # As read from the events table: data::text, PostgreSQL's rendering of the jsonb.
    stored = {
        **row,
        "data": '{"arena": "AR", "owner": "W", "amount": 9223372036854775808, "refund": false}',
    }
    assert json.loads(message(stored)) == {**row, "block_time": 1_767_312_000}
    assert json.loads(message({**stored, "block_time": None}))["block_time"] is None


def test_backoff_grows_to_its_cap_with_jitter_and_resets() -> None:
    backoff = Backoff(initial_s=0.1, cap_s=2.0, _random=random.Random(7))
    ceilings = [0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 2.0]
    delays = [backoff.next_delay() for _ in ceilings]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len(set(delays)) == len(delays)
    for _ in range(2000):  # no overflow however long the node is away
        assert backoff.next_delay() <= 2.0
    backoff.reset()
    assert backoff.next_delay() <= 0.1


def test_migrations_are_numbered_from_one() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert found[0].name == "arena"
    assert "CREATE TABLE events" in found[0].sql
