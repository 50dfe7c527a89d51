"""``wallet_stats``: counters per wallet that any program's projection moves."""

from __future__ import annotations

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


async def add(
    connection: Connection,
    wallet: str,
    slot: int,
    time: datetime | None,
    **increments: int,
) -> None:
    """Add ``increments`` to the wallet's counters (creating its row) and mark it active."""
    unknown = increments.keys() - COUNTERS
    if unknown:
        raise ValueError(f"not wallet counters: {sorted(unknown)}")
    columns = sorted(increments)
    names = "".join(f", {c}" for c in columns)
    values = "".join(f", ${i + 5}" for i in range(len(columns)))
    updates = "".join(f", {c} = wallet_stats.{c} + EXCLUDED.{c}" for c in columns)
    await connection.execute(
        f"""INSERT INTO wallet_stats (wallet, first_slot, last_slot, last_time{names})
            VALUES ($1, $2, $3, $4{values})
            ON CONFLICT (wallet) DO UPDATE SET
                last_slot = GREATEST(wallet_stats.last_slot, EXCLUDED.last_slot),
                last_time = GREATEST(wallet_stats.last_time, EXCLUDED.last_time){updates}""",  # noqa: S608 (column names from COUNTERS)
        wallet,
        slot,
        slot,
        time,
        *(increments[c] for c in columns),
    )
