"""Cursor pagination: a page ends with an opaque cursor that encodes the sort key of its
last row, and the next page starts strictly after it (keyset pagination: stable while rows
are inserted, and an index range scan however deep the page)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import asyncpg

from betfun.api.service.errors import InvalidInputError
from betfun.api.service.models import Page

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def encode_cursor(kind: str, key: list[Any]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: tuple[type, ...]) -> list[Any]:
    """The key in ``cursor``, which must come from a page of the same ``kind`` (a listing
    and its sort order) with values of ``types``; InvalidInputError otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = json.loads(raw)
    except (binascii.Error, ValueError):
        raise InvalidInputError("not a cursor from this API", field="cursor") from None
    if not isinstance(decoded, list) or not decoded or decoded[0] != kind:
        raise InvalidInputError(
            "the cursor belongs to another listing or sort order", field="cursor"
        )
    key = decoded[1:]
    if len(key) != len(types) or not all(
        isinstance(value, expected) and not isinstance(value, bool)
        for value, expected in zip(key, types, strict=True)
    ):
        raise InvalidInputError("not a cursor from this API", field="cursor")
    return key


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInputError(
            f"must be between 1 and {MAX_PAGE_SIZE}, got {limit}", field="limit"
        )
    return limit


def page(
    rows: Sequence[asyncpg.Record],
    limit: int,
    kind: str,
    key: Callable[[asyncpg.Record], list[Any]],
    item: Callable[[asyncpg.Record], T],
) -> Page[T]:
    """The page of ``rows`` fetched with LIMIT ``limit + 1``: the extra row only tells that
    another page follows, which starts after the key of the page's last row."""
    next_cursor = encode_cursor(kind, key(rows[limit - 1])) if len(rows) > limit else None
    return Page[T](items=[item(row) for row in rows[:limit]], next_cursor=next_cursor)
