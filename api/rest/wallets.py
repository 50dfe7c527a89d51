"""/v1/wallets/{wallet}: positions, portfolio and activity."""

from __future__ import annotations

from fastapi import APIRouter

from betfun.api.rest.dependencies import BackendsDep, Cursor, Limit
from betfun.api.service import activity, wallets
from betfun.api.service.models import Activity, Page, Portfolio, Position
from betfun.api.service.pagination import DEFAULT_PAGE_SIZE

router = APIRouter(prefix="/v1/wallets", tags=["wallets"])


@router.get("/{wallet}/positions", response_model=Page[Position])
async def positions(
    backends: BackendsDep, wallet: str, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
) -> Page[Position]:
    """The wallet's positions with what each can claim, most recently changed first."""
    return await wallets.positions(backends.pool, wallet, limit=limit, cursor=cursor)


@router.get("/{wallet}/portfolio", response_model=Portfolio)
async def portfolio(backends: BackendsDep, wallet: str) -> Portfolio:
    """Stakes, claimable, realized P&L and win rate."""
    return await wallets.portfolio(backends.pool, wallet)


@router.get("/{wallet}/activity", response_model=Page[Activity])
async def wallet_activity(
    backends: BackendsDep, wallet: str, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
) -> Page[Activity]:
    return await activity.recent(backends.pool, wallet=wallet, limit=limit, cursor=cursor)
