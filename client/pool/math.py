"""The pool's integer arithmetic, line for line programs/pool/src/math.rs.

Every function returns what the program computes, to the base unit, or raises
:class:`PoolMathError` where the program fails with the matching error. Rounding favours the
pool as on chain: tokens paid out round down, tokens and fees taken in round up. Python
integers are unbounded, so the program's u64 limits are checked explicitly.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from betfun.client.pool.program import (
    BPS_DENOMINATOR,
    MAX_FEE_BPS,
    MAX_OUTCOMES,
    MIN_OUTCOMES,
    PRICE_SCALE,
)

U64_MAX = 2**64 - 1
_RATIO_SCALE = 10**18


class MathErrorKind(enum.Enum):
    """The program's ``MathError``; the value is the pool error it becomes on chain."""

    OVERFLOW = "Overflow"
    EMPTY_POOL = "EmptyPool"
    INSUFFICIENT_LIQUIDITY = "InsufficientLiquidity"
    TOO_SMALL = "AmountTooSmall"
    INVALID_ODDS = "InvalidOdds"
    INVALID_OUTCOME = "InvalidOutcome"
    INSUFFICIENT_LP = "InsufficientLp"


class PoolMathError(ValueError):
    """The program would refuse this operation with ``kind``."""

    def __init__(self, kind: MathErrorKind) -> None:
        super().__init__(f"the pool would refuse this: {kind.value}")
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Buy:
    fee: int
    tokens_out: int
    balances: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Sell:
    fee: int
    tokens_in: int
    balances: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Deposit:
    lp_minted: int
    added: tuple[int, ...]
    returned: tuple[int, ...]
    balances: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Withdrawal:
    amounts: tuple[int, ...]
    balances: tuple[int, ...]


def _u64(value: int) -> int:
    if value > U64_MAX:
        raise PoolMathError(MathErrorKind.OVERFLOW)
    return value


