"""The indexer's decoding: Program data lines placed by instruction, and arena events
decoded from them (bytes encoded here by hand, after the program's Borsh layout)."""

from __future__ import annotations

import base64
import hashlib
import struct

import pytest
from solders.pubkey import Pubkey

from betfun.client.arena import PROGRAM_ID
from betfun.client.arena import events as ev
from betfun.indexer.decode.arena import ArenaDecoder
from betfun.indexer.decode.event import EventKey
from betfun.indexer.decode.logs import ProgramData, TruncatedLogsError, program_data
from betfun.indexer.source.transaction import ChainTransaction

ARENA = str(PROGRAM_ID)
TOKEN = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
OTHER = "Memo1UhkJRfHyvLMcVucJwxXeuD85EQVDr1r2rYXuXe"
A, B = Pubkey.new_unique(), Pubkey.new_unique()


def bet_placed_bytes(outcome: int, amount: int, stake: int) -> bytes:
    discriminator = hashlib.sha256(b"event:BetPlaced").digest()[:8]
    fields = struct.pack("<BQQQQq", outcome, amount, amount + 5, amount + 9, stake, 1_700_000_000)
    return discriminator + bytes(A) + bytes(B) + fields


def data_line(raw: bytes) -> str:
    return "Program data: " + base64.b64encode(raw).decode()


def invoke(program: str, depth: int) -> str:
    return f"Program {program} invoke [{depth}]"


def success(program: str) -> str:
    return f"Program {program} success"


def test_data_lines_are_placed_by_top_level_instruction_and_program() -> None:
    logs = [
        invoke(OTHER, 1),
        data_line(b"a"),
        success(OTHER),
        invoke(ARENA, 1),
        "Program log: Instruction: PlaceBet",
        invoke(TOKEN, 2),
        "Program log: Instruction: Transfer",
        data_line(b"b"),
        f"Program {TOKEN} consumed 4645 of 190000 compute units",
        success(TOKEN),
        data_line(b"c"),
        success(ARENA),
        invoke(ARENA, 1),
        data_line(b"d"),
        success(ARENA),
    ]
    assert list(program_data(logs)) == [
        ProgramData(0, 0, OTHER, b"a"),
        ProgramData(1, 0, TOKEN, b"b"),
        ProgramData(1, 1, ARENA, b"c"),
        ProgramData(2, 0, ARENA, b"d"),
    ]


def test_lines_outside_any_program_and_bad_base64_are_handled() -> None:
    logs = [
        data_line(b"orphan"),
        invoke(ARENA, 1),
        "Program data: not base64!",
        data_line(b"x"),
        success(ARENA),
    ]
    # The malformed line keeps its place, so later keys do not depend on decoders.
    assert list(program_data(logs)) == [
        ProgramData(0, 0, ARENA, b""),
        ProgramData(0, 1, ARENA, b"x"),
    ]


def test_truncated_logs_are_reported() -> None:
    logs = [invoke(ARENA, 1), data_line(b"x"), "Log truncated"]
    lines = program_data(logs)
    assert next(lines) == ProgramData(0, 0, ARENA, b"x")
    with pytest.raises(TruncatedLogsError):
        next(lines)


def transaction(
    logs: list[str], *, failed: bool = False, keys: tuple[str, ...] = ()
) -> ChainTransaction:
    return ChainTransaction(
        signature="sig",
        slot=42,
        block_time=1_700_000_001,
        failed=failed,
        logs=tuple(logs),
        account_keys=keys or ("payer", ARENA),
    )


def test_the_arena_decoder_reads_its_program_s_events_with_their_keys() -> None:
    logs = [
        invoke(ARENA, 1),
        data_line(bet_placed_bytes(1, 250, 300)),
        success(ARENA),
        # The same bytes written by another program are not an arena event...
        invoke(OTHER, 1),
        data_line(bet_placed_bytes(0, 1, 1)),
        # ...even when it calls the arena program, whose own line is.
        invoke(ARENA, 2),
        data_line(bet_placed_bytes(0, 7, 7)),
        success(ARENA),
        success(OTHER),
    ]
    decoded = ArenaDecoder().decode(transaction(logs))
    assert [d.key for d in decoded] == [EventKey("sig", 0, 0), EventKey("sig", 1, 1)]
    first = decoded[0]
    assert (first.slot, first.block_time, first.program, first.name) == (
        42,
        1_700_000_001,
        "arena",
        "BetPlaced",
    )
    assert first.event == ev.BetPlaced(
        arena=A,
        bettor=B,
        outcome=1,
        amount=250,
        outcome_pot=255,
        total_pot=259,
        position_stake=300,
        ts=1_700_000_000,
    )
    assert first.data() == {
        "arena": str(A),
        "bettor": str(B),
        "outcome": 1,
        "amount": 250,
        "outcome_pot": 255,
        "total_pot": 259,
        "position_stake": 300,
        "ts": 1_700_000_000,
    }
    assert decoded[1].event.amount == 7  # type: ignore[union-attr]


def test_failed_and_foreign_transactions_have_no_events() -> None:
    logs = [invoke(ARENA, 1), data_line(bet_placed_bytes(1, 250, 250)), success(ARENA)]
    assert ArenaDecoder().decode(transaction(logs, failed=True)) == []
    assert ArenaDecoder().decode(transaction(logs, keys=("payer", OTHER))) == []


def test_unknown_data_is_not_an_event() -> None:
    logs = [invoke(ARENA, 1), data_line(b"\x00" * 16), data_line(b""), success(ARENA)]
    assert ArenaDecoder().decode(transaction(logs)) == []


def test_a_get_transaction_result_becomes_a_chain_transaction() -> None:
    result = {
        "slot": 9,
        "blockTime": 1_700_000_000,
        "meta": {
            "err": None,
            "logMessages": ["Program x invoke [1]"],
            "loadedAddresses": {"writable": ["w"], "readonly": ["r"]},
        },
        "transaction": {"message": {"accountKeys": ["payer", ARENA]}},
    }
    tx = ChainTransaction.from_rpc("sig", result)
    assert tx == ChainTransaction(
        "sig", 9, 1_700_000_000, False, ("Program x invoke [1]",), ("payer", ARENA, "w", "r")
    )
    failed = ChainTransaction.from_rpc("sig", {**result, "meta": {"err": {"InstructionError": []}}})
    assert failed.failed
