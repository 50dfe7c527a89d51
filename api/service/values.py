"""Checking what clients send, and turning database values into the API's."""

from __future__ import annotations

from decimal import Decimal

from solders.pubkey import Pubkey

from betfun.api.service.errors import InvalidInputError

U64_MAX = 2**64 - 1
MAX_SEARCH_LENGTH = 200


def address(text: str, field: str) -> str:
    """``text`` if it is a base58 public key; InvalidInputError naming ``field`` if not."""
    if len(text) > 44:
        raise InvalidInputError("not a base58 public key (too long)", field=field)
    try:
        Pubkey.from_string(text)
    except ValueError:
        raise InvalidInputError(f"not a base58 public key: {text!r}", field=field) from None
    return text


def amount(value: Decimal | int) -> str:
    """A NUMERIC amount as the API writes it: a decimal string of the integer."""
    return str(int(value))
