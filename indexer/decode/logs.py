"""The ``Program data:`` lines of a transaction's logs, placed by instruction.

A validator logs ``Program <id> invoke [n]`` when a program starts (depth n; 1 for a
top-level instruction), ``Program <id> success`` or ``Program <id> failed: ...`` when it
returns, and Anchor's events as ``Program data: <base64>`` while the emitting program runs.
Walking the lines with a stack of running programs tells which program wrote each data line
and in which top-level instruction.

The event index counts every data line of the instruction, whichever program wrote it, so
the key (signature, instruction index, event index) is unique across all programs: an
order book event and the arena event of its CPI in the same instruction never collide.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_DATA = "Program data: "
# What a validator writes in place of the rest when a transaction's logs pass its limit.
TRUNCATED = "Log truncated"


class TruncatedLogsError(ValueError):
    """The logs were cut short by the validator: events after the cut are lost."""


@dataclass(frozen=True, slots=True)
class ProgramData:
    ix_index: int
    event_index: int
    program: str
    data: bytes


def program_data(logs: Iterable[str]) -> Iterator[ProgramData]:
    """Every data line, with the program that wrote it and where; malformed base64 is
    skipped but still counted, so keys do not depend on what a decoder understands."""
    stack: list[str] = []
    ix_index = -1
    event_index = 0
    for line in logs:
        if line.startswith(_DATA):
            if stack:
                try:
                    data = base64.b64decode(line[len(_DATA) :], validate=True)
                except binascii.Error:
                    data = b""
                yield ProgramData(ix_index, event_index, stack[-1], data)
                event_index += 1
            continue
        if line.startswith(TRUNCATED):
            raise TruncatedLogsError(line)
        words = line.split(" ")
        if len(words) < 3 or words[0] != "Program":
            continue
        if words[2] == "invoke" and len(words) >= 4:
            if words[3] == "[1]":
                ix_index += 1
                event_index = 0
                stack.clear()
            stack.append(words[1])
        elif words[2] in ("success", "failed:") and stack and stack[-1] == words[1]:
            stack.pop()
