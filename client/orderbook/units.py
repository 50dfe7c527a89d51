"""A market's units: prices in ticks, sizes in lots, and their decimal meaning.

A lot is ``lot_size`` base units (outcome token); a tick is ``tick_size`` quote units
(collateral) per lot. A price of ``ticks`` therefore means ``ticks * tick_size / lot_size``
quote units per base unit, which the mints' decimals turn into collateral per share. Every
conversion is exact: a price or size that falls between ticks or lots is refused, never
rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


class UnitError(ValueError):
    """The value is not a whole number of ticks or lots of this market; the message says why."""


@dataclass(frozen=True, slots=True)
class MarketUnits:
    tick_size: int
    lot_size: int
    base_decimals: int
    quote_decimals: int

    @property
    def max_price_ticks(self) -> int:
        """Ticks of a price of 1 collateral per share; valid prices lie strictly below."""
        return self.lot_size // self.tick_size

    def _price_per_tick(self) -> Fraction:
        """Collateral per share of one tick."""
        return Fraction(self.tick_size * 10**self.base_decimals, self.lot_size) / Fraction(
            10**self.quote_decimals
        )

    def price_to_ticks(self, price: Decimal | str) -> int:
        """Ticks of ``price`` collateral per share."""
        ticks = Fraction(Decimal(price)) / self._price_per_tick()
        if ticks.denominator != 1:
            raise UnitError(f"{price} is not a whole number of ticks ({self.tick_price()} each)")
        if not 0 < ticks < self.max_price_ticks:
            raise UnitError(f"the price {price} does not lie strictly between 0 and 1")
        return int(ticks)

    def ticks_to_price(self, ticks: int) -> Decimal:
        """Collateral per share of ``ticks``, exact."""
        return _decimal(ticks * self._price_per_tick())

    def tick_price(self) -> Decimal:
        return self.ticks_to_price(1)

    def shares_to_lots(self, shares: Decimal | str) -> int:
        """Lots of ``shares`` whole outcome tokens."""
        lots = Fraction(Decimal(shares)) * 10**self.base_decimals / self.lot_size
        if lots.denominator != 1 or lots <= 0:
            raise UnitError(
                f"{shares} is not a positive whole number of lots ({self.lots_to_shares(1)} each)"
            )
        return int(lots)

    def lots_to_shares(self, lots: int) -> Decimal:
        return _decimal(Fraction(lots * self.lot_size, 10**self.base_decimals))

    def quote_amount(self, lots: int, ticks: int) -> int:
        """Quote units traded for ``lots`` at ``ticks``, before fees: exact."""
        return lots * ticks * self.tick_size

    def base_amount(self, lots: int) -> int:
        return lots * self.lot_size


def _decimal(value: Fraction) -> Decimal:
    """An exact Decimal of a fraction whose denominator divides a power of ten."""
    numerator, denominator = value.numerator, value.denominator
    places = 0
    while 10**places % denominator:
        places += 1
        if places > 36:
            raise UnitError(f"{value} has no finite decimal expansion")
    return Decimal(numerator * (10**places // denominator)).scaleb(-places)
