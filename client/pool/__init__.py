"""The pool program's SDK: accounts, events, instructions, quotes and ``PoolClient``."""

from betfun.client.pool.accounts import PoolAccount
from betfun.client.pool.client import PoolClient, PoolState, PoolTransaction
from betfun.client.pool.errors import PoolErrorCode
from betfun.client.pool.events import PoolEvent, parse_events
from betfun.client.pool.math import PoolMathError
from betfun.client.pool.program import PROGRAM_ID

__all__ = [
    "PROGRAM_ID",
    "PoolAccount",
    "PoolClient",
    "PoolErrorCode",
    "PoolEvent",
    "PoolMathError",
    "PoolState",
    "PoolTransaction",
    "parse_events",
]
