"""Failed transactions are explained from their logs, as a validator writes them."""

from __future__ import annotations

import json
from pathlib import Path

from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from betfun.client.arena import PROGRAM_ID, ArenaErrorCode
from betfun.client.errors import ProgramError, TransactionError, failure_from_logs

IDL = json.loads((Path(__file__).resolve().parents[2] / "idl" / "arena.json").read_text())
ARENA = str(PROGRAM_ID)
TOKEN = str(TOKEN_PROGRAM_ID)


def test_the_error_codes_are_the_idls() -> None:
    assert {e.name: e.value for e in ArenaErrorCode} == {
        e["name"]: e["code"] for e in IDL["errors"]
    }


def test_an_anchor_error_log_gives_the_programs_words() -> None:
    logs = [
        f"Program {ARENA} invoke [1]",
        "Program log: Instruction: PlaceBet",
        "Program log: AnchorError thrown in programs/arena/src/instructions/place_bet.rs:41. "
        "Error Code: BettingClosed. Error Number: 6012. Error Message: Betting on this arena "
        "has closed.",
        f"Program {ARENA} consumed 1000 of 200000 compute units",
        f"Program {ARENA} failed: custom program error: 0x177c",
    ]
    error = failure_from_logs(logs, "fallback")
    assert isinstance(error, ProgramError)
    assert error.program_id == PROGRAM_ID
    assert error.code == ArenaErrorCode.BettingClosed
    assert error.name == "BettingClosed"
    assert error.message == "Betting on this arena has closed"
    assert str(error) == "Betting on this arena has closed (BettingClosed, error 6012)"
    assert error.logs == tuple(logs)


def test_an_account_constraint_error_is_named() -> None:
    logs = [
        f"Program {ARENA} invoke [1]",
        "Program log: AnchorError caused by account: arena. Error Code: NotResolver. "
        "Error Number: 6014. Error Message: Only the arena's resolver may do this.",
        f"Program {ARENA} failed: custom program error: 0x177e",
    ]
    error = failure_from_logs(logs, "fallback")
    assert isinstance(error, ProgramError)
    assert (error.code, error.name) == (6014, "NotResolver")


def test_without_the_anchor_line_the_idl_and_anchors_tables_explain_the_code() -> None:
    arena_code = [
        f"Program {ARENA} invoke [1]",
        f"Program {ARENA} failed: custom program error: 0x177b",
    ]
    error = failure_from_logs(arena_code, "fallback")
    assert isinstance(error, ProgramError)
    assert (error.name, error.message) == (
        "InvalidOutcome",
        "The outcome index is out of range for this arena",
    )

    framework = [
        f"Program {ARENA} invoke [1]",
        f"Program {ARENA} failed: custom program error: 0x7d1",
    ]
    error = failure_from_logs(framework, "fallback")
    assert isinstance(error, ProgramError)
    assert error.code == 2001
    assert "has one" in error.message.lower() or "has_one" in error.message


def test_a_token_program_failure_inside_a_cpi_is_the_token_programs() -> None:
    logs = [
        f"Program {ARENA} invoke [1]",
        "Program log: Instruction: PlaceBet",
        f"Program {TOKEN} invoke [2]",
        "Program log: Instruction: Transfer",
        "Program log: Error: insufficient funds",
        f"Program {TOKEN} failed: custom program error: 0x1",
        f"Program {ARENA} consumed 5000 of 200000 compute units",
        f"Program {ARENA} failed: custom program error: 0x1",
    ]
    error = failure_from_logs(logs, "fallback")
    assert isinstance(error, ProgramError)
    assert error.program_id == TOKEN_PROGRAM_ID
    assert str(error) == "insufficient funds (SPL Token error 1)"


def test_other_failures_keep_the_reason() -> None:
    other = Pubkey.new_unique()
    error = failure_from_logs(
        [
            f"Program {other} invoke [1]",
            f"Program {other} failed: invalid account data for instruction",
        ],
        "fallback",
    )
    assert type(error) is TransactionError
    assert str(error) == f"program {other} failed: invalid account data for instruction"
    assert str(failure_from_logs([], "the node said no")) == "the node said no"
