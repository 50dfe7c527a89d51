"""The arena program's SDK: accounts, events, instructions, quotes and ``ArenaClient``."""

from betfun.client.arena.accounts import (
    AccountDecodeError,
    ArenaAccount,
    ArenaStatus,
    ConfigAccount,
    PositionAccount,
)
from betfun.client.arena.client import ArenaClient, ArenaRef, ArenaTransaction
from betfun.client.arena.errors import ArenaErrorCode
from betfun.client.arena.events import ArenaEvent, parse_events
from betfun.client.arena.program import PROGRAM_ID

__all__ = [
    "PROGRAM_ID",
    "AccountDecodeError",
    "ArenaAccount",
    "ArenaClient",
    "ArenaErrorCode",
    "ArenaEvent",
    "ArenaRef",
    "ArenaStatus",
    "ArenaTransaction",
    "ConfigAccount",
    "PositionAccount",
    "parse_events",
]
