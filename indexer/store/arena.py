"""The arena program's projections: arenas, outcomes, bets, set operations, positions,
claims, redemptions, the platform config and wallet statistics, from its events.

Each event carries the values the program computed (pots after a bet, the set collateral
after a split...), so the projections copy them rather than recompute them, and an
arena's row agrees with its account after every event.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from betfun.client.arena import events as ev
from betfun.indexer.decode.event import DecodedEvent
from betfun.indexer.store import wallets
from betfun.indexer.store.projection import Connection, timestamp

ArenaEvent = ev.ArenaEvent


class ArenaProjection:
    async def apply(
        self, connection: Connection, events: Sequence[DecodedEvent[ArenaEvent]]
    ) -> None:
        # Consecutive bets, what a busy arena's batches are made of, go in one pipelined
        # executemany: the statements still run one after another, in order.
        for is_bet, run in itertools.groupby(
            events, key=lambda event: isinstance(event.event, ev.BetPlaced)
        ):
            if is_bet:
                await connection.executemany(_BET_SQL, [_bet_arguments(e) for e in run])
            else:
                for event in run:
                    await _apply_one(connection, event)


async def _apply_one(connection: Connection, event: DecodedEvent[ArenaEvent]) -> None:
    match event.event:
        case ev.ConfigInitialized() | ev.ConfigUpdated() as config:
            await upsert_config(connection, config, event.slot)
        case ev.ArenaCreated() as created:
            await insert_arena(connection, created, event.slot, event.block_time)
        case ev.SetsSplit() | ev.SetsMerged() as sets:
            await _sets(connection, event, sets)
        case ev.ArenaResolved() as resolved:
            await _resolved(connection, event, resolved)
        case ev.ArenaVoided() as voided:
            await _voided(connection, event, voided)
        case ev.Claimed() as claimed:
            await _claimed(connection, event, claimed)
        case ev.Redeemed() as redeemed:
            await _redeemed(connection, event, redeemed)


def _key(event: DecodedEvent[ArenaEvent]) -> tuple[str, int, int]:
    return (event.key.signature, event.key.ix_index, event.key.event_index)


async def upsert_config(
    connection: Connection, config: ev.ConfigInitialized | ev.ConfigUpdated, slot: int
) -> None:
    paused = config.paused if isinstance(config, ev.ConfigUpdated) else False
    await connection.execute(
        """INSERT INTO platform_config
               (program, admin, treasury, protocol_fee_bps, paused, updated_slot)
           VALUES ('arena', $1, $2, $3, $4, $5)
           ON CONFLICT (program) DO UPDATE SET
               admin = EXCLUDED.admin, treasury = EXCLUDED.treasury,
               protocol_fee_bps = EXCLUDED.protocol_fee_bps, paused = EXCLUDED.paused,
               updated_slot = EXCLUDED.updated_slot""",
        str(config.admin),
        str(config.treasury),
        config.protocol_fee_bps,
        paused,
        slot,
    )


async def insert_arena(
    connection: Connection, created: ev.ArenaCreated, slot: int, block_time: int | None
) -> None:
    arena = str(created.arena)
    await connection.execute(
        """INSERT INTO arenas
               (address, arena_id, creator, resolver, collateral_mint, vault, title, category,
                outcome_count, status, creator_fee_bps, protocol_fee_bps, close_time,
                created_time, search, created_slot, updated_slot)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13,
                   setweight(to_tsvector('english', $7), 'A')
                   || setweight(to_tsvector('english', $14), 'B')
                   || setweight(to_tsvector('english', $8), 'C'),
                   $15, $15)""",
        arena,
        created.arena_id,
        str(created.creator),
        str(created.resolver),
        str(created.collateral_mint),
        str(created.vault),
        created.title,
        created.category,
        len(created.outcomes),
        created.creator_fee_bps,
        created.protocol_fee_bps,
        timestamp(created.close_ts),
        timestamp(created.created_ts),
        " ".join(created.outcomes),
        slot,
    )
    await connection.execute(
        """INSERT INTO outcomes (arena, outcome, label, mint)
           SELECT $1, o.index - 1, o.label, o.mint
           FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS o (label, mint, index)""",
        arena,
        list(created.outcomes),
        [str(mint) for mint in created.outcome_mints],
    )
    await wallets.add(
        connection,
        str(created.creator),
        slot,
        timestamp(block_time),
        arenas_created=1,
    )


async def _ensure_position(connection: Connection, arena: str, owner: str, slot: int) -> None:
    await connection.execute(
        """INSERT INTO positions (arena, owner, stakes, updated_slot)
           SELECT address, $2, array_fill(0::numeric, ARRAY[outcome_count::int]), $3
           FROM arenas WHERE address = $1
           ON CONFLICT (arena, owner) DO NOTHING""",
        arena,
        owner,
        slot,
    )


# A bet in one round trip (a burst of bets is bound by round trips): the position, the
# arena, the outcome, the bet and the bettor's counters, as data-modifying CTEs on
# different tables, the first bet passed on through RETURNING.
_BET_CTES = """WITH position AS (
        INSERT INTO positions AS p (arena, owner, stakes, total_staked, updated_slot)
        SELECT a.address, $2,
               ARRAY(SELECT CASE WHEN i = $3 + 1 THEN $4::numeric ELSE 0 END
                     FROM generate_series(1, a.outcome_count) AS i ORDER BY i),
               $5::numeric, $6
        FROM arenas a WHERE a.address = $1
        ON CONFLICT (arena, owner) DO UPDATE SET
            stakes[$3 + 1] = $4,
            total_staked = p.total_staked + $5,
            updated_slot = $6
        RETURNING p.total_staked = $5 AS first_bet
    ),
    arena AS (
        UPDATE arenas SET
            total_pot = $7,
            pot_unclaimed = pot_unclaimed + $5,
            volume = volume + $5,
            bet_count = bet_count + 1,
            bettor_count = bettor_count + (SELECT first_bet::int FROM position),
            updated_slot = $6
        WHERE address = $1
    ),
    outcome AS (
        UPDATE outcomes SET pot = $8, bettor_count = bettor_count + $9
        WHERE arena = $1 AND outcome = $3
    ),
    placed AS (
        INSERT INTO bets
            (signature, ix_index, event_index, arena, bettor, outcome, amount,
             outcome_pot, total_pot, position_stake, slot, block_time)
        VALUES ($10, $11, $12, $1, $2, $3, $5, $8, $7, $4, $6, $13)
    )
