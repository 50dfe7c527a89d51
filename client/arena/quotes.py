"""What an arena pays: fees, payouts, claims, redemptions and implied odds. Pure functions.

The integer formulas are those of programs/arena/src/math.rs, so a quote is exactly what the
program will pay, to the base unit: fees are floor(pot * bps / 10,000) each, taken only when
someone backed the winner; a winner gets floor(stake * payout_pool / winning_pot); a voided
arena, or one whose winner nobody backed, refunds every stake. Odds are exact fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from betfun.client.arena.accounts import ArenaAccount, ArenaStatus, PositionAccount
from betfun.client.arena.program import BPS_DENOMINATOR


@dataclass(frozen=True, slots=True)
class ResolutionFees:
    protocol: int
    creator: int


@dataclass(frozen=True, slots=True)
class ClaimQuote:
    """What ``claim`` pays a position: winnings, or its stakes back (``refund``)."""

    amount: int
    refund: bool


@dataclass(frozen=True, slots=True)
class OutcomeOdds:
    """The crowd's view of one outcome from the pots.

    ``probability`` is the outcome's share of the pot; ``payout_multiple`` is what one unit
    staked on it would return if it won now (the pot net of fees over the outcome's pot).
    Both are None while nothing is staked (on the outcome, for the multiple).
    """

    probability: Fraction | None
    payout_multiple: Fraction | None


def fee_on(amount: int, bps: int) -> int:
    return amount * bps // BPS_DENOMINATOR


def resolution_fees(
    total_pot: int, winning_pot: int, protocol_fee_bps: int, creator_fee_bps: int
) -> ResolutionFees:
    """The fees taken when the arena resolves: none when nobody backed the winner."""
    if winning_pot == 0:
        return ResolutionFees(protocol=0, creator=0)
    return ResolutionFees(
        protocol=fee_on(total_pot, protocol_fee_bps), creator=fee_on(total_pot, creator_fee_bps)
    )


def payout_pool(total_pot: int, fees: ResolutionFees) -> int:
    """What the winners share."""
    return total_pot - fees.protocol - fees.creator


def winning_payout(stake: int, winning_pot: int, pool: int) -> int:
    """A winner's share of ``pool``, pro rata to its stake on the winning outcome."""
    return stake * pool // winning_pot


def arena_fees(arena: ArenaAccount, winning_outcome: int) -> ResolutionFees:
    """The fees ``arena`` pays if ``winning_outcome`` wins with the pots as they are."""
    return resolution_fees(
        arena.total_pot,
        arena.pots[winning_outcome],
        arena.protocol_fee_bps,
        arena.creator_fee_bps,
    )


def expected_claim(
    arena: ArenaAccount, position: PositionAccount, winning_outcome: int | None = None
) -> ClaimQuote:
    """What ``claim`` pays ``position``: for a settled arena, exactly; for an open one, if
    ``winning_outcome`` won with the pots as they are now. Zero once claimed."""
    if arena.status is ArenaStatus.VOIDED:
        return _quote(position, position.total_staked, refund=True)
    if arena.status is ArenaStatus.RESOLVED:
        assert arena.winning_outcome is not None  # set for every resolved arena
        winner, pool = arena.winning_outcome, arena.payout_pool
    elif winning_outcome is None:
        raise ValueError("the arena is open: say which outcome to quote a win for")
    elif not 0 <= winning_outcome < arena.outcome_count:
        raise ValueError(f"outcome {winning_outcome} is out of range for arena {arena.id}")
    else:
        winner = winning_outcome
        pool = payout_pool(arena.total_pot, arena_fees(arena, winner))
    winning_pot = arena.pots[winner]
    if winning_pot == 0:
        return _quote(position, position.total_staked, refund=True)
    payout = winning_payout(position.stakes[winner], winning_pot, pool)
    return _quote(position, payout, refund=False)


def _quote(position: PositionAccount, amount: int, *, refund: bool) -> ClaimQuote:
    return ClaimQuote(amount=0 if position.claimed else amount, refund=refund)


def redemption_payout(arena: ArenaAccount, amounts: Sequence[int]) -> int:
    """Collateral that ``redeem`` pays for burning ``amounts[i]`` of each outcome token: one
    unit per winning token after resolution; after a void, 1/n of a unit per token of any
    outcome, over the whole batch (a complete set returns one unit)."""
    if arena.status is ArenaStatus.OPEN:
        raise ValueError("outcome tokens redeem only once the arena is resolved or voided")
    if len(amounts) != arena.outcome_count:
        raise ValueError(f"give one amount per outcome ({arena.outcome_count})")
    if arena.status is ArenaStatus.VOIDED:
        return sum(amounts) // arena.outcome_count
    assert arena.winning_outcome is not None
    return amounts[arena.winning_outcome]


def implied_odds(arena: ArenaAccount) -> tuple[OutcomeOdds, ...]:
    """Per outcome, its share of the pot and the multiple a winning stake would be paid."""
    odds: list[OutcomeOdds] = []
    for index, pot in enumerate(arena.pots):
        net = payout_pool(arena.total_pot, arena_fees(arena, index))
        odds.append(
            OutcomeOdds(
                probability=Fraction(pot, arena.total_pot) if arena.total_pot else None,
                payout_multiple=Fraction(net, pot) if pot else None,
            )
        )
    return tuple(odds)
