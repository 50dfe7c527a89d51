"""``wallet_stats``: counters per wallet that any program's projection moves."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from betfun.indexer.store.projection import Connection

# The counters a projection may add to; column names are never taken from data.
COUNTERS = frozenset(
    {
        "bet_count",
        "staked",
        "arenas_entered",
        "arenas_created",
        "claimed",
        "sets_split",
        "sets_merged",
        "redeemed",
    }
)


def upsert_sql(columns: Sequence[str], rows: str) -> str:
    """The statement that adds to the counters ``columns`` of the wallets in ``rows`` (a
    VALUES list or a SELECT of wallet, first slot, last slot, last time, then one value
    per column), creating their rows and marking them active."""
    unknown = set(columns) - COUNTERS
    if unknown:
        raise ValueError(f"not wallet counters: {sorted(unknown)}")
    names = "".join(f", {c}" for c in columns)
    updates = "".join(f", {c} = wallet_stats.{c} + EXCLUDED.{c}" for c in columns)
    return f"""INSERT INTO wallet_stats (wallet, first_slot, last_slot, last_time{names})
        {rows}
        ON CONFLICT (wallet) DO UPDATE SET
            last_slot = GREATEST(wallet_stats.last_slot, EXCLUDED.last_slot),
            last_time = GREATEST(wallet_stats.last_time, EXCLUDED.last_time){updates}"""


async def add(
    connection: Connection,
    wallet: str,
    slot: int,
    time: datetime | None,
    **increments: int,
) -> None:
    """Add ``increments`` to the wallet's counters (creating its row) and mark it active."""
    columns = sorted(increments)
    values = "".join(f", ${i + 4}" for i in range(len(columns)))
    await connection.execute(
        upsert_sql(columns, f"VALUES ($1, $2, $2, $3{values})"),
        wallet,
        slot,
        time,
        *(increments[c] for c in columns),
    )
