"""The API's pure parts: cursors, settings, error locations, address checks, and the live
feed's routing and overflow."""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from solders.pubkey import Pubkey

from betfun.api.config import ApiConfig, RateLimit
from betfun.api.errors import location
from betfun.api.live import QUEUE_LIMIT, LiveFeed, SubscriberTooSlowError
from betfun.api.ratelimit import ClientCounts
from betfun.api.service.activity import from_message
from betfun.api.service.cache import ArenaCache
from betfun.api.service.errors import InvalidInputError
from betfun.api.service.pagination import check_limit, decode_cursor, encode_cursor
from betfun.api.service.values import address
from betfun.client.config import ConfigError
from betfun.indexer.publish import PLATFORM_CHANNEL, arena_channel, wallet_channel


@given(st.text(max_size=40), st.integers(min_value=0, max_value=2**63))
def test_a_cursor_gives_back_its_key(text: str, number: int) -> None:
    cursor = encode_cursor("arenas:volume", [text, number])
    assert decode_cursor(cursor, "arenas:volume", (str, int)) == [text, number]


def test_a_cursor_of_another_listing_or_shape_is_refused() -> None:
    cursor = encode_cursor("arenas:volume", ["10", "3"])
    with pytest.raises(InvalidInputError, match="another listing") as refused:
        decode_cursor(cursor, "arenas:newest", (str,))
    assert refused.value.field == "cursor"
    with pytest.raises(InvalidInputError):
        decode_cursor(cursor, "arenas:volume", (str, int))
    with pytest.raises(InvalidInputError):
        decode_cursor(encode_cursor("activity", [True]), "activity", (int,))


@given(st.text(max_size=200))
def test_any_text_as_a_cursor_is_a_key_or_an_invalid_input(text: str) -> None:
    try:
        key = decode_cursor(text, "activity", (int,))
    except InvalidInputError as refused:
        field = refused.field
    else:
        field = "cursor" if isinstance(key[0], int) else None
    assert field == "cursor"


def test_page_sizes_are_bounded() -> None:
    assert check_limit(1) == 1
    assert check_limit(100) == 100
    for bad in (0, -1, 101, 10**9):
        with pytest.raises(InvalidInputError, match="between 1 and 100"):
            check_limit(bad)


def test_addresses_are_checked() -> None:
    key = str(Pubkey.new_unique())
    assert address(key, "wallet") == key
    for bad in ("", "0OIl", "x" * 45, "z" * 44, "'; DROP TABLE arenas; --"):
        with pytest.raises(InvalidInputError) as refused:
            address(bad, "wallet")
        assert refused.value.field == "wallet"


def test_settings_from_the_environment() -> None:
    config = ApiConfig.from_env(
        {
            "DATABASE_URL": "postgresql://db",
            "BETFUN_API_CORS_ORIGINS": "https://a.example, https://b.example",
            "BETFUN_API_RATE_LIMIT": "50/10",
        }
    )
    assert config.cors_origins == ("https://a.example", "https://b.example")
    assert config.rate_limit == RateLimit(50, 10)
    assert config.rpc_url == "http://127.0.0.1:8899"
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        ApiConfig.from_env({})
    for bad in ("50", "a/b", "0/10", "10/-1"):
        with pytest.raises(ConfigError, match="BETFUN_API_RATE_LIMIT"):
            RateLimit.parse(bad)


def test_error_locations_read_like_paths() -> None:
    assert location(("query", "limit")) == "query.limit"
    assert location(("body", "amounts", 2)) == "body.amounts[2]"
    assert location(("body",)) == "body"


def _message(name: str, data: dict[str, object]) -> bytes:
    return json.dumps(
        {
            "program": "arena",
            "name": name,
            "signature": "sig",
            "ix_index": 0,
            "event_index": 0,
            "slot": 7,
            "block_time": 1_700_000_000,
            "data": data,
        }
    ).encode()


