"""How ``betfun arena`` reads what people type: arenas, outcomes, close times, fees."""

from __future__ import annotations

import argparse

import pytest
from solders.pubkey import Pubkey

from betfun.client.arena import ArenaAccount, ArenaStatus
from betfun.client.cli_arena import arena_ref, close_time, fee_bps, outcome_index
from betfun.client.cli_output import CliError, table

NOW = 1_800_000_000


def test_an_arena_is_an_id_or_an_address() -> None:
    assert arena_ref("42") == 42
    key = Pubkey.new_unique()
    assert arena_ref(str(key)) == key
    with pytest.raises(argparse.ArgumentTypeError, match="not an arena id or address"):
        arena_ref("-1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+90s", NOW + 90),
        ("+30m", NOW + 1800),
        ("+2h", NOW + 7200),
        ("+7d", NOW + 7 * 86400),
        ("1900000000", 1_900_000_000),
        ("2030-01-31T18:00:00Z", 1_896_112_800),
        ("2030-01-31T18:00:00", 1_896_112_800),
        ("2030-01-31T19:00:00+01:00", 1_896_112_800),
    ],
)
def test_close_times(text: str, expected: int) -> None:
    assert close_time(text, NOW) == expected


def test_a_bad_close_time_says_what_works() -> None:
    with pytest.raises(CliError, match=r"use \+30m"):
        close_time("tomorrow", NOW)


def arena(outcomes: tuple[str, ...]) -> ArenaAccount:
    key = Pubkey.default()
    return ArenaAccount(
        address=key,
        id=3,
        creator=key,
        resolver=key,
        collateral_mint=key,
        vault=key,
        status=ArenaStatus.OPEN,
        winning_outcome=None,
        creator_fee_bps=0,
        protocol_fee_bps=0,
        close_ts=NOW,
        created_ts=NOW,
        resolved_ts=None,
        pots=(0,) * len(outcomes),
        total_pot=0,
        pot_unclaimed=0,
        payout_pool=0,
        set_collateral=0,
        outcome_mints=(key,) * len(outcomes),
        title="t",
        category="c",
        outcomes=outcomes,
    )


def test_outcomes_by_index_or_label() -> None:
    derby = arena(("Red", "Blue", "2"))
    assert outcome_index(derby, "1") == 1
    assert outcome_index(derby, "blue") == 1
    assert outcome_index(derby, "2") == 2
    with pytest.raises(CliError, match=r"no outcome 'Green' \(outcomes: 0=Red, 1=Blue, 2=2\)"):
        outcome_index(derby, "Green")
    with pytest.raises(CliError, match="no outcome '3'"):
        outcome_index(derby, "3")


def test_fees_are_bounded() -> None:
    assert fee_bps("1000") == 1000
    for bad in ("1001", "-5", "2.5"):
        with pytest.raises(argparse.ArgumentTypeError, match="0 to 1000"):
            fee_bps(bad)


def test_tables_align_numbers_right() -> None:
    assert table(["#", "name", "pot"], [["1", "Red", "10.5"], ["10", "Blue", "3"]], {0, 2}) == (
        " #  name   pot\n 1  Red   10.5\n10  Blue     3"
    )
