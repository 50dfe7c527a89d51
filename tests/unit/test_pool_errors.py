"""The pool program's errors: the SDK's codes are the IDL's, and failures are explained."""

from __future__ import annotations

import json
from pathlib import Path

from betfun.client.errors import ProgramError, failure_from_logs
from betfun.client.pool import PROGRAM_ID, PoolErrorCode

IDL = json.loads((Path(__file__).resolve().parents[2] / "idl" / "pool.json").read_text())
POOL = str(PROGRAM_ID)


def test_the_error_codes_are_the_idls() -> None:
    assert {e.name: e.value for e in PoolErrorCode} == {e["name"]: e["code"] for e in IDL["errors"]}


def test_a_pool_error_without_its_anchor_line_is_named_from_the_idl() -> None:
    code = PoolErrorCode.TokensOutBelowMinimum
    logs = [
        f"Program {POOL} invoke [1]",
        f"Program {POOL} failed: custom program error: {hex(code)}",
    ]
    error = failure_from_logs(logs, "fallback")
    assert isinstance(error, ProgramError)
    assert (error.code, error.name) == (code, "TokensOutBelowMinimum")
    assert "min_tokens_out" in error.message
