"""A wallet's positions and portfolio."""

from __future__ import annotations

from typing import Any

import asyncpg

from betfun.api.service.errors import InvalidInputError
from betfun.api.service.models import ArenaStatus, Page, Portfolio, Position
from betfun.api.service.pagination import check_limit, decode_cursor, page
from betfun.api.service.settlement import CLAIMABLE, WINNING_OUTCOME_JOIN
from betfun.api.service.values import address, amount


async def positions(
    pool: asyncpg.Pool, wallet: str, *, limit: int = 20, cursor: str | None = None
) -> Page[Position]:
    """The wallet's positions, most recently changed first."""
    address(wallet, "wallet")
    check_limit(limit)
    args: list[Any] = [wallet, limit + 1]
    after = ""
    if cursor is not None:
        slot, arena = decode_cursor(cursor, "positions", (int, str))
        after = "AND (p.updated_slot, p.arena) < ($3, $4)"
        args += [slot, arena]
    try:
        rows = await pool.fetch(
            f"""SELECT p.arena, a.title, a.status, a.winning_outcome, p.stakes, p.total_staked,
                       p.claimed, p.claimed_amount, p.sets_split, p.sets_merged, p.redeemed,
                       p.updated_slot, {CLAIMABLE} AS claimable
                FROM positions p JOIN arenas a ON a.address = p.arena {WINNING_OUTCOME_JOIN}
                WHERE p.owner = $1 {after}
                ORDER BY p.updated_slot DESC, p.arena DESC LIMIT $2""",  # noqa: S608 (constants)
            *args,
        )
    except asyncpg.DataError:
        raise InvalidInputError("not a cursor from this API", field="cursor") from None
    return page(
        rows,
        limit,
        "positions",
        lambda row: [row["updated_slot"], row["arena"]],
        lambda row: Position(
            arena=row["arena"],
            arena_title=row["title"],
            arena_status=ArenaStatus(row["status"]),
            winning_outcome=row["winning_outcome"],
            stakes=[amount(s) for s in row["stakes"]],
            total_staked=amount(row["total_staked"]),
            claimed=row["claimed"],
            claimed_amount=amount(row["claimed_amount"]),
            claimable=amount(row["claimable"]),
            sets_split=amount(row["sets_split"]),
            sets_merged=amount(row["sets_merged"]),
            redeemed=amount(row["redeemed"]),
        ),
    )


async def portfolio(pool: asyncpg.Pool, wallet: str) -> Portfolio:
    """The wallet's totals; all zero for a wallet the indexer has never seen."""
    address(wallet, "wallet")
    async with pool.acquire() as connection:
        stats = await connection.fetchrow("SELECT * FROM wallet_stats WHERE wallet = $1", wallet)
        totals = await connection.fetchrow(
            f"""SELECT coalesce(sum(p.total_staked) FILTER (WHERE a.status = 'open'), 0),
                       coalesce(sum({CLAIMABLE}), 0)
                FROM positions p JOIN arenas a ON a.address = p.arena {WINNING_OUTCOME_JOIN}
                WHERE p.owner = $1""",  # noqa: S608 (constants)
            wallet,
        )
    assert totals is not None  # an aggregate without GROUP BY returns one row
    open_stake, claimable = totals

    def stat(name: str) -> int:
        return 0 if stats is None else int(stats[name])

    wins, losses = stat("wins"), stat("losses")
    return Portfolio(
        wallet=wallet,
        staked=amount(stat("staked")),
        open_stake=amount(open_stake),
        claimable=amount(claimable),
        claimed=amount(stat("claimed")),
        realized_pnl=amount(stat("realized_pnl")),
        wins=wins,
        losses=losses,
        win_rate=wins / (wins + losses) if wins + losses else None,
        bet_count=stat("bet_count"),
        arenas_entered=stat("arenas_entered"),
        arenas_created=stat("arenas_created"),
    )
