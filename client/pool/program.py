"""The pool program as the SDK sees it: its id, its limits and anchorpy's coder for its IDL."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from anchorpy import Coder, Idl
from solders.pubkey import Pubkey

from betfun.client.idl_files import idl_text

IDL_JSON = idl_text("pool")
PROGRAM_ID = Pubkey.from_string(json.loads(IDL_JSON)["address"])

MIN_OUTCOMES = 2
MAX_OUTCOMES = 8
MAX_FEE_BPS = 1_000
BPS_DENOMINATOR = 10_000
# Prices in events and quotes are in units of 1/PRICE_SCALE collateral per outcome token.
PRICE_SCALE = 1_000_000_000


@cache
def idl() -> Idl:
    return Idl.from_json(IDL_JSON)


@cache
def coder() -> Coder:
    return Coder(idl())


def encode_instruction(name: str, args: dict[str, Any]) -> bytes:
    """Instruction data: Anchor's discriminator followed by the Borsh-encoded arguments."""
    return coder().instruction.encode(name, args)


@cache
def error_messages() -> dict[int, tuple[str, str]]:
    """The program's own errors by code: (name, message)."""
    raw: list[dict[str, Any]] = json.loads(IDL_JSON)["errors"]
    return {error["code"]: (error["name"], error.get("msg", error["name"])) for error in raw}
