"""Token amounts as people write them ("10.5") and as programs count them (base units).

Conversions are exact: integer arithmetic on the decimal digits, never floats. An amount with
more decimal places than the mint has is refused rather than rounded, since rounding
someone's bet is a surprise.
"""

from __future__ import annotations

import re

U64_MAX = 2**64 - 1

_AMOUNT = re.compile(r"(\d+)(?:\.(\d*))?|\.(\d+)")


class AmountError(ValueError):
    """The text is not an amount this mint can represent; the message says why."""


def parse_amount(text: str, decimals: int) -> int:
    """Base units of ``text`` (whole units, e.g. "10.5") for a mint with ``decimals``."""
    cleaned = text.strip()
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise AmountError(f"not an amount: {text!r} (write whole units, e.g. 10 or 2.5)")
    fraction = match.group(2) or match.group(3) or ""
    digits = fraction.rstrip("0")
    if len(digits) > decimals:
        raise AmountError(
            f"{cleaned} has more than {decimals} decimal places, the precision of this token"
        )
    whole = int(match.group(1) or "0")
    base: int = whole * 10**decimals + int(digits.ljust(decimals, "0") or "0")
    if base > U64_MAX:
        raise AmountError(f"{cleaned} is more than a token account can hold")
    return base


def format_amount(base_units: int, decimals: int) -> str:
    """Whole units of ``base_units``, exact and without trailing zeros ("10.5", "3")."""
    if base_units < 0:
        return "-" + format_amount(-base_units, decimals)
    whole, fraction = divmod(base_units, 10**decimals)
    if fraction == 0:
        return str(whole)
    return f"{whole}.{fraction:0{decimals}d}".rstrip("0")
