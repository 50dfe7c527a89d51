"""The pool SDK's integer math and quotes against programs/pool/src/math.rs.

The closed-form cases are those of the program's own unit tests (same inputs, same
expected values to the base unit); the properties are the program's, over the Python port.
"""

from __future__ import annotations

from fractions import Fraction
from math import prod

import pytest
from hypothesis import given
from hypothesis import strategies as st
from solders.pubkey import Pubkey

from betfun.client.pool import math, quotes
from betfun.client.pool.accounts import PoolAccount
from betfun.client.pool.math import MathErrorKind, PoolMathError
from betfun.client.pool.program import MAX_FEE_BPS, MAX_OUTCOMES, PRICE_SCALE

U64_MAX = 2**64 - 1


def pool_of(balances: tuple[int, ...], fee_bps: int = 0) -> PoolAccount:
    key = Pubkey.default()
    return PoolAccount(
        address=key,
        arena=key,
        creator=key,
        collateral_mint=key,
        lp_mint=key,
        collateral=key,
        fee_bps=fee_bps,
        created_ts=0,
        balances=balances,
        fees_collected=0,
        volume=0,
        vaults=(key,) * len(balances),
    )


def refused(kind: MathErrorKind) -> pytest.RaisesExc[PoolMathError]:
    return pytest.raises(PoolMathError, match=kind.value)


# --- closed forms, as in math.rs ------------------------------------------------------------


def test_fees_round_up() -> None:
    assert math.fee_on_gross(100, 100) == 1
    assert math.fee_on_gross(100, 101) == 2
    assert math.fee_on_gross(100, 1) == 1
    assert math.fee_on_gross(0, U64_MAX) == 0
    assert math.gross_for_net(100, 99) == 100
    assert math.gross_for_net(100, 100) == 102
    assert math.gross_for_net(0, 7) == 7
    with refused(MathErrorKind.OVERFLOW):
        math.gross_for_net(100, U64_MAX)


def test_a_two_outcome_buy_worked_by_hand() -> None:
    # fee 1, net 99; 1,000,000 / 1099 = 909.92 -> 910; 1000 + 99 - 910 = 189.
    assert math.buy((1_000, 1_000), 0, 100, 100) == math.Buy(
        fee=1, tokens_out=189, balances=(911, 1_100)
    )
    assert math.prices((911, 1_100)) == (546_991_546, 453_008_453)


def test_two_outcome_sales_worked_by_hand() -> None:
    assert math.sell((1_000, 1_000), 0, 100, 0) == math.Sell(
        fee=0, tokens_in=212, balances=(1_112, 900)
    )
    assert math.sell((1_000, 1_000), 0, 100, 100) == math.Sell(
        fee=2, tokens_in=216, balances=(1_116, 900)
    )


def test_a_three_outcome_buy_rounds_up_one_factor_at_a_time() -> None:
    trade = math.buy((300, 200, 100), 0, 60, 0)
    assert trade.tokens_out == 300 + 60 - 145
    assert trade.balances == (145, 260, 160)


