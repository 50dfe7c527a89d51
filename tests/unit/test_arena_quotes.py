"""Quotes and amounts: the SDK's integer formulas are the program's (programs/arena/src/math.rs).

The worked example is the program's own unit test (`a_pot_worked_by_hand`); the properties
are the program's guarantees: payouts never exceed the pool and lose less than one unit per
winner to rounding, fees are taken only when someone backed the winner.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from solders.pubkey import Pubkey

from betfun.client.amounts import U64_MAX, AmountError, format_amount, parse_amount
from betfun.client.arena import ArenaAccount, ArenaStatus, PositionAccount
from betfun.client.arena.quotes import (
    ResolutionFees,
    expected_claim,
    implied_odds,
    payout_pool,
    redemption_payout,
    resolution_fees,
    winning_payout,
)

KEY = Pubkey.default()


def arena(
    pots: list[int],
    *,
    status: ArenaStatus = ArenaStatus.OPEN,
    winner: int | None = None,
    protocol_bps: int = 200,
    creator_bps: int = 100,
) -> ArenaAccount:
    """An arena as the program leaves it: at resolution the pool is fixed from the pots."""
    total = sum(pots)
    pool = 0
    if status is ArenaStatus.RESOLVED:
        assert winner is not None
        pool = payout_pool(total, resolution_fees(total, pots[winner], protocol_bps, creator_bps))
    elif status is ArenaStatus.VOIDED:
        pool = total
    return ArenaAccount(
        address=KEY,
        id=7,
        creator=KEY,
        resolver=KEY,
        collateral_mint=KEY,
        vault=KEY,
        status=status,
        winning_outcome=winner,
        creator_fee_bps=creator_bps,
        protocol_fee_bps=protocol_bps,
        close_ts=1_700_000_000,
        created_ts=1_699_000_000,
        resolved_ts=None if status is ArenaStatus.OPEN else 1_700_000_001,
        pots=tuple(pots),
        total_pot=total,
        pot_unclaimed=pool,
        payout_pool=pool,
        set_collateral=0,
        outcome_mints=(KEY,) * len(pots),
        title="t",
        category="c",
        outcomes=tuple(f"o{i}" for i in range(len(pots))),
    )


def position(stakes: list[int], *, claimed: bool = False) -> PositionAccount:
    padded = stakes + [0] * (8 - len(stakes))
    return PositionAccount(
        address=KEY,
        arena=KEY,
        owner=KEY,
        stakes=tuple(padded),
        total_staked=sum(stakes),
        claimed=claimed,
    )


def test_the_programs_worked_example() -> None:
    # 600 on the winner, 400 on the losers; 2% protocol, 1% creator.
    fees = resolution_fees(1_000, 600, 200, 100)
    assert fees == ResolutionFees(protocol=20, creator=10)
    assert payout_pool(1_000, fees) == 970
    assert winning_payout(100, 600, 970) == 161
    assert winning_payout(500, 600, 970) == 808

    resolved = arena([600, 400], status=ArenaStatus.RESOLVED, winner=0)
    assert resolved.payout_pool == 970
    assert expected_claim(resolved, position([100])).amount == 161
    assert expected_claim(resolved, position([500, 400])).amount == 808
    assert expected_claim(resolved, position([0, 400])).amount == 0


def test_fees_round_down() -> None:
    assert resolution_fees(39, 1, 250, 250) == ResolutionFees(0, 0)
    assert resolution_fees(40, 1, 250, 0) == ResolutionFees(1, 0)
    assert resolution_fees(U64_MAX, 1, 250, 0).protocol == U64_MAX // 40


def test_nobody_on_the_winner_refunds_every_stake_without_fees() -> None:
    assert resolution_fees(1_000, 0, 200, 100) == ResolutionFees(0, 0)
    resolved = arena([0, 300, 700], status=ArenaStatus.RESOLVED, winner=0)
    quote = expected_claim(resolved, position([0, 300, 50]))
    assert (quote.amount, quote.refund) == (350, True)


def test_a_void_refunds_every_stake() -> None:
    voided = arena([100, 200], status=ArenaStatus.VOIDED)
    quote = expected_claim(voided, position([10, 20]))
    assert (quote.amount, quote.refund) == (30, True)


def test_a_claimed_position_gets_nothing_more() -> None:
    resolved = arena([600, 400], status=ArenaStatus.RESOLVED, winner=0)
    assert expected_claim(resolved, position([100], claimed=True)).amount == 0


def test_an_open_arena_quotes_a_hypothetical_win() -> None:
    open_arena = arena([600, 400])
    assert expected_claim(open_arena, position([100]), winning_outcome=0).amount == 161
    assert expected_claim(open_arena, position([0, 40]), winning_outcome=1).amount == 97
    with pytest.raises(ValueError, match="say which outcome"):
        expected_claim(open_arena, position([100]))
    with pytest.raises(ValueError, match="out of range"):
        expected_claim(open_arena, position([100]), winning_outcome=2)


@given(
    stakes=st.lists(st.integers(1, 10**12), min_size=1, max_size=20),
    losing=st.integers(0, 10**13),
    protocol_bps=st.integers(0, 1_000),
    creator_bps=st.integers(0, 1_000),
)
def test_payouts_never_exceed_the_pool(
    stakes: list[int], losing: int, protocol_bps: int, creator_bps: int
) -> None:
    winning_pot = sum(stakes)
    total = winning_pot + losing
    fees = resolution_fees(total, winning_pot, protocol_bps, creator_bps)
    assert fees.protocol == total * protocol_bps // 10_000
    assert fees.creator == total * creator_bps // 10_000
    pool = payout_pool(total, fees)
    paid = sum(winning_payout(stake, winning_pot, pool) for stake in stakes)
    assert paid <= pool
    assert pool - paid < len(stakes)


@given(pots=st.lists(st.integers(0, 10**12), min_size=2, max_size=8))
def test_implied_probabilities_share_the_pot(pots: list[int]) -> None:
    odds = implied_odds(arena(pots))
    if sum(pots) == 0:
        assert all(o.probability is None and o.payout_multiple is None for o in odds)
        return
    assert sum(o.probability or 0 for o in odds) == 1
    for pot, o in zip(pots, odds, strict=True):
        assert o.probability == Fraction(pot, sum(pots))
        assert (o.payout_multiple is None) == (pot == 0)


def test_payout_multiple_is_the_net_pot_per_unit() -> None:
    odds = implied_odds(arena([600, 400]))
    assert odds[0].payout_multiple == Fraction(970, 600)
    assert odds[1].payout_multiple == Fraction(970, 400)


def test_redemption_pays_winning_tokens_or_a_share_after_a_void() -> None:
    resolved = arena([600, 400], status=ArenaStatus.RESOLVED, winner=1)
    assert redemption_payout(resolved, [5, 7]) == 7
    voided = arena([0, 0, 0], status=ArenaStatus.VOIDED)
    assert redemption_payout(voided, [3, 3, 3]) == 3
    assert redemption_payout(voided, [3, 3, 2]) == 2
    with pytest.raises(ValueError, match="resolved or voided"):
        redemption_payout(arena([1, 1]), [1, 1])
    with pytest.raises(ValueError, match="one amount per outcome"):
        redemption_payout(resolved, [1])


@pytest.mark.parametrize(
    ("text", "decimals", "expected"),
    [
        ("10", 6, 10_000_000),
        ("10.5", 6, 10_500_000),
        ("0.000001", 6, 1),
        ("1.500000", 6, 1_500_000),
        (".25", 2, 25),
        ("7.", 0, 7),
        ("  3  ", 6, 3_000_000),
        ("0", 6, 0),
        ("18446744073709.551615", 6, U64_MAX),
    ],
)
def test_amounts_are_parsed_exactly(text: str, decimals: int, expected: int) -> None:
    assert parse_amount(text, decimals) == expected


@pytest.mark.parametrize(
    ("text", "decimals", "message"),
    [
        ("1.0000001", 6, "more than 6 decimal places"),
        ("0.5", 0, "more than 0 decimal places"),
        ("-1", 6, "not an amount"),
        ("1e3", 6, "not an amount"),
        ("nan", 6, "not an amount"),
        ("1,5", 6, "not an amount"),
        ("", 6, "not an amount"),
        ("18446744073709.551616", 6, "more than a token account can hold"),
    ],
)
def test_bad_amounts_are_refused(text: str, decimals: int, message: str) -> None:
    with pytest.raises(AmountError, match=message):
        parse_amount(text, decimals)


@given(base_units=st.integers(0, U64_MAX), decimals=st.integers(0, 12))
def test_formatting_and_parsing_round_trip(base_units: int, decimals: int) -> None:
    text = format_amount(base_units, decimals)
    assert parse_amount(text, decimals) == base_units


def test_formatting_drops_trailing_zeros() -> None:
    assert format_amount(10_500_000, 6) == "10.5"
    assert format_amount(3_000_000, 6) == "3"
    assert format_amount(1, 6) == "0.000001"
