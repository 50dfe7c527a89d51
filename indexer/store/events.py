"""The ``events`` table and the per-program ``cursors``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from betfun.indexer.decode.event import DecodedEvent, EventKey
from betfun.indexer.source.follow import Cursor
from betfun.indexer.store.projection import Connection, timestamp


async def insert(connection: Connection, events: Sequence[DecodedEvent[Any]]) -> set[EventKey]:
    """Insert ``events`` in one statement; the keys of those that were not there yet."""
    if not events:
        return set()
    rows = await connection.fetch(
        """INSERT INTO events
               (signature, ix_index, event_index, slot, block_time, program, name, data)
           SELECT e.signature, e.ix_index, e.event_index, e.slot, e.block_time, e.program,
                  e.name, e.data::jsonb
           FROM unnest($1::text[], $2::int[], $3::int[], $4::bigint[], $5::timestamptz[],
                       $6::text[], $7::text[], $8::text[])
                WITH ORDINALITY
                AS e (signature, ix_index, event_index, slot, block_time, program, name,
                      data, position)
           ORDER BY e.position
           ON CONFLICT (signature, ix_index, event_index) DO NOTHING
           RETURNING signature, ix_index, event_index""",
        [e.key.signature for e in events],
        [e.key.ix_index for e in events],
        [e.key.event_index for e in events],
        [e.slot for e in events],
        [timestamp(e.block_time) for e in events],
        [e.program for e in events],
        [e.name for e in events],
        [json.dumps(e.data(), separators=(",", ":")) for e in events],
    )
    return {EventKey(r["signature"], r["ix_index"], r["event_index"]) for r in rows}


async def cursor(connection: Connection | asyncpg.Pool, program: str) -> Cursor | None:
    row = await connection.fetchrow(
        "SELECT last_signature, last_slot FROM cursors WHERE program = $1", program
    )
    return None if row is None else Cursor(row["last_signature"], row["last_slot"])


async def advance_cursor(connection: Connection, program: str, to: Cursor) -> None:
    """Move the program's cursor to ``to``, unless that would take its slot backwards."""
    await connection.execute(
        """INSERT INTO cursors (program, last_signature, last_slot) VALUES ($1, $2, $3)
           ON CONFLICT (program) DO UPDATE SET
               last_signature = EXCLUDED.last_signature,
               last_slot = EXCLUDED.last_slot,
               updated_at = now()
           WHERE cursors.last_slot <= EXCLUDED.last_slot""",
        program,
        to.signature,
        to.slot,
    )
