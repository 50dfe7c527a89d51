"""What the ``betfun`` commands print: JSON for scripts, aligned text for people, and
one-line errors.

Kept to the standard library: a table is columns padded to their widest cell, numbers
right-aligned.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from solders.pubkey import Pubkey
from solders.signature import Signature


class CliError(Exception):
    """A failure to report to the user in one line, without a traceback."""


def write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json_default(value: object) -> str:
    if isinstance(value, Pubkey | Signature):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: object) -> str:
    """``data`` as indented JSON; public keys and signatures as their base58 text."""
    return json.dumps(data, indent=2, default=_json_default, ensure_ascii=False)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """Rows under headers, columns padded; the columns in ``numeric`` right-aligned."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])


def fields(pairs: Sequence[tuple[str, str]]) -> str:
    """``name: value`` lines, values aligned."""
    width = max((len(name) for name, _ in pairs), default=0)
    return "\n".join(f"{name + ':':<{width + 1}} {value}" for name, value in pairs)


def timestamp(unix: int) -> str:
    return datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
