"""What the pool pays and charges, before sending: pure functions over a pool's state.

Amounts come from :mod:`betfun.client.pool.math`, the program's own integer formulas, so a
quote equals the execution to the base unit when the pool has not moved in between. Prices,
probabilities, price impact and an LP position's value are exact fractions of collateral
per outcome token, from the marginal prices ``(1 / b_i) / sum_k (1 / b_k)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from betfun.client.pool import math
from betfun.client.pool.accounts import PoolAccount


@dataclass(frozen=True, slots=True)
class BuyQuote:
    """Buying ``outcome`` for ``collateral_in``, fee included."""

    outcome: int
    collateral_in: int
    fee: int
    tokens_out: int
    balances_after: tuple[int, ...]
    # The integer prices the program's event will carry after the trade.
    prices_after: tuple[int, ...]
    # The average price paid over the marginal price before, minus one.
    price_impact: Fraction


@dataclass(frozen=True, slots=True)
class SellQuote:
    """Selling ``tokens_in`` of ``outcome`` for ``collateral_out``, net of the fee."""

    outcome: int
    collateral_out: int
    fee: int
    tokens_in: int
    balances_after: tuple[int, ...]
    prices_after: tuple[int, ...]
    # One minus the average price received over the marginal price before.
    price_impact: Fraction


@dataclass(frozen=True, slots=True)
class LpPosition:
    """What ``lp`` LP tokens stand for now: their withdrawal, and its value at the pool's
    marginal prices (``value``) and as complete sets merged at once (``sets``)."""

    lp: int
    amounts: tuple[int, ...]
    value: Fraction
    sets: int


def implied_probabilities(balances: Sequence[int]) -> tuple[Fraction, ...]:
    """The marginal price of each outcome, which sum to one: the pool's odds."""
    if not balances or 0 in balances:
        raise math.PoolMathError(math.MathErrorKind.EMPTY_POOL)
    inverse_sum = sum(Fraction(1, balance) for balance in balances)
    return tuple(Fraction(1, balance) / inverse_sum for balance in balances)


def value_at_prices(amounts: Sequence[int], balances: Sequence[int]) -> Fraction:
    """``amounts`` of each outcome valued at the pool's marginal prices, in collateral."""
    probabilities = implied_probabilities(balances)
    return sum(
        (amount * price for amount, price in zip(amounts, probabilities, strict=True)),
        Fraction(0),
    )


def quote_buy(pool: PoolAccount, outcome: int, collateral_in: int) -> BuyQuote:
    trade = math.buy(pool.balances, outcome, collateral_in, pool.fee_bps)
    price_before = implied_probabilities(pool.balances)[outcome]
    return BuyQuote(
        outcome=outcome,
        collateral_in=collateral_in,
        fee=trade.fee,
        tokens_out=trade.tokens_out,
        balances_after=trade.balances,
        prices_after=math.prices(trade.balances),
        price_impact=Fraction(collateral_in, trade.tokens_out) / price_before - 1,
    )


def _sell_quote(pool: PoolAccount, outcome: int, collateral_out: int, sale: math.Sell) -> SellQuote:
    price_before = implied_probabilities(pool.balances)[outcome]
    return SellQuote(
        outcome=outcome,
        collateral_out=collateral_out,
        fee=sale.fee,
        tokens_in=sale.tokens_in,
        balances_after=sale.balances,
        prices_after=math.prices(sale.balances),
        price_impact=1 - Fraction(collateral_out, sale.tokens_in) / price_before,
    )


def quote_sell(pool: PoolAccount, outcome: int, collateral_out: int) -> SellQuote:
    """The tokens a sale for exactly ``collateral_out`` takes (what ``sell`` sends)."""
    sale = math.sell(pool.balances, outcome, collateral_out, pool.fee_bps)
    return _sell_quote(pool, outcome, collateral_out, sale)


def quote_sell_tokens(pool: PoolAccount, outcome: int, tokens_in: int) -> SellQuote | None:
    """The most collateral selling at most ``tokens_in`` pays; None if not one base unit."""
    found = math.sell_tokens(pool.balances, outcome, tokens_in, pool.fee_bps)
    if found is None:
        return None
    collateral_out, sale = found
    return _sell_quote(pool, outcome, collateral_out, sale)


def quote_deposit(
    pool: PoolAccount, lp_supply: int, collateral: int, odds: Sequence[int] = ()
) -> math.Deposit:
    """What ``add_liquidity`` does: the first deposit (no LP tokens yet) may set ``odds``."""
    if lp_supply == 0:
        return math.first_deposit(pool.balances, collateral, odds)
    if odds:
        raise ValueError("starting odds can only be set by the first deposit")
    return math.deposit(pool.balances, lp_supply, collateral)


def quote_withdrawal(pool: PoolAccount, lp_supply: int, lp: int) -> math.Withdrawal:
    return math.withdrawal(pool.balances, lp_supply, lp)


def lp_position(pool: PoolAccount, lp_supply: int, lp: int) -> LpPosition:
    amounts = math.withdrawal(pool.balances, lp_supply, lp).amounts
    return LpPosition(
        lp=lp, amounts=amounts, value=value_at_prices(amounts, pool.balances), sets=min(amounts)
    )


def impermanent_loss(
    deposited: Sequence[int], position: LpPosition, balances: Sequence[int]
) -> Fraction:
    """The LP position's value over that of holding the outcome tokens it ``deposited``
    (``Deposit.added``), both at the current marginal prices, minus one: negative when
    providing liquidity did worse than holding (fees included)."""
    held = value_at_prices(deposited, balances)
    if held == 0:
        raise ValueError("nothing was deposited")
    return position.value / held - 1
