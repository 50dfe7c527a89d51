"""Anchor events in a transaction's log lines: shared by the programs' SDKs.

Anchor's ``emit!`` writes ``Program data: <base64>`` while the program runs. Only lines
written while the program itself is on top of the invocation stack are its events: a line
inside a CPI belongs to the callee.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from anchorpy import Coder
from solders.pubkey import Pubkey

E = TypeVar("E")

_PROGRAM_DATA = "Program data: "


def program_data(logs: Iterable[str], program_id: Pubkey) -> Iterator[bytes]:
    """The payloads of the ``Program data:`` lines ``program_id`` wrote, in order."""
    program = str(program_id)
    stack: list[str] = []
    for line in logs:
        words = line.split(" ")
        if len(words) >= 3 and words[0] == "Program" and words[2] == "invoke":
            stack.append(words[1])
        elif len(words) >= 3 and words[0] == "Program" and words[2] in ("success", "failed:"):
            if stack:
                stack.pop()
        elif line.startswith(_PROGRAM_DATA) and stack and stack[-1] == program:
            try:
                yield base64.b64decode(line[len(_PROGRAM_DATA) :], validate=True)
            except binascii.Error:
                continue


def decode_anchor_event(
    coder: Coder,
    types: Mapping[str, type[E]],
    data: bytes,
    convert: Callable[[str, object], object],
) -> E | None:
    """The event of ``types`` encoded in ``data`` (discriminator + Borsh), each field's
    value through ``convert(name, value)``; None if it is none of them."""
    try:
        parsed = coder.events.parse(data)
    except Exception:  # construct raises many types; all mean "not one of our events"
        return None
    if parsed is None or parsed.name not in types:
        return None
    cls = types[parsed.name]
    values = {
        field.name: convert(field.name, getattr(parsed.data, field.name))
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
    }
    return cls(**values)


def lists_as_tuples(_name: str, value: object) -> object:
    """The conversion of events whose sequences are tuples."""
    return tuple(value) if isinstance(value, list) else value
