"""The committed IDLs are what the program sources generate (`make idl` rewrites them)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_idls_match_the_program_sources() -> None:
    target = Path(os.environ.get("CARGO_TARGET_DIR", Path.home() / ".cache/betfun/target"))
    checker = target / "release" / "betfun-idl"
    assert checker.is_file(), f"{checker} is missing: run `make build`"
    result = subprocess.run(
        [str(checker), "--check"], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, f"stale IDL:\n{result.stdout}\n{result.stderr}"
