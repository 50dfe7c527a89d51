"""The arena program as the SDK sees it: its id and anchorpy's coder for its IDL.

The IDL is parsed once per process; every encoder and decoder in the SDK goes through
:func:`coder`, so they all agree with the program's interface.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from anchorpy import Coder, Idl
from solders.pubkey import Pubkey

from betfun.client.idl_files import idl_text

IDL_JSON = idl_text("arena")
PROGRAM_ID = Pubkey.from_string(json.loads(IDL_JSON)["address"])

MAX_OUTCOMES = 8
MAX_FEE_BPS = 1_000
BPS_DENOMINATOR = 10_000


@cache
def idl() -> Idl:
    return Idl.from_json(IDL_JSON)


@cache
def coder() -> Coder:
    return Coder(idl())


def encode_instruction(name: str, args: dict[str, Any]) -> bytes:
    """Instruction data: Anchor's discriminator followed by the Borsh-encoded arguments.

    Struct arguments are dicts, never anchorpy's generated dataclasses: anchorpy encodes a
    dataclass through ``dataclasses.asdict``, which deep-copies and cannot copy a Pubkey.
    """
    return coder().instruction.encode(name, args)


@cache
def error_messages() -> dict[int, tuple[str, str]]:
    """The program's own errors by code: (name, message)."""
    raw: list[dict[str, Any]] = json.loads(IDL_JSON)["errors"]
    return {error["code"]: (error["name"], error.get("msg", error["name"])) for error in raw}
