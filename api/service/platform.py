"""Platform-wide figures: stats per collateral and the leaderboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg

from betfun.api.service.models import (
    CollateralStats,
    LeaderboardEntry,
    LeaderboardRanking,
    LeaderboardWindow,
    PlatformStats,
)
from betfun.api.service.pagination import check_limit
from betfun.api.service.settlement import LOST, PNL, WINNING_OUTCOME_JOIN, WON
from betfun.api.service.values import amount

_WINDOWS = {
    LeaderboardWindow.DAY: timedelta(days=1),
    LeaderboardWindow.WEEK: timedelta(days=7),
    LeaderboardWindow.MONTH: timedelta(days=30),
}


async def stats(pool: asyncpg.Pool) -> PlatformStats:
    day_ago = datetime.now(UTC) - timedelta(days=1)
    async with pool.acquire() as connection:
        counts = await connection.fetchrow(
            """SELECT count(*) FILTER (WHERE status = 'open') AS open,
                      count(*) FILTER (WHERE status = 'resolved') AS resolved,
                      count(*) FILTER (WHERE status = 'voided') AS voided
               FROM arenas"""
        )
        assert counts is not None  # an aggregate without GROUP BY returns one row
        active = await connection.fetchval(
            """SELECT count(DISTINCT wallet) FROM events, unnest(wallets) AS wallet
               WHERE block_time >= $1""",
            day_ago,
        )
        events_total = await connection.fetchval("SELECT count(*) FROM events")
        rows = await connection.fetch(
            """WITH recent AS (
                   SELECT arena, amount FROM bets WHERE block_time >= $1
                   UNION ALL
                   SELECT arena, amount FROM set_operations
                   WHERE kind = 'split' AND block_time >= $1
               ),
               recent_by_mint AS (
                   SELECT a.collateral_mint, sum(r.amount) AS volume
                   FROM recent r JOIN arenas a ON a.address = r.arena
                   GROUP BY a.collateral_mint
               )
               SELECT a.collateral_mint,
                      sum(a.pot_unclaimed + a.set_collateral) AS tvl,
                      sum(a.volume) AS volume_total,
                      sum(a.protocol_fee + a.creator_fee) AS fees,
                      coalesce(max(r.volume), 0) AS volume_24h
               FROM arenas a LEFT JOIN recent_by_mint r USING (collateral_mint)
               GROUP BY a.collateral_mint ORDER BY tvl DESC, a.collateral_mint""",
            day_ago,
        )
    return PlatformStats(
        arenas_open=counts["open"],
        arenas_resolved=counts["resolved"],
        arenas_voided=counts["voided"],
        active_wallets_24h=active,
        events_total=events_total,
        by_collateral=[
            CollateralStats(
                collateral_mint=row["collateral_mint"],
                tvl=amount(row["tvl"]),
                volume_24h=amount(row["volume_24h"]),
                volume_total=amount(row["volume_total"]),
                fees=amount(row["fees"]),
            )
            for row in rows
        ],
    )


async def leaderboard(
    pool: asyncpg.Pool,
    *,
    window: LeaderboardWindow = LeaderboardWindow.WEEK,
    ranking: LeaderboardRanking = LeaderboardRanking.PNL,
    limit: int = 20,
) -> list[LeaderboardEntry]:
    """Wallets ranked by realized P&L over the arenas settled in ``window``, or by the
    stakes they placed in it."""
    check_limit(limit)
    since = datetime.now(UTC) - _WINDOWS[window] if window in _WINDOWS else None
    order = "pnl" if ranking is LeaderboardRanking.PNL else "volume"
    rows = await pool.fetch(
        f"""WITH results AS (
                SELECT p.owner, sum({PNL}) AS pnl,
                       count(*) FILTER (WHERE {WON}) AS wins,
                       count(*) FILTER (WHERE {LOST}) AS losses
                FROM positions p JOIN arenas a ON a.address = p.arena {WINNING_OUTCOME_JOIN}
                WHERE a.status <> 'open' AND p.total_staked > 0
                  AND ($1::timestamptz IS NULL OR a.resolved_time >= $1)
                GROUP BY p.owner
            ),
            volumes AS (
                SELECT bettor AS owner, sum(amount) AS volume FROM bets
                WHERE $1::timestamptz IS NULL OR block_time >= $1
                GROUP BY bettor
            )
            SELECT owner, coalesce(r.pnl, 0) AS pnl, coalesce(v.volume, 0) AS volume,
                   coalesce(r.wins, 0) AS wins, coalesce(r.losses, 0) AS losses
            FROM results r FULL JOIN volumes v USING (owner)
            ORDER BY {order} DESC, owner LIMIT $2""",  # noqa: S608 (constants)
        since,
        limit,
    )
    return [
        LeaderboardEntry(
            rank=rank,
            wallet=row["owner"],
            realized_pnl=amount(row["pnl"]),
            volume=amount(row["volume"]),
            wins=row["wins"],
            losses=row["losses"],
        )
        for rank, row in enumerate(rows, start=1)
    ]
