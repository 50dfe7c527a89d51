"""Arenas: listings with filters, search and keyset pagination; one arena with its outcomes
and implied odds; its participants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import asyncpg

from betfun.api.service.errors import InvalidInputError, NotFoundError
from betfun.api.service.models import (
    Arena,
    ArenaSort,
    ArenaStatus,
    ArenaSummary,
    Outcome,
    Page,
    Participant,
)
from betfun.api.service.pagination import check_limit, decode_cursor, page
from betfun.api.service.values import MAX_SEARCH_LENGTH, address, amount
from betfun.client.arena.quotes import payout_pool, resolution_fees

_SUMMARY_COLUMNS = """address, arena_id, title, category, status, outcome_count,
    winning_outcome, creator, resolver, collateral_mint, creator_fee_bps, protocol_fee_bps,
    close_time, created_time, resolved_time, total_pot, pot_unclaimed, payout_pool,
    set_collateral, protocol_fee, creator_fee, volume, bet_count, bettor_count, updated_slot"""


@dataclass(frozen=True, slots=True)
class ArenaQuery:
    status: ArenaStatus | None = None
    category: str | None = None
    search: str | None = None
    sort: ArenaSort = ArenaSort.NEWEST
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class _Order:
    """A sort order: its ORDER BY, the keyset condition after a cursor, and the key."""

    order_by: str
    after: str
    key_types: tuple[type, ...]


_ORDERS = {
    ArenaSort.NEWEST: _Order("arena_id DESC", "arena_id < {0}::numeric", (str,)),
    ArenaSort.VOLUME: _Order(
        "volume DESC, arena_id DESC",
        "(volume, arena_id) < ({0}::numeric, {1}::numeric)",
        (str, str),
    ),
    ArenaSort.CLOSING_SOON: _Order(
        "close_time ASC, arena_id ASC",
        "(close_time, arena_id) > ({0}::timestamptz, {1}::numeric)",
        (str, str),
    ),
}


def _sort_key(sort: ArenaSort, row: asyncpg.Record) -> list[Any]:
    if sort is ArenaSort.NEWEST:
        return [str(row["arena_id"])]
    if sort is ArenaSort.VOLUME:
        return [str(row["volume"]), str(row["arena_id"])]
    return [row["close_time"].isoformat(), str(row["arena_id"])]


def summary(row: asyncpg.Record) -> ArenaSummary:
    return ArenaSummary(
        address=row["address"],
        arena_id=int(row["arena_id"]),
        title=row["title"],
        category=row["category"],
        status=ArenaStatus(row["status"]),
        outcome_count=row["outcome_count"],
        winning_outcome=row["winning_outcome"],
        creator=row["creator"],
        resolver=row["resolver"],
        collateral_mint=row["collateral_mint"],
        creator_fee_bps=row["creator_fee_bps"],
        protocol_fee_bps=row["protocol_fee_bps"],
        close_time=row["close_time"],
        created_time=row["created_time"],
        resolved_time=row["resolved_time"],
        total_pot=amount(row["total_pot"]),
        pot_unclaimed=amount(row["pot_unclaimed"]),
        payout_pool=amount(row["payout_pool"]),
        set_collateral=amount(row["set_collateral"]),
        protocol_fee=amount(row["protocol_fee"]),
        creator_fee=amount(row["creator_fee"]),
        volume=amount(row["volume"]),
        bet_count=row["bet_count"],
        bettor_count=row["bettor_count"],
        updated_slot=row["updated_slot"],
    )


async def list_arenas(pool: asyncpg.Pool, query: ArenaQuery) -> Page[ArenaSummary]:
    limit = check_limit(query.limit)
    order = _ORDERS[query.sort]
    conditions: list[str] = []
    args: list[Any] = []

    def arg(value: object) -> str:
        args.append(value)
        return f"${len(args)}"

    if query.status is not None:
        conditions.append(f"status = {arg(query.status.value)}")
    if query.category is not None:
        conditions.append(f"category = {arg(query.category)}")
    if query.search is not None:
        text = query.search.strip()
        if not text or len(text) > MAX_SEARCH_LENGTH:
            raise InvalidInputError(f"must be 1 to {MAX_SEARCH_LENGTH} characters", field="search")
        conditions.append(f"search @@ websearch_to_tsquery('english', {arg(text)})")
    if query.sort is ArenaSort.CLOSING_SOON:
        conditions.append("status = 'open' AND close_time > now()")
    if query.cursor is not None:
        key = decode_cursor(query.cursor, f"arenas:{query.sort.value}", order.key_types)
        if query.sort is ArenaSort.CLOSING_SOON:
            key[0] = _timestamp(key[0])
        conditions.append(order.after.format(*(arg(value) for value in key)))
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = (
        f"SELECT {_SUMMARY_COLUMNS} FROM arenas {where} "  # noqa: S608 (fixed fragments; values are parameters)
        f"ORDER BY {order.order_by} LIMIT {arg(limit + 1)}"
    )
    try:
        rows = await pool.fetch(sql, *args)
    except asyncpg.DataError:
        raise InvalidInputError("not a cursor from this API", field="cursor") from None
    return page(rows, limit, f"arenas:{query.sort.value}", partial(_sort_key, query.sort), summary)


def _timestamp(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError("not a cursor from this API", field="cursor") from None


async def summaries(pool: asyncpg.Pool, addresses: Sequence[str]) -> list[ArenaSummary | None]:
    """The arenas at ``addresses``, in that order (None for an unknown one): one query."""
    rows = await pool.fetch(
        f"SELECT {_SUMMARY_COLUMNS} FROM arenas WHERE address = ANY($1::text[])",  # noqa: S608 (a constant)
        list(addresses),
    )
    found = {row["address"]: summary(row) for row in rows}
    return [found.get(a) for a in addresses]


async def outcomes(pool: asyncpg.Pool, addresses: Sequence[str]) -> list[list[Outcome]]:
    """The outcomes of each arena in ``addresses`` with their implied odds: one query."""
    rows = await pool.fetch(
        """SELECT o.arena, o.outcome, o.label, o.mint, o.pot, o.bettor_count,
                  a.total_pot, a.protocol_fee_bps, a.creator_fee_bps
           FROM outcomes o JOIN arenas a ON a.address = o.arena
           WHERE o.arena = ANY($1::text[]) ORDER BY o.arena, o.outcome""",
        list(addresses),
    )
    found: dict[str, list[Outcome]] = {a: [] for a in addresses}
    for row in rows:
        found[row["arena"]].append(_outcome(row))
    return [found[a] for a in addresses]


def _outcome(row: asyncpg.Record) -> Outcome:
    pot, total = int(row["pot"]), int(row["total_pot"])
    fees = resolution_fees(total, pot, row["protocol_fee_bps"], row["creator_fee_bps"])
    return Outcome(
        index=row["outcome"],
        label=row["label"],
        mint=row["mint"],
        pot=amount(pot),
        bettor_count=row["bettor_count"],
        probability=pot / total if total else None,
        payout_multiple=payout_pool(total, fees) / pot if pot else None,
    )


async def arena(pool: asyncpg.Pool, arena_address: str) -> Arena:
    """One arena with its outcomes; NotFoundError for an address the indexer has not seen."""
    address(arena_address, "address")
    [found] = await summaries(pool, [arena_address])
    if found is None:
        raise NotFoundError(f"no arena at {arena_address}", field="address")
    [with_them] = await with_outcomes(pool, [found])
    return with_them


async def with_outcomes(pool: asyncpg.Pool, summaries: Sequence[ArenaSummary]) -> list[Arena]:
    """The arenas with their outcomes, in one query for all."""
    found = await outcomes(pool, [summary.address for summary in summaries])
    # Built from models already validated: no second validation.
    return [
        Arena.model_construct(**dict(summary), outcomes=its)
        for summary, its in zip(summaries, found, strict=True)
    ]


async def participants(
    pool: asyncpg.Pool, arena_address: str, *, limit: int, cursor: str | None
) -> Page[Participant]:
    """The arena's bettors, largest total stake first."""
    address(arena_address, "address")
    check_limit(limit)
    args: list[Any] = [arena_address, limit + 1]
    after = ""
    if cursor is not None:
        staked, owner = decode_cursor(cursor, "participants", (str, str))
        after = "AND (total_staked, owner) < ($3::numeric, $4)"
        args += [staked, owner]
    async with pool.acquire() as connection:
        if not await connection.fetchval(
            "SELECT true FROM arenas WHERE address = $1", arena_address
        ):
            raise NotFoundError(f"no arena at {arena_address}", field="address")
        try:
            rows = await connection.fetch(
                f"""SELECT owner, stakes, total_staked, claimed, claimed_amount
                    FROM positions WHERE arena = $1 AND total_staked > 0 {after}
                    ORDER BY total_staked DESC, owner DESC LIMIT $2""",  # noqa: S608 (a constant)
                *args,
            )
        except asyncpg.DataError:
            raise InvalidInputError("not a cursor from this API", field="cursor") from None
    return page(
        rows,
        limit,
        "participants",
        lambda row: [str(row["total_staked"]), row["owner"]],
        lambda row: Participant(
            wallet=row["owner"],
            stakes=[amount(s) for s in row["stakes"]],
            total_staked=amount(row["total_staked"]),
            claimed=row["claimed"],
            claimed_amount=amount(row["claimed_amount"]),
        ),
    )
