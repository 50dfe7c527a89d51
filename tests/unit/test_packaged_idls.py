"""The SDK finds each program's IDL among its package data (client/idl links to idl/)."""

from __future__ import annotations

import json

import pytest

from betfun.client.arena.program import PROGRAM_ID as ARENA_ID
from betfun.client.idl_files import idl_text
from betfun.client.orderbook.program import PROGRAM_ID as ORDERBOOK_ID
from betfun.client.pool.program import PROGRAM_ID as POOL_ID


@pytest.mark.parametrize(
    ("program", "address"),
    [("arena", ARENA_ID), ("orderbook", ORDERBOOK_ID), ("pool", POOL_ID)],
)
def test_each_program_has_its_idl(program: str, address: object) -> None:
    idl = json.loads(idl_text(program))
    assert idl["metadata"]["name"] == program
    assert idl["address"] == str(address)
    assert idl["instructions"], f"the {program} IDL lists no instruction"
