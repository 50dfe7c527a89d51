"""/v1/arenas: listings, one arena, its participants and its activity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from betfun.api.rest.dependencies import BackendsDep, Cursor, Limit
from betfun.api.service import activity, arenas
from betfun.api.service.models import (
    Activity,
    Arena,
    ArenaSort,
    ArenaStatus,
    Page,
    Participant,
)
from betfun.api.service.pagination import DEFAULT_PAGE_SIZE
from betfun.api.service.values import MAX_SEARCH_LENGTH, address
from betfun.api.state import Backends

router = APIRouter(prefix="/v1/arenas", tags=["arenas"])


@router.get("", response_model=Page[Arena])
async def list_arenas(
    backends: BackendsDep,
    status: ArenaStatus | None = None,
    category: Annotated[str | None, Query(max_length=32)] = None,
    search: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_SEARCH_LENGTH,
            description="full-text search over titles, outcomes and categories "
            '(web search syntax: words, "quoted phrases", -excluded, or)',
        ),
    ] = None,
    sort: ArenaSort = ArenaSort.NEWEST,
    limit: Limit = DEFAULT_PAGE_SIZE,
    cursor: Cursor = None,
) -> Page[Arena]:
    page = await arenas.list_arenas(
        backends.pool,
        arenas.ArenaQuery(
            status=status,
            category=category,
            search=search,
            sort=sort,
            limit=limit,
            cursor=cursor,
        ),
    )
    items = await arenas.with_outcomes(backends.pool, page.items)
    return Page[Arena](items=items, next_cursor=page.next_cursor)


@router.get(
    "/{arena}",
    response_model=Arena,
    responses={404: {"description": "no arena at this address"}},
)
async def get_arena(request: Request, arena: str) -> Response:
    """One arena with its outcomes, pots and implied odds (cached; fresh after every
    change the indexer stores)."""
    # The hottest read: the backends straight from the app, no dependency to solve.
    backends: Backends = request.app.state.backends
    address(arena, "arena")

    async def load() -> bytes:
        return (await arenas.arena(backends.pool, arena)).model_dump_json().encode()

    body = await backends.cache.get(arena, load)
    return Response(body, media_type="application/json")


@router.get("/{arena}/participants", response_model=Page[Participant])
async def participants(
    backends: BackendsDep, arena: str, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
) -> Page[Participant]:
    """The arena's bettors, largest total stake first."""
    return await arenas.participants(backends.pool, arena, limit=limit, cursor=cursor)


@router.get("/{arena}/activity", response_model=Page[Activity])
async def arena_activity(
    backends: BackendsDep, arena: str, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
) -> Page[Activity]:
    """The arena's events, newest first."""
    return await activity.recent(backends.pool, arena=arena, limit=limit, cursor=cursor)
