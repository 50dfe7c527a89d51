"""SQL expressions of what a settled position pays, for queries over ``positions p`` joined
with its arena ``a`` and the arena's winning outcome ``w`` (LEFT JOIN, null unless
resolved). They follow the program's integer formulas (betfun.client.arena.quotes): a
winner gets floor(stake * payout_pool / winning_pot) — ``div`` is PostgreSQL's exact
integer quotient —, a void or a winner nobody backed refunds every stake."""

from __future__ import annotations

WINNING_OUTCOME_JOIN = (
    "LEFT JOIN outcomes w ON w.arena = a.address AND w.outcome = a.winning_outcome"
)

_WINNING_STAKE = "p.stakes[a.winning_outcome + 1]"
_PAID = "a.status = 'resolved' AND w.pot > 0"

# What the position receives once settled (its stakes back on a refund); 0 while open.
PAYOUT = f"""CASE
    WHEN {_PAID} THEN div({_WINNING_STAKE} * a.payout_pool, w.pot)
    WHEN a.status = 'open' THEN 0
    ELSE p.total_staked END"""

CLAIMABLE = f"CASE WHEN p.claimed THEN 0 ELSE {PAYOUT} END"

# Winnings less stakes; 0 for refunds and while open.
PNL = f"""CASE
    WHEN {_PAID} THEN div({_WINNING_STAKE} * a.payout_pool, w.pot) - p.total_staked
    ELSE 0 END"""
WON = f"({_PAID} AND {_WINNING_STAKE} > 0)"
LOST = f"({_PAID} AND {_WINNING_STAKE} = 0)"