"""
_BET_SQL = _BET_CTES + wallets.upsert_sql(
    ["arenas_entered", "bet_count", "staked"],
    "SELECT $2, $6, $6, $13, first_bet::int, 1, $5 FROM position",
)


def _bet_arguments(event: DecodedEvent[ArenaEvent]) -> tuple[object, ...]:
    bet = event.event
    assert isinstance(bet, ev.BetPlaced)
    return (
        str(bet.arena),
        str(bet.bettor),
        bet.outcome,
        bet.position_stake,
        bet.amount,
        event.slot,
        bet.total_pot,
        bet.outcome_pot,
        int(bet.position_stake == bet.amount),
        *_key(event),
        timestamp(event.block_time),
    )


async def _sets(
    connection: Connection,
    event: DecodedEvent[ArenaEvent],
    sets: ev.SetsSplit | ev.SetsMerged,
) -> None:
    arena, owner = str(sets.arena), str(sets.owner)
    split = isinstance(sets, ev.SetsSplit)
    await connection.execute(
        """UPDATE arenas SET set_collateral = $2, volume = volume + $3, updated_slot = $4
           WHERE address = $1""",
        arena,
        sets.set_collateral,
        sets.amount if split else 0,
        event.slot,
    )
    await connection.execute(
        """INSERT INTO set_operations
               (signature, ix_index, event_index, arena, owner, kind, amount, set_collateral,
                slot, block_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""",
        *_key(event),
        arena,
        owner,
        "split" if split else "merge",
        sets.amount,
        sets.set_collateral,
        event.slot,
        timestamp(event.block_time),
    )
    await _ensure_position(connection, arena, owner, event.slot)
    column = "sets_split" if split else "sets_merged"
    await connection.execute(
        f"""UPDATE positions SET {column} = {column} + $3, updated_slot = $4
            WHERE arena = $1 AND owner = $2""",  # noqa: S608 (one of two fixed names)
        arena,
        owner,
        sets.amount,
        event.slot,
    )
    await wallets.add(
        connection, owner, event.slot, timestamp(event.block_time), **{column: sets.amount}
    )


async def _resolved(
    connection: Connection, event: DecodedEvent[ArenaEvent], resolved: ev.ArenaResolved
) -> None:
    arena = str(resolved.arena)
    await connection.execute(
        """UPDATE arenas SET
               status = 'resolved', winning_outcome = $2, resolved_time = $3,
               payout_pool = $4, pot_unclaimed = $4, protocol_fee = $5, creator_fee = $6,
               total_pot = $7, updated_slot = $8
           WHERE address = $1""",
        arena,
        resolved.winning_outcome,
        timestamp(resolved.ts),
        resolved.payout_pool,
        resolved.protocol_fee,
        resolved.creator_fee,
        resolved.total_pot,
        event.slot,
    )
    if resolved.winning_pot == 0:
        return  # nobody backed the winner: every stake is refunded, nobody won or lost
    # Each position's result, with the program's formula: stake * payout_pool / winning_pot,
    # rounded down.
    await connection.execute(
        """UPDATE wallet_stats AS w SET
               wins = w.wins + (p.stakes[$2 + 1] > 0)::int,
               losses = w.losses + (p.stakes[$2 + 1] = 0)::int,
               realized_pnl = w.realized_pnl
                   + div(p.stakes[$2 + 1] * $3::numeric, $4::numeric) - p.total_staked
           FROM positions AS p
           WHERE p.arena = $1 AND p.total_staked > 0 AND w.wallet = p.owner""",
        arena,
        resolved.winning_outcome,
        resolved.payout_pool,
        resolved.winning_pot,
    )


async def _voided(
    connection: Connection, event: DecodedEvent[ArenaEvent], voided: ev.ArenaVoided
) -> None:
    await connection.execute(
        """UPDATE arenas SET
               status = 'voided', resolved_time = $2, payout_pool = $3, total_pot = $3,
               updated_slot = $4
           WHERE address = $1""",
        str(voided.arena),
        timestamp(voided.ts),
        voided.total_pot,
        event.slot,
    )


async def _claimed(
    connection: Connection, event: DecodedEvent[ArenaEvent], claimed: ev.Claimed
) -> None:
    arena, owner = str(claimed.arena), str(claimed.owner)
    await connection.execute(
        """UPDATE arenas SET pot_unclaimed = pot_unclaimed - $2, updated_slot = $3
           WHERE address = $1""",
        arena,
        claimed.amount,
        event.slot,
    )
    await connection.execute(
        """UPDATE positions SET claimed = true, claimed_amount = $3, updated_slot = $4
           WHERE arena = $1 AND owner = $2""",
        arena,
        owner,
        claimed.amount,
        event.slot,
    )
    await connection.execute(
        """INSERT INTO claims
               (signature, ix_index, event_index, arena, owner, amount, refund, slot,
                block_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""",
        *_key(event),
        arena,
        owner,
        claimed.amount,
        claimed.refund,
        event.slot,
        timestamp(event.block_time),
    )
    await wallets.add(
        connection, owner, event.slot, timestamp(event.block_time), claimed=claimed.amount
    )


async def _redeemed(
    connection: Connection, event: DecodedEvent[ArenaEvent], redeemed: ev.Redeemed
) -> None:
    arena, owner = str(redeemed.arena), str(redeemed.owner)
    await connection.execute(
        "UPDATE arenas SET set_collateral = $2, updated_slot = $3 WHERE address = $1",
        arena,
        redeemed.set_collateral,
        event.slot,
    )
    await connection.execute(
        """INSERT INTO redemptions
               (signature, ix_index, event_index, arena, owner, amounts, payout,
                set_collateral, slot, block_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""",
        *_key(event),
        arena,
        owner,
        list(redeemed.amounts),
        redeemed.payout,
        redeemed.set_collateral,
        event.slot,
        timestamp(event.block_time),
    )
    await _ensure_position(connection, arena, owner, event.slot)
    await connection.execute(
        """UPDATE positions SET redeemed = redeemed + $3, updated_slot = $4
           WHERE arena = $1 AND owner = $2""",
        arena,
        owner,
        redeemed.payout,
        event.slot,
    )
    await wallets.add(
        connection, owner, event.slot, timestamp(event.block_time), redeemed=redeemed.payout
    )