def mul_div_down(a: int, b: int, denominator: int) -> int:
    if denominator == 0:
        raise PoolMathError(MathErrorKind.OVERFLOW)
    return _u64(a * b // denominator)


def mul_div_up(a: int, b: int, denominator: int) -> int:
    if denominator == 0:
        raise PoolMathError(MathErrorKind.OVERFLOW)
    return _u64(-(-(a * b) // denominator))


def check_fee(fee_bps: int) -> None:
    if not 0 <= fee_bps <= MAX_FEE_BPS:
        raise ValueError(f"a fee of {fee_bps} bps is outside 0..{MAX_FEE_BPS}")


def fee_on_gross(fee_bps: int, collateral_in: int) -> int:
    """The fee taken out of what a buyer pays: rounded up."""
    return mul_div_up(collateral_in, fee_bps, BPS_DENOMINATOR)


def gross_for_net(fee_bps: int, collateral_out: int) -> int:
    """What a sale takes out of the pool so that, less the fee, the seller gets
    ``collateral_out``: rounded up."""
    return mul_div_up(collateral_out, BPS_DENOMINATOR, BPS_DENOMINATOR - fee_bps)


def _check_pool(balances: Sequence[int], outcome: int) -> None:
    if not MIN_OUTCOMES <= len(balances) <= MAX_OUTCOMES or not 0 <= outcome < len(balances):
        raise PoolMathError(MathErrorKind.INVALID_OUTCOME)
    if 0 in balances:
        raise PoolMathError(MathErrorKind.EMPTY_POOL)


def buy(balances: Sequence[int], outcome: int, collateral_in: int, fee_bps: int) -> Buy:
    """Buys ``outcome`` with ``collateral_in`` (fee included): the program's ``math::buy``."""
    _check_pool(balances, outcome)
    check_fee(fee_bps)
    fee = fee_on_gross(fee_bps, collateral_in)
    net = collateral_in - fee
    after = [_u64(balance + collateral_in) for balance in balances]
    ending = balances[outcome]
    for index, balance in enumerate(balances):
        if index != outcome:
            ending = mul_div_up(ending, balance, balance + net)
    tokens_out = balances[outcome] + net - ending
    if tokens_out == 0:
        raise PoolMathError(MathErrorKind.TOO_SMALL)
    after[outcome] = ending + fee
    return Buy(fee=fee, tokens_out=tokens_out, balances=tuple(after))


def sell(balances: Sequence[int], outcome: int, collateral_out: int, fee_bps: int) -> Sell:
    """Sells ``outcome`` for exactly ``collateral_out`` (net of the fee): ``math::sell``."""
    _check_pool(balances, outcome)
    check_fee(fee_bps)
    if collateral_out == 0:
        raise PoolMathError(MathErrorKind.TOO_SMALL)
    gross = gross_for_net(fee_bps, collateral_out)
    fee = gross - collateral_out
    after = [0] * len(balances)
    ending = balances[outcome]
    for index, balance in enumerate(balances):
        if index == outcome:
            continue
        if balance <= gross:
            raise PoolMathError(MathErrorKind.INSUFFICIENT_LIQUIDITY)
        ending = mul_div_up(ending, balance, balance - gross)
        after[index] = balance - collateral_out
    tokens_in = _u64(ending - balances[outcome] + gross)
    after[outcome] = _u64(ending + fee)
    return Sell(fee=fee, tokens_in=tokens_in, balances=tuple(after))


def sell_tokens(
    balances: Sequence[int], outcome: int, tokens_in: int, fee_bps: int
) -> tuple[int, Sell] | None:
    """The most collateral that selling at most ``tokens_in`` pays, and that sale; None when
    one base unit of collateral already needs more tokens (``math::sell_tokens``)."""
    _check_pool(balances, outcome)

    def affordable(collateral: int) -> Sell | None:
        try:
            sale = sell(balances, outcome, collateral, fee_bps)
        except PoolMathError:
            return None
        return sale if sale.tokens_in <= tokens_in else None

    liquidity = min(balance for index, balance in enumerate(balances) if index != outcome)
    best = affordable(1)
    if best is None:
        return None
    low, high = 1, min(liquidity, tokens_in)
    while low < high:
        middle = low + (high - low + 1) // 2
        sale = affordable(middle)
        if sale is None:
            high = middle - 1
        else:
            low, best = middle, sale
    return low, best


def first_deposit(existing: Sequence[int], collateral: int, odds: Sequence[int]) -> Deposit:
    """The first deposit, with starting ``odds`` (weights; empty for even odds):
    ``math::first_deposit``. It mints ``collateral`` LP tokens."""
    count = len(existing)
    if not MIN_OUTCOMES <= count <= MAX_OUTCOMES:
        raise PoolMathError(MathErrorKind.INVALID_OUTCOME)
    if collateral == 0:
        raise PoolMathError(MathErrorKind.TOO_SMALL)
    weights = list(odds) if odds else [1] * count
    if len(weights) != count or 0 in weights:
        raise PoolMathError(MathErrorKind.INVALID_ODDS)
    least = min(weights)
    added: list[int] = []
    for weight in weights:
        kept = mul_div_down(collateral, least, weight)
        if kept == 0:
            raise PoolMathError(MathErrorKind.INVALID_ODDS)
        added.append(kept)
    return Deposit(
        lp_minted=collateral,
        added=tuple(added),
        returned=tuple(collateral - kept for kept in added),
        balances=tuple(_u64(balance + kept) for balance, kept in zip(existing, added, strict=True)),
    )


def deposit(balances: Sequence[int], lp_supply: int, collateral: int) -> Deposit:
    """A deposit into a funded pool, at its current odds: ``math::deposit``."""
    _check_pool(balances, 0)
    if lp_supply == 0:
        raise PoolMathError(MathErrorKind.EMPTY_POOL)
    largest = max(balances)
    lp_minted = mul_div_down(collateral, lp_supply, largest)
    if lp_minted == 0:
        raise PoolMathError(MathErrorKind.TOO_SMALL)
    added = tuple(mul_div_up(collateral, balance, largest) for balance in balances)
    _u64(lp_supply + lp_minted)
    return Deposit(
        lp_minted=lp_minted,
        added=added,
        returned=tuple(collateral - kept for kept in added),
        balances=tuple(_u64(balance + kept) for balance, kept in zip(balances, added, strict=True)),
    )


def withdrawal(balances: Sequence[int], lp_supply: int, lp: int) -> Withdrawal:
    """Burning ``lp`` of ``lp_supply`` LP tokens: ``math::withdrawal``."""
    if not MIN_OUTCOMES <= len(balances) <= MAX_OUTCOMES:
        raise PoolMathError(MathErrorKind.INVALID_OUTCOME)
    if lp == 0:
        raise PoolMathError(MathErrorKind.TOO_SMALL)
    if lp > lp_supply:
        raise PoolMathError(MathErrorKind.INSUFFICIENT_LP)
    amounts = tuple(mul_div_down(balance, lp, lp_supply) for balance in balances)
    return Withdrawal(
        amounts=amounts,
        balances=tuple(b - a for b, a in zip(balances, amounts, strict=True)),
    )


def prices(balances: Sequence[int]) -> tuple[int, ...]:
    """Marginal prices in units of 1/PRICE_SCALE collateral per token, as the program's
    events carry them: ``floor(10^27 / sum_k floor(b_i * 10^18 / b_k))``."""
    if not balances or len(balances) > MAX_OUTCOMES or 0 in balances:
        return (0,) * len(balances)
    return tuple(
        _RATIO_SCALE * PRICE_SCALE // sum(own * _RATIO_SCALE // other for other in balances)
        for own in balances
    )