async def test_the_live_feed_routes_by_the_publishers_channels() -> None:
    feed = LiveFeed(Redis(), from_message)  # never connected: messages are handed in directly
    arena, bettor = str(Pubkey.new_unique()), str(Pubkey.new_unique())
    with (
        feed.subscribe(arena_channel(arena)) as on_arena,
        feed.subscribe(wallet_channel(bettor)) as on_wallet,
        feed.subscribe(PLATFORM_CHANNEL) as on_platform,
        feed.subscribe(arena_channel(str(Pubkey.new_unique()))) as elsewhere,
    ):
        assert feed.subscriber_count == 4
        feed.dispatch(_message("BetPlaced", {"arena": arena, "bettor": bettor, "amount": 5}))
        feed.dispatch(b"not json")
        feed.dispatch(json.dumps({"data": "not an object"}).encode())
        for subscription in (on_arena, on_wallet, on_platform):
            item = await anext(aiter(subscription))
            assert (item.name, item.arena, item.data["amount"]) == ("BetPlaced", arena, 5)
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await anext(aiter(elsewhere))
    assert feed.subscriber_count == 0


async def test_a_subscriber_that_falls_behind_is_dropped_not_the_others() -> None:
    feed = LiveFeed(Redis(), from_message)
    with feed.subscribe(PLATFORM_CHANNEL) as slow, feed.subscribe(PLATFORM_CHANNEL) as fast:
        reader = aiter(fast)
        for index in range(QUEUE_LIMIT + 1):
            feed.dispatch(_message("BetPlaced", {"amount": index}))
            assert (await anext(reader)).data["amount"] == index
        with pytest.raises(SubscriberTooSlowError):
            await anext(aiter(slow))


def test_a_client_is_limited_per_window_before_any_sync() -> None:
    counts = ClientCounts(Redis(), RateLimit(3, 10))
    now = 1_000_005.0  # 5 s into a window
    assert [counts.admit("1.2.3.4", now) for _ in range(3)] == [None, None, None]
    assert counts.admit("1.2.3.4", now) == 5
    assert counts.admit("5.6.7.8", now) is None
    assert counts.admit("1.2.3.4", now + 5) is None  # the next window


def _unreachable_redis() -> Redis:
    # Every command fails at once: what the cache does when Redis is away.
    return Redis(unix_socket_path="/nonexistent/redis.sock", retry=Retry(NoBackoff(), 0))


async def test_the_memory_cache_serves_until_the_arenas_next_event() -> None:
    live = asyncio.Event()
    live.set()
    cache = ArenaCache(_unreachable_redis(), live)
    loads: list[int] = []

    async def load() -> bytes:
        loads.append(1)
        return f"state {len(loads)}".encode()

    assert await cache.get("A", load) == b"state 1"
    assert await cache.get("A", load) == b"state 1"
    cache.on_event({"arena": "B"})
    assert await cache.get("A", load) == b"state 1"
    cache.on_event({"arena": "A"})
    assert await cache.get("A", load) == b"state 2"
    assert cache.memory_hits == 2


async def test_a_read_that_spans_an_event_is_not_kept() -> None:
    live = asyncio.Event()
    live.set()
    cache = ArenaCache(_unreachable_redis(), live)
    versions = iter([b"before the event", b"after it"])

    async def slow_load() -> bytes:
        cache.on_event({"arena": "A"})  # the event lands while the database is read
        return next(versions)

    assert await cache.get("A", slow_load) == b"before the event"

    async def load() -> bytes:
        return next(versions)

    assert await cache.get("A", load) == b"after it"


async def test_without_the_live_feed_memory_is_bypassed_and_emptied() -> None:
    live = asyncio.Event()
    live.set()
    cache = ArenaCache(_unreachable_redis(), live)
    served = iter([b"one", b"two", b"three"])

    async def load() -> bytes:
        return next(served)

    assert await cache.get("A", load) == b"one"
    live.clear()
    cache.on_event(None)
    assert await cache.get("A", load) == b"two"
    live.set()
    assert await cache.get("A", load) == b"three"
