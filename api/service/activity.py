"""Activity feeds from the events table, newest first: the platform's, an arena's, a
wallet's. A subscription delivers the same items live (see betfun.api.live)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import asyncpg

from betfun.api.service.models import Activity, Page
from betfun.api.service.pagination import check_limit, decode_cursor, page
from betfun.api.service.values import address


def from_row(row: asyncpg.Record) -> Activity:
    data: dict[str, Any] = json.loads(row["data"])
    return Activity(
        signature=row["signature"],
        ix_index=row["ix_index"],
        event_index=row["event_index"],
        slot=row["slot"],
        block_time=row["block_time"],
        program=row["program"],
        name=row["name"],
        arena=data.get("arena") if isinstance(data.get("arena"), str) else None,
        data=data,
    )


def from_message(message: dict[str, Any]) -> Activity:
    """An item from a Redis message of the indexer's publisher."""
    data: dict[str, Any] = message["data"]
    block_time = message["block_time"]
    return Activity(
        signature=message["signature"],
        ix_index=message["ix_index"],
        event_index=message["event_index"],
        slot=message["slot"],
        block_time=None if block_time is None else datetime.fromtimestamp(block_time, UTC),
        program=message["program"],
        name=message["name"],
        arena=data.get("arena") if isinstance(data.get("arena"), str) else None,
        data=data,
    )


async def recent(
    pool: asyncpg.Pool,
    *,
    arena: str | None = None,
    wallet: str | None = None,
    limit: int = 20,
    cursor: str | None = None,
) -> Page[Activity]:
    check_limit(limit)
    conditions: list[str] = []
    args: list[Any] = []
    if arena is not None:
        args.append(address(arena, "arena"))
        conditions.append(f"data ? 'arena' AND data ->> 'arena' = ${len(args)}")
    if wallet is not None:
        args.append([address(wallet, "wallet")])
        conditions.append(f"wallets @> ${len(args)}::text[]")
    if cursor is not None:
        [seq] = decode_cursor(cursor, "activity", (int,))
        args.append(seq)
        conditions.append(f"seq < ${len(args)}")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    args.append(limit + 1)
    rows = await pool.fetch(
        f"""SELECT seq, signature, ix_index, event_index, slot, block_time, program, name,
                   data::text AS data
            FROM events {where} ORDER BY seq DESC LIMIT ${len(args)}""",  # noqa: S608 (fixed fragments)
        *args,
    )
    return page(rows, limit, "activity", lambda row: [row["seq"]], from_row)
