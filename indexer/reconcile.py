"""``betfun reconcile``: the arena program's accounts on chain (getProgramAccounts) against
the database's projections, field by field: the config, every arena (status, winner,
pots, unclaimed pot, payout pool, set collateral) and every position (stakes, claimed).

Run it when the chain is quiet: a transaction landing between the two reads shows as a
difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import asyncpg

from betfun.indexer.source.arena_accounts import read_arena_accounts
from betfun.indexer.source.rpc import JsonRpc


@dataclass(frozen=True, slots=True)
class Report:
    slot: int
    arenas: int
    positions: int
    differences: list[str]


def _compare(what: str, chain: dict[str, Any], db: dict[str, Any], differences: list[str]) -> None:
    for field, value in chain.items():
        if db.get(field) != value:
            differences.append(f"{what}: {field} is {value!r} on chain, {db.get(field)!r} in DB")


async def reconcile(rpc: JsonRpc, pool: asyncpg.Pool) -> Report:
    differences: list[str] = []
    chain_state = await read_arena_accounts(rpc)
    async with pool.acquire() as connection:
        db_config = await connection.fetchrow(
            "SELECT admin, treasury, protocol_fee_bps, paused FROM platform_config "
            "WHERE program = 'arena'"
        )
        db_arenas = await connection.fetch(
            """SELECT address, arena_id, status, winning_outcome, total_pot, pot_unclaimed,
                      payout_pool, set_collateral,
                      ARRAY(SELECT pot FROM outcomes o WHERE o.arena = a.address
                            ORDER BY o.outcome) AS pots
               FROM arenas a"""
        )
        db_positions = await connection.fetch(
            "SELECT arena, owner, stakes, total_staked, claimed FROM positions "
            "WHERE total_staked > 0"
        )

    config = chain_state.config
    if config is not None:
        chain = {
            "admin": str(config.admin),
            "treasury": str(config.treasury),
            "protocol_fee_bps": config.protocol_fee_bps,
            "paused": config.paused,
        }
        if db_config is None:
            differences.append("config: on chain, not in DB")
        else:
            _compare("config", chain, dict(db_config), differences)

    arenas_in_db = {row["address"]: row for row in db_arenas}
    for arena in chain_state.arenas:
        row = arenas_in_db.pop(str(arena.address), None)
        what = f"arena {arena.id} ({arena.address})"
        if row is None:
            differences.append(f"{what}: on chain, not in DB")
            continue
        chain = {
            "status": arena.status.label,
            "winning_outcome": arena.winning_outcome,
            "pots": list(arena.pots),
            "total_pot": arena.total_pot,
            "pot_unclaimed": arena.pot_unclaimed,
            "payout_pool": arena.payout_pool,
            "set_collateral": arena.set_collateral,
        }
        _compare(what, chain, _plain(row), differences)
    differences.extend(f"arena {a}: in DB, not on chain" for a in arenas_in_db)

    positions_in_db = {(row["arena"], row["owner"]): row for row in db_positions}
    for position in chain_state.positions:
        key = (str(position.arena), str(position.owner))
        row = positions_in_db.pop(key, None)
        what = f"position of {key[1]} in arena {key[0]}"
        if row is None:
            differences.append(f"{what}: on chain, not in DB")
            continue
        plain = _plain(row)
        stakes = [int(stake) for stake in row["stakes"]]
        padded = stakes + [0] * (len(position.stakes) - len(stakes))
        chain = {
            "stakes": list(position.stakes),
            "total_staked": position.total_staked,
            "claimed": position.claimed,
        }
        _compare(what, chain, {**plain, "stakes": padded}, differences)
    differences.extend(
        f"position of {owner} in arena {arena}: in DB, not on chain"
        for arena, owner in positions_in_db
    )
    return Report(
        chain_state.slot, len(chain_state.arenas), len(chain_state.positions), differences
    )


def _plain(row: asyncpg.Record) -> dict[str, object]:
    """A row with numerics as ints (NUMERIC(20, 0) reads as Decimal)."""
    return {key: _int_values(value) for key, value in row.items()}


def _int_values(value: object) -> object:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_int_values(item) for item in value]
    if isinstance(value, Decimal):
        return int(value)
    return value
