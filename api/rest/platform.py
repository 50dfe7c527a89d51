"""/v1/activity, /v1/leaderboard, /v1/stats."""

from __future__ import annotations

from fastapi import APIRouter

from betfun.api.rest.dependencies import BackendsDep, Cursor, Limit
from betfun.api.service import activity, platform
from betfun.api.service.models import (
    Activity,
    LeaderboardEntry,
    LeaderboardRanking,
    LeaderboardWindow,
    Page,
    PlatformStats,
)
from betfun.api.service.pagination import DEFAULT_PAGE_SIZE

router = APIRouter(prefix="/v1", tags=["platform"])


@router.get("/activity", response_model=Page[Activity])
async def recent_activity(
    backends: BackendsDep, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
) -> Page[Activity]:
    """Every program's events, newest first."""
    return await activity.recent(backends.pool, limit=limit, cursor=cursor)


@router.get("/leaderboard", response_model=list[LeaderboardEntry])
async def leaderboard(
    backends: BackendsDep,
    window: LeaderboardWindow = LeaderboardWindow.WEEK,
    ranking: LeaderboardRanking = LeaderboardRanking.PNL,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> list[LeaderboardEntry]:
    """Wallets by realized P&L over the arenas settled in the window, or by volume."""
    return await platform.leaderboard(backends.pool, window=window, ranking=ranking, limit=limit)


@router.get("/stats", response_model=PlatformStats)
async def stats(backends: BackendsDep) -> PlatformStats:
    """Arena counts, active wallets, and per collateral TVL, volume and fees."""
    return await platform.stats(backends.pool)
