"""The schema: queries, subscriptions, and errors that say what was wrong."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.types import Info

from betfun.api.graphql.context import Context
from betfun.api.graphql.types import (
    Activity,
    AddressArg,
    Arena,
    ArenaSort,
    ArenaStatus,
    ArenaUpdate,
    LeaderboardEntry,
    LeaderboardRanking,
    LeaderboardWindow,
    Page,
    PlatformStats,
    Portfolio,
    Position,
    load_arena,
    page_of,
)
from betfun.api.service import activity, arenas, platform, wallets
from betfun.api.service.errors import NotFoundError
from betfun.api.service.pagination import DEFAULT_PAGE_SIZE
from betfun.api.service.values import address as check_address
from betfun.indexer.publish import PLATFORM_CHANNEL, arena_channel, wallet_channel

MAX_DEPTH = 8
MAX_ALIASES = 20


@strawberry.type
class Query:
    @strawberry.field(description="arenas by filter and sort, a page at a time")
    async def arenas(
        self,
        info: Info[Context, None],
        status: ArenaStatus | None = None,
        category: str | None = None,
        search: str | None = None,
        sort: ArenaSort = ArenaSort.NEWEST,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Page[Arena]:
        page = await arenas.list_arenas(
            info.context.backends.pool,
            arenas.ArenaQuery(
                status=status,
                category=category,
                search=search,
                sort=sort,
                limit=limit,
                cursor=cursor,
            ),
        )
        return page_of(page, Arena.from_pydantic)

    @strawberry.field(description="one arena; an error for an address the indexer has not seen")
    async def arena(self, info: Info[Context, None], address: AddressArg) -> Arena:
        found = await load_arena(info, check_address(address, "address"))
        if found is None:
            raise NotFoundError(f"no arena at {address}", field="address")
        return found

    @strawberry.field(description="every program's events, newest first")
    async def activity(
        self, info: Info[Context, None], limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Activity]:
        page = await activity.recent(info.context.backends.pool, limit=limit, cursor=cursor)
        return page_of(page, Activity.from_pydantic)

    @strawberry.field(description="a wallet's positions, most recently changed first")
    async def positions(
        self,
        info: Info[Context, None],
        wallet: AddressArg,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Page[Position]:
        page = await wallets.positions(
            info.context.backends.pool, wallet, limit=limit, cursor=cursor
        )
        return page_of(page, Position.from_pydantic)

    @strawberry.field(description="a wallet's stakes, claimable, realized P&L and win rate")
    async def portfolio(self, info: Info[Context, None], wallet: AddressArg) -> Portfolio:
        return Portfolio.from_pydantic(await wallets.portfolio(info.context.backends.pool, wallet))

    @strawberry.field(description="a wallet's events, newest first")
    async def wallet_activity(
        self,
        info: Info[Context, None],
        wallet: AddressArg,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Page[Activity]:
        page = await activity.recent(
            info.context.backends.pool, wallet=wallet, limit=limit, cursor=cursor
        )
        return page_of(page, Activity.from_pydantic)

    @strawberry.field(description="wallets by realized P&L or volume over a window")
    async def leaderboard(
        self,
        info: Info[Context, None],
        window: LeaderboardWindow = LeaderboardWindow.WEEK,
        ranking: LeaderboardRanking = LeaderboardRanking.PNL,
        limit: int = DEFAULT_PAGE_SIZE,
    ) -> list[LeaderboardEntry]:
        entries = await platform.leaderboard(
            info.context.backends.pool, window=window, ranking=ranking, limit=limit
        )
        return [LeaderboardEntry.from_pydantic(e) for e in entries]

    @strawberry.field(description="arena counts, active wallets, TVL, volume and fees")
    async def stats(self, info: Info[Context, None]) -> PlatformStats:
        return PlatformStats.from_pydantic(await platform.stats(info.context.backends.pool))


@strawberry.type
class Subscription:
    @strawberry.subscription(description="every event of one arena, as it is indexed")
    async def arena_updates(
        self, info: Info[Context, None], address: AddressArg
    ) -> AsyncGenerator[ArenaUpdate, None]:
        if await load_arena(info, check_address(address, "address")) is None:
            raise NotFoundError(f"no arena at {address}", field="address")
        with info.context.backends.live.subscribe(arena_channel(address)) as subscription:
            async for item in subscription:
                yield ArenaUpdate(event=item, address=address)

    @strawberry.subscription(description="every event that names the wallet")
    async def wallet_activity(
        self, info: Info[Context, None], wallet: AddressArg
    ) -> AsyncGenerator[Activity, None]:
        check_address(wallet, "wallet")
        with info.context.backends.live.subscribe(wallet_channel(wallet)) as subscription:
            async for item in subscription:
                yield item

    @strawberry.subscription(description="every event of the platform")
    async def platform_activity(self, info: Info[Context, None]) -> AsyncGenerator[Activity, None]:
        with info.context.backends.live.subscribe(PLATFORM_CHANNEL) as subscription:
            async for item in subscription:
                yield item


schema = strawberry.Schema(
    query=Query,
    subscription=Subscription,
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ],
)
