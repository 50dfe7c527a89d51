"""The SDK's embedded copy of the pool IDL is idl/pool.json, byte for byte.

After `make idl` changes idl/pool.json, refresh the copy with
``.venv/bin/python tests/unit/test_pool_idl_copy.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IDL_FILE = ROOT / "idl" / "pool.json"
MODULE_FILE = ROOT / "client" / "pool" / "idl_json.py"
QUOTES = '"' * 3


def render_module(idl_text: str) -> str:
    """The source of client/pool/idl_json.py holding ``idl_text`` in a raw string."""
    if QUOTES in idl_text or idl_text.endswith(("\\", '"')):
        raise ValueError("the IDL cannot be embedded in a raw triple-quoted string")
    return (
        "# ruff: noqa: E501\n"
        f"{QUOTES}The pool program's Anchor IDL: a copy of idl/pool.json, generated.\n\n"
        "Do not edit: tests/unit/test_pool_idl_copy.py checks it and, run as a script,\n"
        f"rewrites it from idl/pool.json.{QUOTES}\n\n"
        f"IDL_JSON = r{QUOTES}{idl_text}{QUOTES}\n"
    )


def test_the_embedded_idl_is_the_committed_idl() -> None:
    from betfun.client.pool.idl_json import IDL_JSON

    assert IDL_FILE.read_text() == IDL_JSON, (
        "client/pool/idl_json.py is stale: run .venv/bin/python tests/unit/test_pool_idl_copy.py"
    )


if __name__ == "__main__":
    MODULE_FILE.write_text(render_module(IDL_FILE.read_text()))
