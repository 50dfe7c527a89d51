"""The arena program's projections seeded from its accounts (a snapshot), for a node
whose transaction history does not reach back to the program's beginning.

What accounts hold is exact: the config, each arena's status, winner, pots, unclaimed pot,
payout pool, set collateral and fees, each position's stakes and whether it claimed (and
so what it was paid). What only history holds starts from the snapshot: volume, bet counts,
the events table and the wallets' statistics (bets, stakes, wins and losses) count what
happens after it.
"""

from __future__ import annotations

import dataclasses

from betfun.client.arena import events as ev
from betfun.client.arena.accounts import ArenaAccount, ArenaStatus, PositionAccount
from betfun.client.arena.quotes import arena_fees, expected_claim
from betfun.indexer.source.arena_accounts import ArenaAccounts, read_arena_accounts
from betfun.indexer.source.rpc import JsonRpc
from betfun.indexer.store.arena import insert_arena, upsert_config
from betfun.indexer.store.projection import Connection, timestamp


class ArenaSnapshot:
    async def read(self, rpc: JsonRpc) -> ArenaAccounts:
        return await read_arena_accounts(rpc)

    async def seed(self, connection: Connection, state: ArenaAccounts) -> None:
        await seed(connection, state)


async def seed(connection: Connection, accounts: ArenaAccounts) -> None:
    slot = accounts.slot
    if accounts.config is not None:
        config = accounts.config
        await upsert_config(
            connection,
            ev.ConfigUpdated(
                admin=config.admin,
                treasury=config.treasury,
                protocol_fee_bps=config.protocol_fee_bps,
                paused=config.paused,
            ),
            slot,
        )
    arenas = {arena.address: arena for arena in accounts.arenas}
    for arena in accounts.arenas:
        await _arena(connection, arena, slot)
    for position in accounts.positions:
        its_arena = arenas.get(position.arena)
        if its_arena is not None:
            await _position(connection, its_arena, position, slot)
    await connection.execute(
        """UPDATE arenas a SET bettor_count = (
               SELECT count(*) FROM positions p WHERE p.arena = a.address AND p.total_staked > 0)
           WHERE a.created_slot = $1""",
        slot,
    )
    await connection.execute(
        """UPDATE outcomes o SET bettor_count = (
               SELECT count(*) FROM positions p
               WHERE p.arena = o.arena AND p.stakes[o.outcome + 1] > 0)
           FROM arenas a WHERE a.address = o.arena AND a.created_slot = $1""",
        slot,
    )


async def _arena(connection: Connection, arena: ArenaAccount, slot: int) -> None:
    created = ev.ArenaCreated(
        arena=arena.address,
        arena_id=arena.id,
        creator=arena.creator,
        resolver=arena.resolver,
        collateral_mint=arena.collateral_mint,
        vault=arena.vault,
        title=arena.title,
        category=arena.category,
        outcomes=arena.outcomes,
        outcome_mints=arena.outcome_mints,
        close_ts=arena.close_ts,
        creator_fee_bps=arena.creator_fee_bps,
        protocol_fee_bps=arena.protocol_fee_bps,
        created_ts=arena.created_ts,
    )
    await insert_arena(connection, created, slot, None)
    winner = arena.winning_outcome if arena.status is ArenaStatus.RESOLVED else None
    fees = None if winner is None else arena_fees(arena, winner)
    await connection.execute(
        """UPDATE arenas SET status = $2, winning_outcome = $3, resolved_time = $4,
               total_pot = $5, pot_unclaimed = $6, payout_pool = $7, set_collateral = $8,
               protocol_fee = $9, creator_fee = $10
           WHERE address = $1""",
        str(arena.address),
        arena.status.label,
        arena.winning_outcome,
        timestamp(arena.resolved_ts),
        arena.total_pot,
        arena.pot_unclaimed,
        arena.payout_pool,
        arena.set_collateral,
        0 if fees is None else fees.protocol,
        0 if fees is None else fees.creator,
    )
    await connection.execute(
        """UPDATE outcomes SET pot = p.pot
           FROM unnest($2::numeric[]) WITH ORDINALITY AS p (pot, index)
           WHERE arena = $1 AND outcome = p.index - 1""",
        str(arena.address),
        list(arena.pots),
    )


async def _position(
    connection: Connection, arena: ArenaAccount, position: PositionAccount, slot: int
) -> None:
    # What claim paid is what it would pay now had it not claimed (the arena is frozen).
    paid = (
        expected_claim(arena, dataclasses.replace(position, claimed=False)).amount
        if position.claimed
        else 0
    )
    await connection.execute(
        """INSERT INTO positions
               (arena, owner, stakes, total_staked, claimed, claimed_amount, updated_slot)
           VALUES ($1, $2, $3, $4, $5, $6, $7)""",
        str(arena.address),
        str(position.owner),
        list(position.stakes[: arena.outcome_count]),
        position.total_staked,
        position.claimed,
        paid,
        slot,
    )
