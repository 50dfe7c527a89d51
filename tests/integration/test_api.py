"""The API end to end on a real localnet, PostgreSQL, Redis and indexer: SDK actions show
in REST, in GraphQL and on GraphQL subscriptions within a bound; unsigned transactions
from the API sign, send and land; every kind of bad input gets a 4xx naming the problem;
the rate limit answers 429."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from solders.pubkey import Pubkey
from solders.transaction import Transaction

from betfun.api.graphql.schema import MAX_ALIASES
from betfun.client.arena import ArenaClient, ArenaStatus
from betfun.client.arena import events as ev
from betfun.client.subscriptions import subscribe
from betfun.client.transactions import send_signed

from conftest import (
    USDC,
    ApiProcess,
    ArenaWorld,
    Localnet,
    Postgres,
    ServiceProcess,
    arena_world,
    new_database,
    service_env,
    set_clock,
    start_api,
    wait_until,
)

pytestmark = pytest.mark.integration

# From the SDK's confirmation to the change in REST / GraphQL, and to a subscription's
# message at the client.
VISIBLE_BOUND_S = 1.0
# A subscription is registered when the server has processed the client's subscribe
# message; the protocol does not acknowledge it.
SUBSCRIBE_SETTLE_S = 0.3

ARENA_QUERY = """query ($a: String!) {
  arena(address: $a) { title status totalPot betCount outcomes { index label pot probability } }
}"""


@dataclass
class Stack:
    world: ArenaWorld
    api: ApiProcess
    indexer: ServiceProcess
    database_url: str
    redis_url: str
    rpc_url: str

    @property
    def ws_url(self) -> str:
        return self.api.url.replace("http://", "ws://") + "/graphql"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(
    module_localnet: Localnet,
    postgres: Postgres,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Stack]:
    logs: Path = tmp_path_factory.mktemp("api-stack")
    database_url = await new_database(postgres)
    rpc_url = module_localnet.rpc_url
    async with arena_world(rpc_url) as world:
        indexer = ServiceProcess(
            ["indexer"],
            service_env(rpc_url, module_localnet.ws_url, database_url, redis_url),
            logs / "indexer.log",
        )
        indexer.start()
        api = await asyncio.to_thread(start_api, logs / "api.log", rpc_url, database_url, redis_url)
        try:
            yield Stack(world, api, indexer, database_url, redis_url, rpc_url)
        finally:
            api.service.stop()
            indexer.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.api.url, timeout=10) as client:
        yield client


async def graphql(http: httpx.AsyncClient, query: str, **variables: Any) -> httpx.Response:
    return await http.post("/graphql", json={"query": query, "variables": variables})


@contextlib.asynccontextmanager
async def collected(
    stack: Stack, query: str, variables: dict[str, Any]
) -> AsyncIterator[list[tuple[float, dict[str, Any]]]]:
    """Messages of a subscription, with their arrival times, while the block runs."""
    received: list[tuple[float, dict[str, Any]]] = []
    async with subscribe(stack.ws_url, query, variables) as messages:

        async def read() -> None:
            async for data in messages:
                received.append((time.monotonic(), data))

        reader = asyncio.create_task(read())
        await asyncio.sleep(SUBSCRIBE_SETTLE_S)
        try:
            yield received
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader


async def test_an_sdk_action_reaches_rest_graphql_and_subscriptions(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    world = stack.world
    creator, alice = await world.wallet(0), await world.wallet()
    platform_query = "subscription { platformActivity { name arena signature data } }"
    async with collected(stack, platform_query, {}) as platform_feed:
        created = await world.open_arena(
            creator, ["Home", "Draw", "Away"], title="Derby day: who takes it?"
        )
        confirmed = time.monotonic()
        address = str(created.event(ev.ArenaCreated).arena)

        async def listed() -> bool:
            page = (await http.get("/v1/arenas", params={"search": "derby"})).json()
            return address in [a["address"] for a in page["items"]]

        took = await wait_until(listed, timeout=VISIBLE_BOUND_S, what="the arena in REST")
        print(f"new arena in REST after {took * 1000:.0f} ms")
        await wait_until(
            lambda: _has(platform_feed, "ArenaCreated"),
            timeout=VISIBLE_BOUND_S - (time.monotonic() - confirmed) + SUBSCRIBE_SETTLE_S,
            what="ArenaCreated on the platform subscription",
        )

    arena_query = """subscription ($a: String!) {
      arenaUpdates(address: $a) { event { name signature data } arena { totalPot betCount } }
    }"""
    wallet_query = "subscription ($w: String!) { walletActivity(wallet: $w) { name data } }"
    # The arena read is cached in Redis: this read fills the cache before the bet.
    assert (await http.get(f"/v1/arenas/{address}")).json()["total_pot"] == "0"
    async with (
        collected(stack, arena_query, {"a": address}) as arena_feed,
        collected(stack, wallet_query, {"w": str(alice.address)}) as wallet_feed,
    ):
        bet = await alice.place_bet(created.event(ev.ArenaCreated).arena_id, 2, 25 * USDC)
        confirmed = time.monotonic()
        signature = str(bet.signature)

        async def arena_message() -> bool:
            return any(m["arenaUpdates"]["event"]["signature"] == signature for _, m in arena_feed)

        await wait_until(arena_message, timeout=VISIBLE_BOUND_S, what="the bet on arenaUpdates")
        await wait_until(
            lambda: _has(wallet_feed, "BetPlaced", key="walletActivity"),
            timeout=VISIBLE_BOUND_S,
            what="the bet on walletActivity",
        )
        arrival, update = next(
            (t, m) for t, m in arena_feed if m["arenaUpdates"]["event"]["signature"] == signature
        )
        print(f"bet on the arena subscription {1000 * (arrival - confirmed):.0f} ms after it")
        assert update["arenaUpdates"]["event"]["name"] == "BetPlaced"
        assert update["arenaUpdates"]["event"]["data"]["amount"] == 25 * USDC
        assert update["arenaUpdates"]["arena"] == {"totalPot": str(25 * USDC), "betCount": 1}

    # A subscriber that re-reads on a message never gets the cached state from before it.
    rest = (await http.get(f"/v1/arenas/{address}")).json()
    assert rest["total_pot"] == str(25 * USDC)
    assert [o["pot"] for o in rest["outcomes"]] == ["0", "0", str(25 * USDC)]
    assert [o["probability"] for o in rest["outcomes"]] == [0.0, 0.0, 1.0]
    reply = (await graphql(http, ARENA_QUERY, a=address)).json()
    assert reply["data"]["arena"]["betCount"] == 1
    assert reply["data"]["arena"]["outcomes"][2] == {
        "index": 2,
        "label": "Away",
        "pot": str(25 * USDC),
        "probability": 1.0,
    }
    positions = (await http.get(f"/v1/wallets/{alice.address}/positions")).json()["items"]
    assert [(p["arena"], p["stakes"], p["claimable"]) for p in positions] == [
        (address, ["0", "0", str(25 * USDC)], "0")
    ]


def _has(feed: list[tuple[float, dict[str, Any]]], name: str, key: str = "platformActivity") -> Any:
    async def check() -> bool:
        return any(m[key]["name"] == name for _, m in feed)

    return check()


async def test_a_settled_arena_in_portfolio_leaderboard_and_stats(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    world = stack.world
    creator, winner, loser = await world.wallet(0), await world.wallet(), await world.wallet()
    created = (await world.open_arena(creator, ["Yes", "No"], title="Rain in Lisbon")).event(
        ev.ArenaCreated
    )
    await winner.place_bet(created.arena_id, 0, 30 * USDC)
    await loser.place_bet(created.arena_id, 1, 70 * USDC)
    await set_clock(world.rpc_url, created.close_ts)
    resolved = (await creator.resolve(created.arena_id, 0)).event(ev.ArenaResolved)
    # Fees are 2% protocol and 1% creator of the whole pot; the winner takes the rest.
    payout = 100 * USDC - 2 * USDC - 1 * USDC
    assert resolved.payout_pool == payout

    async def settled() -> bool:
        found = (await http.get(f"/v1/wallets/{winner.address}/portfolio")).json()
        return bool(found["claimable"] == str(payout))

    await wait_until(settled, timeout=VISIBLE_BOUND_S, what="the resolution in the portfolio")
    portfolio = (await http.get(f"/v1/wallets/{winner.address}/portfolio")).json()
    assert portfolio["staked"] == str(30 * USDC)
    assert portfolio["realized_pnl"] == str(payout - 30 * USDC)
    assert (portfolio["wins"], portfolio["losses"], portfolio["win_rate"]) == (1, 0, 1.0)
    loser_portfolio = (await http.get(f"/v1/wallets/{loser.address}/portfolio")).json()
    assert (loser_portfolio["realized_pnl"], loser_portfolio["claimable"]) == (
        str(-70 * USDC),
        "0",
    )

    await winner.claim(created.arena_id)

    async def claimed() -> bool:
        found = (await http.get(f"/v1/wallets/{winner.address}/positions")).json()["items"]
        return bool(found and found[0]["claimed"] and found[0]["claimable"] == "0")

    await wait_until(claimed, timeout=VISIBLE_BOUND_S, what="the claim in positions")
    board = (await http.get("/v1/leaderboard", params={"window": "24h", "limit": 100})).json()
    ranked = {e["wallet"]: e for e in board}
    assert ranked[str(winner.address)]["realized_pnl"] == str(payout - 30 * USDC)
    assert ranked[str(loser.address)]["realized_pnl"] == str(-70 * USDC)
    assert ranked[str(winner.address)]["rank"] < ranked[str(loser.address)]["rank"]
    by_volume = (await http.get("/v1/leaderboard", params={"ranking": "volume"})).json()
    volumes = [int(e["volume"]) for e in by_volume]
    assert volumes == sorted(volumes, reverse=True)

    stats = (await http.get("/v1/stats")).json()
    assert stats["arenas_resolved"] >= 1
    [usdc] = [c for c in stats["by_collateral"] if c["collateral_mint"] == str(world.usdc)]
    assert int(usdc["fees"]) >= 3 * USDC
    gql = (
        await graphql(
            http,
            "query ($w: String!) { portfolio(wallet: $w) { realizedPnl winRate } "
            "leaderboard(window: DAY) { wallet rank } stats { arenasResolved } }",
            w=str(loser.address),
        )
    ).json()
    assert gql["data"]["portfolio"] == {"realizedPnl": str(-70 * USDC), "winRate": 0.0}
    assert gql["data"]["stats"]["arenasResolved"] == stats["arenas_resolved"]


async def test_every_arena_action_lands_from_an_unsigned_transaction(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    world = stack.world
    creator, bettor = await world.wallet(0), await world.wallet()

    async def land(action: str, wallet: ArenaClient, **body: Any) -> dict[str, Any]:
        """Build through the API, sign as the wallet would, send."""
        reply = await http.post(f"/v1/tx/{action}", json={"wallet": str(wallet.address), **body})
        assert reply.status_code == 200, (action, reply.text)
        answer: dict[str, Any] = reply.json()
        transaction = Transaction.from_bytes(base64.b64decode(answer["transaction"]))
        assert transaction.message.account_keys[0] == wallet.address
        assert str(transaction.message.recent_blockhash) == answer["blockhash"]
        transaction.sign([wallet.wallet], transaction.message.recent_blockhash)
        await send_signed(world.admin.connection, transaction)
        return answer

    # The API checks the close time against the wall clock, the program against the
    # cluster's (which other tests move forward): later than both.
    close_ts = max(await creator.cluster_time(), int(time.time())) + 600
    close_time = datetime.fromtimestamp(close_ts, UTC).isoformat()
    created = await land(
        "create-arena",
        creator,
        title="Built by the API",
        category="test",
        outcomes=["Yes", "No"],
        close_time=close_time,
        collateral_mint=str(world.usdc),
        creator_fee_bps=50,
    )
    arena = Pubkey.from_string(created["arena"])
    await land("bet", bettor, arena=str(arena), outcome=0, amount=str(20 * USDC))
    await land("split", bettor, arena=str(arena), amount=str(4 * USDC))
    await land("merge", bettor, arena=str(arena), amount=str(USDC))
    state = await bettor.arena(arena)
    assert (state.title, state.creator, state.total_pot) == (
        "Built by the API",
        creator.address,
        20 * USDC,
    )
    assert state.set_collateral == 3 * USDC

    # Resolving is the resolver's: another wallet gets a 409 naming the wallet.
    refused = await http.post(
        "/v1/tx/resolve",
        json={"wallet": str(bettor.address), "arena": str(arena), "winning_outcome": 0},
    )
    assert refused.status_code == 409
    assert _fields(refused) == ["wallet"]
    await set_clock(world.rpc_url, close_ts)
    await land("resolve", creator, arena=str(arena), winning_outcome=0)
    await land("claim", bettor, arena=str(arena))
    await land("redeem", bettor, arena=str(arena), amounts=[str(3 * USDC), str(3 * USDC)])
    state = await bettor.arena(arena)
    assert (state.status, state.winning_outcome, state.set_collateral) == (
        ArenaStatus.RESOLVED,
        0,
        0,
    )
    position = await bettor.position(arena)
    assert position is not None
    assert position.claimed
    assert await bettor.outcome_balances(state) == (0, 0)
    # A settled arena takes no more bets: the API says so before the program would.
    late = await http.post(
        "/v1/tx/bet",
        json={"wallet": str(bettor.address), "arena": str(arena), "outcome": 1, "amount": "1"},
    )
    assert late.status_code == 409

    voided = await land(
        "create-arena",
        creator,
        title="Voided through the API",
        outcomes=["A", "B", "C"],
        close_time=datetime.fromtimestamp(close_ts + 600, UTC).isoformat(),
        collateral_mint=str(world.usdc),
    )
    await land("void", creator, arena=voided["arena"])
    assert (await creator.arena(Pubkey.from_string(voided["arena"]))).status is ArenaStatus.VOIDED


def _fields(response: httpx.Response) -> list[str]:
    return [f["field"] for f in response.json()["error"].get("fields", [])]


async def test_bad_rest_input_gets_a_4xx_naming_the_field(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    unknown = str(Pubkey.new_unique())
    cases: list[tuple[str, str, dict[str, Any] | None, int, str | None]] = [
        ("GET", "/v1/arenas?limit=1000", None, 422, "query.limit"),
        ("GET", "/v1/arenas?limit=ten", None, 422, "query.limit"),
        ("GET", "/v1/arenas?status=pending", None, 422, "query.status"),
        ("GET", "/v1/arenas?sort=random", None, 422, "query.sort"),
        ("GET", "/v1/arenas?cursor=not-a-cursor", None, 422, "cursor"),
        ("GET", f"/v1/arenas/{unknown}", None, 404, "address"),
        ("GET", "/v1/arenas/not-an-address", None, 422, "arena"),
        ("GET", "/v1/arenas/'%3B DROP TABLE arenas;--", None, 422, "arena"),
        ("GET", f"/v1/arenas/{unknown}/participants", None, 404, "address"),
        ("GET", "/v1/wallets/xyz/portfolio", None, 422, "wallet"),
        ("GET", "/v1/leaderboard?window=1y", None, 422, "query.window"),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": unknown, "arena": unknown, "outcome": 0},
            422,
            "body.amount",
        ),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": unknown, "arena": unknown, "outcome": 0, "amount": -5},
            422,
            "body.amount",
        ),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": unknown, "arena": unknown, "outcome": 0, "amount": 2**64},
            422,
            "body.amount",
        ),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": "nope", "arena": unknown, "outcome": 0, "amount": 1},
            422,
            "body.wallet",
        ),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": unknown, "arena": unknown, "outcome": 0, "amount": 1, "extra": 1},
            422,
            "body.extra",
        ),
        (
            "POST",
            "/v1/tx/bet",
            {"wallet": unknown, "arena": unknown, "outcome": 0, "amount": 1},
            404,
            "arena",
        ),
        (
            "POST",
            "/v1/tx/create-arena",
            {
                "wallet": unknown,
                "title": "x" * 200,
                "outcomes": ["a"],
                "close_time": "2020-01-01T00:00:00Z",
                "collateral_mint": unknown,
            },
            422,
            "body.title",
        ),
    ]
    for method, path, body, status, field in cases:
        response = await http.request(method, path, json=body)
        assert response.status_code == status, (path, body, response.text)
        assert response.json()["error"]["message"], response.text
        if field is not None:
            assert field in _fields(response), (path, body, response.text)
    # Text that looks like SQL is searched for, not run.
    injected = await http.get("/v1/arenas", params={"search": "'; DROP TABLE arenas; --"})
    assert injected.status_code == 200
    assert injected.json()["items"] == []
    assert (await http.get("/v1/arenas")).status_code == 200
    # Not JSON at all.
    raw = await http.post(
        "/v1/tx/bet", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert raw.status_code == 422


async def test_bad_graphql_input_gets_a_4xx_with_the_reason(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    unknown = str(Pubkey.new_unique())
    wrong_type = await graphql(http, '{ arenas(limit: "ten") { items { title } } }')
    assert wrong_type.status_code == 400
    assert "Int" in wrong_type.json()["errors"][0]["message"]
    unknown_field = await graphql(http, "{ arenas { items { password } } }")
    assert unknown_field.status_code == 400
    assert "password" in unknown_field.json()["errors"][0]["message"]
    oversized = await graphql(http, "{ arenas(limit: 1000) { items { title } } }")
    assert oversized.status_code == 422
    assert oversized.json()["errors"][0]["extensions"]["field"] == "limit"
    missing = await graphql(http, ARENA_QUERY, a=unknown)
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["extensions"]["code"] == "not_found"
    malformed = await graphql(http, ARENA_QUERY, a="' OR 1=1 --")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["extensions"]["field"] == "address"
    # Breadth is bounded: each alias is another full query.
    aliases = " ".join(f"a{i}: stats {{ eventsTotal }}" for i in range(MAX_ALIASES + 1))
    too_many = await graphql(http, "{ " + aliases + " }")
    assert too_many.status_code == 400
    assert "aliases" in too_many.json()["errors"][0]["message"]
    syntax = await http.post("/graphql", json={"query": "{ arenas { "})
    assert syntax.status_code == 400


async def test_the_rate_limit_answers_429_with_retry_after(stack: Stack, tmp_path: Path) -> None:
    limited = await asyncio.to_thread(
        start_api,
        tmp_path / "limited.log",
        stack.rpc_url,
        stack.database_url,
        stack.redis_url,
        rate_limit="5/60",
    )
    try:
        async with httpx.AsyncClient(base_url=limited.url, timeout=10) as client:
            statuses = [(await client.get("/v1/stats")).status_code for _ in range(5)]
            assert statuses == [200] * 5
            refused = await client.get("/v1/arenas")
            assert refused.status_code == 429
            assert 1 <= int(refused.headers["retry-after"]) <= 60
            assert refused.json()["error"]["code"] == "rate_limited"
            # Monitoring is not throttled.
            assert (await client.get("/health")).status_code == 200
            metrics = (await client.get("/metrics")).text
            assert "betfun_api_rate_limited_requests_total 1.0" in metrics
    finally:
        limited.service.stop()


async def test_health_metrics_cors_and_docs(stack: Stack, http: httpx.AsyncClient) -> None:
    health = (await http.get("/health")).json()
    assert health["status"] == "ok"
    assert {name for name, check in health["checks"].items() if check["ok"]} == {
        "database",
        "redis",
        "rpc",
    }
    await http.get("/v1/arenas")
    metrics = (await http.get("/metrics")).text
    assert (
        'betfun_api_request_duration_seconds_count{method="GET",route="/v1/arenas",status="200"}'
        in metrics
    )
    assert 'betfun_indexer_events_ingested{program="arena"}' in metrics
    assert 'betfun_indexer_lag_slots{program="arena"}' in metrics
    preflight = await http.options(
        "/v1/arenas",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://app.example")
    assert (await http.get("/docs")).status_code == 200
    assert "/v1/tx/bet" in (await http.get("/openapi.json")).json()["paths"]
    graphiql = await http.get("/graphql", headers={"Accept": "text/html"})
    assert graphiql.status_code == 200
    assert "graphiql" in graphiql.text.lower()


async def test_pages_follow_each_other_without_gaps_or_repeats(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    world = stack.world
    creator, bettor = await world.wallet(0), await world.wallet()
    backed: list[str] = []
    for number in range(5):
        created = (
            await world.open_arena(
                creator, ["A", "B"], title=f"Paged arena {number}", closes_in=600 + number
            )
        ).event(ev.ArenaCreated)
        if number % 2:
            await bettor.place_bet(created.arena_id, 0, (number + 1) * USDC)
            backed.append(str(created.arena))

    async def settled_listing(sort: str) -> list[str]:
        reply = (await http.get("/v1/arenas", params={"sort": sort, "limit": 100})).json()
        assert reply["next_cursor"] is None
        return [a["address"] for a in reply["items"]]

    async def paged(sort: str) -> list[str]:
        found: list[str] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"sort": sort, "limit": 2}
            if cursor is not None:
                params["cursor"] = cursor
            reply = (await http.get("/v1/arenas", params=params)).json()
            found += [a["address"] for a in reply["items"]]
            cursor = reply["next_cursor"]
            if cursor is None:
                return found

    async def indexed() -> bool:
        # The listing is stable once the last arena and every bet are in.
        if not await _listed_count(http, "Paged", 5):
            return False
        for address in backed:
            if (await http.get(f"/v1/arenas/{address}")).json()["bet_count"] != 1:
                return False
        return True

    await wait_until(indexed, timeout=VISIBLE_BOUND_S, what="five arenas and their bets")
    for sort in ("newest", "volume", "closing_soon"):
        whole = await settled_listing(sort)
        assert len(whole) >= 5
        assert await paged(sort) == whole, sort
    by_volume = (await http.get("/v1/arenas", params={"sort": "volume", "limit": 100})).json()
    volumes = [int(a["volume"]) for a in by_volume["items"]]
    assert volumes == sorted(volumes, reverse=True)
    # A cursor is tied to its sort order.
    first = (await http.get("/v1/arenas", params={"sort": "volume", "limit": 1})).json()
    mixed = await http.get("/v1/arenas", params={"sort": "newest", "cursor": first["next_cursor"]})
    assert mixed.status_code == 422
    # GraphQL pages the same way.
    query = "query ($c: String) { arenas(limit: 2, cursor: $c) { items { address } nextCursor } }"
    found: list[str] = []
    cursor: str | None = None
    while True:
        page = (await graphql(http, query, c=cursor)).json()["data"]["arenas"]
        found += [a["address"] for a in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert found == await settled_listing("newest")


async def _listed_count(http: httpx.AsyncClient, search: str, count: int) -> bool:
    reply = (await http.get("/v1/arenas", params={"search": search, "limit": 100})).json()
    return len(reply["items"]) >= count
