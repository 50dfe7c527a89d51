"""The arena program's accounts on chain, read with getProgramAccounts and decoded."""

from __future__ import annotations

from dataclasses import dataclass

import base58
from solders.pubkey import Pubkey

from betfun.client.arena.accounts import ArenaAccount, ConfigAccount, PositionAccount
from betfun.client.arena.program import PROGRAM_ID, coder
from betfun.indexer.source.rpc import JsonRpc


@dataclass(frozen=True, slots=True)
class ArenaAccounts:
    slot: int
    config: ConfigAccount | None
    arenas: list[ArenaAccount]
    positions: list[PositionAccount]


async def _of_kind(rpc: JsonRpc, kind: str) -> tuple[int, list[tuple[Pubkey, bytes]]]:
    discriminator = coder().accounts.acc_name_to_discriminator[kind]
    slot, found = await rpc.program_accounts(
        str(PROGRAM_ID),
        [{"memcmp": {"offset": 0, "bytes": base58.b58encode(discriminator).decode()}}],
    )
    return slot, [(Pubkey.from_string(a.address), a.data) for a in found]


async def read_arena_accounts(rpc: JsonRpc) -> ArenaAccounts:
    """Every config, arena and position account (three requests: a transaction landing
    between them shows; see betfun.indexer.snapshot for a consistent read)."""
    slot, configs = await _of_kind(rpc, "Config")
    _, arenas = await _of_kind(rpc, "Arena")
    _, positions = await _of_kind(rpc, "Position")
    return ArenaAccounts(
        slot=slot,
        config=next((ConfigAccount.decode(a, data) for a, data in configs), None),
        arenas=[ArenaAccount.decode(a, data) for a, data in arenas],
        positions=[PositionAccount.decode(a, data) for a, data in positions],
    )
