"""The SDK's exceptions, and how a failed transaction becomes one.

A failed transaction is explained from its logs, as a validator writes them: the first
``Program <id> failed: <reason>`` line names the program that failed (the innermost one, for
a failure inside a cross-program call). Anchor programs log their error's name, number and
message (``AnchorError ... Error Code: X. Error Number: N. Error Message: M.``), which is the
most precise source; without that line (logs can be truncated), the code is looked up in the
IDL errors of the program that failed (arena, order book or pool), then in Anchor's framework
errors. Other programs (SPL Token) log ``Error: <message>`` before failing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anchorpy.error import LangErrorMessage
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from betfun.client.arena.program import PROGRAM_ID as ARENA_PROGRAM_ID
from betfun.client.arena.program import error_messages as arena_error_messages


class BetfunError(Exception):
    """Base of every error the SDK raises on purpose; its message is meant for people."""


class AccountNotFoundError(BetfunError):
    """An account the operation needs does not exist (an unknown arena, no config yet...)."""

    def __init__(self, message: str, address: Pubkey) -> None:
        super().__init__(message)
        self.address = address


class TransactionError(BetfunError):
    """A transaction was refused (preflight) or failed on chain; ``logs`` says what ran."""

    def __init__(self, message: str, logs: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.logs = tuple(logs)


class ProgramError(TransactionError):
    """A program returned an error code. ``code`` is what the program returned (6000+ for an
    arena error, see ``ArenaErrorCode``; 100-5000 for Anchor's framework errors); ``name`` and
    ``message`` are the program's own words when known."""

    def __init__(
        self,
        program_id: Pubkey,
        code: int,
        name: str | None,
        message: str,
        logs: Sequence[str] = (),
    ) -> None:
        label = f"{name}, error {code}" if name else f"{_program_label(program_id)} error {code}"
        super().__init__(f"{message} ({label})", logs)
        self.program_id = program_id
        self.code = code
        self.name = name
        self.message = message


def _orderbook() -> tuple[Pubkey, dict[int, tuple[str, str]]]:
    """The order book program's id and errors, imported on use: its package imports this
    module."""
    from betfun.client.orderbook.program import PROGRAM_ID, error_messages

    return PROGRAM_ID, error_messages()


def _pool() -> tuple[Pubkey, dict[int, tuple[str, str]]]:
    """The pool program's id and errors (see ``PoolErrorCode``), imported on use: its
    package imports this module."""
    from betfun.client.pool.program import PROGRAM_ID, error_messages

    return PROGRAM_ID, error_messages()


def _program_label(program_id: Pubkey) -> str:
    if program_id == ARENA_PROGRAM_ID:
        return "arena program"
    if program_id == _orderbook()[0]:
        return "order book program"
    if program_id == _pool()[0]:
        return "pool program"
    if program_id == TOKEN_PROGRAM_ID:
        return "SPL Token"
    return f"program {program_id}"


_FAILED = re.compile(r"^Program (\w+) failed: (.*)$")
_CUSTOM = re.compile(r"^custom program error: (0x[0-9a-fA-F]+|\d+)$")
_ANCHOR_ERROR = re.compile(
    r"^Program log: AnchorError (?:thrown in \S+|caused by account: \w+)\. "
    r"Error Code: (\w+)\. Error Number: (\d+)\. Error Message: (.*?)\.?$"
)
_PLAIN_ERROR = re.compile(r"^Program log: Error: (.*)$")


def _known_message(program_id: Pubkey, code: int) -> tuple[str | None, str] | None:
    if program_id == ARENA_PROGRAM_ID and code in arena_error_messages():
        return arena_error_messages()[code]
    orderbook_id, orderbook_errors = _orderbook()
    if program_id == orderbook_id and code in orderbook_errors:
        return orderbook_errors[code]
    pool_id, pool_errors = _pool()
    if program_id == pool_id and code in pool_errors:
        return pool_errors[code]
    if code in LangErrorMessage:
        return None, LangErrorMessage[code]
    return None


def failure_from_logs(logs: Sequence[str], fallback: str) -> TransactionError:
    """The error that explains a failed transaction; ``fallback`` (the RPC node's error) when
    its logs say nothing more precise."""
    failure = next((m for line in logs if (m := _FAILED.match(line))), None)
    if failure is None:
        return TransactionError(fallback, logs)
    program_text, reason = failure.groups()
    try:
        program_id = Pubkey.from_string(program_text)
    except ValueError:
        return TransactionError(f"{program_text} failed: {reason}", logs)
    custom = _CUSTOM.match(reason)
    if custom is None:
        return TransactionError(f"program {program_id} failed: {reason}", logs)
    code = int(custom.group(1), 0)
    before_failure = logs[: logs.index(failure.string)]
    for line in before_failure:
        if (anchor := _ANCHOR_ERROR.match(line)) and int(anchor.group(2)) == code:
            return ProgramError(program_id, code, anchor.group(1), anchor.group(3), logs)
    if (known := _known_message(program_id, code)) is not None:
        name, message = known
        return ProgramError(program_id, code, name, message, logs)
    plain = [m.group(1) for line in before_failure if (m := _PLAIN_ERROR.match(line))]
    message = plain[-1] if plain else f"program {program_id} failed: {reason}"
    return ProgramError(program_id, code, None, message, logs)
