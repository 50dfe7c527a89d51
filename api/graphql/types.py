"""The GraphQL types: the service's pydantic models, plus the fields that load more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.experimental.pydantic import type as from_model
from strawberry.scalars import JSON
from strawberry.types import Info

from betfun.api.graphql.context import Context
from betfun.api.service import activity, arenas, models
from betfun.api.service.pagination import DEFAULT_PAGE_SIZE

# The service's enums, registered as GraphQL enums (strawberry.enum marks the class).
ArenaStatus = models.ArenaStatus
ArenaSort = models.ArenaSort
LeaderboardWindow = models.LeaderboardWindow
LeaderboardRanking = models.LeaderboardRanking
for _enum in (ArenaStatus, ArenaSort, LeaderboardWindow, LeaderboardRanking):
    strawberry.enum(_enum)

T = TypeVar("T")
M = TypeVar("M")


@strawberry.type
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None = strawberry.field(
        description="pass as `cursor` for the next page; null on the last page"
    )


@from_model(model=models.Outcome, all_fields=True)
class Outcome:
    pass


@from_model(model=models.Participant, all_fields=True)
class Participant:
    pass


@from_model(model=models.Activity, all_fields=True)
class Activity:
    data: JSON


@from_model(model=models.ArenaSummary, all_fields=True)
class Arena:
    address: str

    @strawberry.field(description="the outcomes with their pots and implied odds")
    async def outcomes(self, info: Info[Context, None]) -> list[Outcome]:
        found: list[models.Outcome] = await info.context.outcomes.load(self.address)
        return [Outcome.from_pydantic(o) for o in found]

    @strawberry.field(description="bettors, largest total stake first")
    async def participants(
        self, info: Info[Context, None], limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Participant]:
        page = await arenas.participants(
            info.context.backends.pool, self.address, limit=limit, cursor=cursor
        )
        return page_of(page, Participant.from_pydantic)

    @strawberry.field(description="the arena's events, newest first")
    async def activity(
        self, info: Info[Context, None], limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Activity]:
        page = await activity.recent(
            info.context.backends.pool, arena=self.address, limit=limit, cursor=cursor
        )
        return page_of(page, Activity.from_pydantic)


@from_model(model=models.Position, all_fields=True)
class Position:
    arena: str

    @strawberry.field
    async def arena_details(self, info: Info[Context, None]) -> Arena | None:
        return await load_arena(info, self.arena)


@from_model(model=models.Portfolio, all_fields=True)
class Portfolio:
    pass


@from_model(model=models.LeaderboardEntry, all_fields=True)
class LeaderboardEntry:
    pass


@from_model(model=models.CollateralStats, all_fields=True)
class CollateralStats:
    pass


@from_model(model=models.PlatformStats, all_fields=True)
class PlatformStats:
    pass


@strawberry.type
class ArenaUpdate:
    """An event of the arena; select ``arena`` for its state after the event."""

    event: Activity
    address: strawberry.Private[str]

    @strawberry.field
    async def arena(self, info: Info[Context, None]) -> Arena | None:
        return await load_arena(info, self.address)


async def load_arena(info: Info[Context, None], address: str) -> Arena | None:
    found: models.ArenaSummary | None = await info.context.arenas.load(address)
    return None if found is None else Arena.from_pydantic(found)


def page_of(page: models.Page[M], convert: Callable[[M], T]) -> Page[T]:
    """A service page as a GraphQL page, each item converted."""
    return Page(items=[convert(item) for item in page.items], next_cursor=page.next_cursor)


AddressArg = Annotated[str, strawberry.argument(description="a base58 public key")]


def live_activity(message: dict[str, Any]) -> Activity:
    """A Redis message of the indexer's publisher as the subscriptions' item."""
    return Activity.from_pydantic(activity.from_message(message))