def test_even_odds_give_even_prices() -> None:
    for count in range(2, MAX_OUTCOMES + 1):
        assert set(math.prices((1_000_000,) * count)) == {PRICE_SCALE // count}
    assert math.prices((0, 5)) == (0, 0)


def test_the_first_deposit_sets_the_odds() -> None:
    deposit = math.first_deposit((0, 0, 0), 1_000_000, (60, 30, 10))
    assert deposit.balances == (166_666, 333_333, 1_000_000)
    assert deposit.returned == (833_334, 666_667, 0)
    assert deposit.lp_minted == 1_000_000
    assert math.prices(deposit.balances) == (600_000_780, 299_999_489, 99_999_729)
    even = math.first_deposit((0, 0), 500, ())
    assert (even.balances, even.returned) == ((500, 500), (0, 0))
    for odds in ((1,), (1, 0)):
        with refused(MathErrorKind.INVALID_ODDS):
            math.first_deposit((0, 0), 500, odds)
    with refused(MathErrorKind.INVALID_ODDS):
        math.first_deposit((0, 0), 5, (1, 10))
    with refused(MathErrorKind.TOO_SMALL):
        math.first_deposit((0, 0), 0, ())


def test_later_deposits_keep_the_odds() -> None:
    deposit = math.deposit((166_666, 333_333, 1_000_000), 1_000_000, 500_001)
    assert deposit.lp_minted == 500_001
    assert deposit.added == (83_334, 166_667, 500_001)
    assert deposit.balances == (250_000, 500_000, 1_500_001)
    with refused(MathErrorKind.TOO_SMALL):
        math.deposit((166_666, 333_333, 1_000_000), 3, 1)
    with refused(MathErrorKind.EMPTY_POOL):
        math.deposit((0, 0), 3, 1)


def test_withdrawals_are_pro_rata_rounded_down() -> None:
    assert math.withdrawal((10, 7), 3, 1) == math.Withdrawal(amounts=(3, 2), balances=(7, 5))
    assert math.withdrawal((10, 7), 3, 3).balances == (0, 0)
    with refused(MathErrorKind.INSUFFICIENT_LP):
        math.withdrawal((10, 7), 3, 4)
    with refused(MathErrorKind.TOO_SMALL):
        math.withdrawal((10, 7), 3, 0)


def test_rejections() -> None:
    with refused(MathErrorKind.EMPTY_POOL):
        math.buy((0, 5), 0, 10, 0)
    with refused(MathErrorKind.INVALID_OUTCOME):
        math.buy((5, 5), 2, 10, 0)
    with refused(MathErrorKind.INVALID_OUTCOME):
        math.buy((5,), 0, 10, 0)
    with refused(MathErrorKind.OVERFLOW):
        math.buy((5, 5), 0, U64_MAX, 0)
    with refused(MathErrorKind.TOO_SMALL):
        math.buy((5, 5), 0, 1, 1)
    with refused(MathErrorKind.INSUFFICIENT_LIQUIDITY):
        math.sell((1_000, 1_000), 0, 1_000, 0)
    with refused(MathErrorKind.TOO_SMALL):
        math.sell((1_000, 1_000), 0, 0, 0)
    with refused(MathErrorKind.OVERFLOW):
        math.sell((U64_MAX, 2), 0, 1, 0)


def test_sell_tokens_finds_the_largest_affordable_sale() -> None:
    balances = (400_000, 900_000, 1_300_000)
    found = math.sell_tokens(balances, 0, 150_000, 30)
    assert found is not None
    collateral, sale = found
    assert sale.tokens_in <= 150_000
    assert math.sell(balances, 0, collateral, 30) == sale
    assert math.sell(balances, 0, collateral + 1, 30).tokens_in > 150_000
    assert math.sell_tokens(balances, 0, 1, 30) is None


# --- quotes -----------------------------------------------------------------------------------


def test_a_buy_quote_carries_the_events_prices_and_its_impact() -> None:
    quote = quotes.quote_buy(pool_of((1_000, 1_000), 100), 0, 100)
    assert (quote.fee, quote.tokens_out, quote.balances_after) == (1, 189, (911, 1_100))
    assert quote.prices_after == (546_991_546, 453_008_453)
    # 100 for 189 tokens at a marginal price of 1/2 before: 200/189 - 1.
    assert quote.price_impact == Fraction(11, 189)


def test_a_sell_quote_for_tokens_is_the_exact_sale() -> None:
    pool = pool_of((400_000, 900_000, 1_300_000), 30)
    quote = quotes.quote_sell_tokens(pool, 0, 150_000)
    assert quote is not None
    assert quote == quotes.quote_sell(pool, 0, quote.collateral_out)
    assert 0 < quote.price_impact < 1


def test_implied_probabilities_are_the_normalized_inverse_balances() -> None:
    assert quotes.implied_probabilities((100, 200, 400)) == (
        Fraction(4, 7),
        Fraction(2, 7),
        Fraction(1, 7),
    )
    with refused(MathErrorKind.EMPTY_POOL):
        quotes.implied_probabilities((0, 1))


def test_deposit_quotes_follow_the_lp_supply() -> None:
    empty = pool_of((0, 0, 0))
    first = quotes.quote_deposit(empty, 0, 1_000_000, (60, 30, 10))
    assert first.balances == (166_666, 333_333, 1_000_000)
    funded = pool_of(first.balances)
    with pytest.raises(ValueError, match="first deposit"):
        quotes.quote_deposit(funded, 1_000_000, 10, (1, 1, 1))
    assert quotes.quote_deposit(funded, 1_000_000, 500_001).lp_minted == 500_001


def test_an_lp_position_without_trades_has_no_impermanent_loss() -> None:
    deposit = math.first_deposit((0, 0, 0), 1_000_000, (60, 30, 10))
    pool = pool_of(deposit.balances)
    position = quotes.lp_position(pool, deposit.lp_minted, deposit.lp_minted)
    assert position.amounts == deposit.added
    assert position.sets == min(deposit.added)
    assert quotes.impermanent_loss(deposit.added, position, pool.balances) == 0


def test_without_fees_a_trade_makes_the_lp_worse_off_than_holding() -> None:
    deposit = math.first_deposit((0, 0), 1_000_000, ())
    after = math.buy(deposit.balances, 0, 400_000, 0).balances
    position = quotes.lp_position(pool_of(after), deposit.lp_minted, deposit.lp_minted)
    assert quotes.impermanent_loss(deposit.added, position, after) < 0


# --- properties, as in math.rs ----------------------------------------------------------------

amounts = st.integers(1, 10**12 - 1)
fees = st.integers(0, MAX_FEE_BPS)


@st.composite
def pools(draw: st.DrawFn) -> tuple[tuple[int, ...], int]:
    count = draw(st.integers(2, MAX_OUTCOMES))
    balances = tuple(draw(st.lists(amounts, min_size=count, max_size=count)))
    return balances, draw(st.integers(0, count - 1))


@given(pools(), amounts, fees)
def test_a_buy_never_lowers_the_product(
    pool: tuple[tuple[int, ...], int], amount: int, fee_bps: int
) -> None:
    balances, outcome = pool
    try:
        trade = math.buy(balances, outcome, amount, fee_bps)
    except PoolMathError:
        return
    assert prod(b - trade.fee for b in trade.balances) >= prod(balances)
    assert trade.tokens_out >= amount - trade.fee
    assert trade.tokens_out <= U64_MAX


@given(pools(), amounts, fees)
def test_a_sale_never_lowers_the_product(
    pool: tuple[tuple[int, ...], int], amount: int, fee_bps: int
) -> None:
    balances, outcome = pool
    try:
        sale = math.sell(balances, outcome, amount, fee_bps)
    except PoolMathError:
        return
    assert prod(b - sale.fee for b in sale.balances) >= prod(balances)
    assert sale.tokens_in >= amount


@given(pools(), amounts, fees)
def test_a_round_trip_never_profits(
    pool: tuple[tuple[int, ...], int], amount: int, fee_bps: int
) -> None:
    balances, outcome = pool
    try:
        trade = math.buy(balances, outcome, amount, fee_bps)
    except PoolMathError:
        return
    back = math.sell_tokens(trade.balances, outcome, trade.tokens_out, fee_bps)
    if back is not None:
        assert back[0] <= amount


@given(pools())
def test_prices_sum_to_about_one(pool: tuple[tuple[int, ...], int]) -> None:
    balances, _ = pool
    total = sum(math.prices(balances))
    assert PRICE_SCALE - 8 * MAX_OUTCOMES <= total <= PRICE_SCALE + MAX_OUTCOMES
    assert sum(quotes.implied_probabilities(balances)) == 1


@given(pools(), amounts, amounts)
def test_a_deposit_never_dilutes(
    pool: tuple[tuple[int, ...], int], supply: int, amount: int
) -> None:
    balances, _ = pool
    try:
        added = math.deposit(balances, supply, amount)
    except PoolMathError:
        return
    out = math.withdrawal(added.balances, supply + added.lp_minted, added.lp_minted)
    assert all(paid <= put for paid, put in zip(out.amounts, added.added, strict=True))
    assert all(left >= before for left, before in zip(out.balances, balances, strict=True))
