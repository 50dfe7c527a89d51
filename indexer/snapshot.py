"""Starting from a program's accounts instead of its whole history (``betfun indexer
--snapshot``), for a node that no longer serves the program's early transactions.

A snapshot must be consistent with a cursor: the accounts as they were right after one
transaction, and the follower then backfills from that transaction on. getProgramAccounts
does not say after which transaction it was taken, so the snapshot is bracketed: the
program's newest signature before the read and after it; when they are the same, no
transaction of the program landed during the read (only the program can change its
accounts, and every transaction that runs it mentions it), so the accounts are exactly the
state after that signature. A busy program is read again until a quiet moment.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from betfun.indexer.programs import IndexedProgram
from betfun.indexer.source.follow import Cursor
from betfun.indexer.source.rpc import JsonRpc
from betfun.indexer.store.database import Store

log = logging.getLogger(__name__)

ATTEMPTS = 50
RETRY_S = 0.05


class SnapshotError(Exception):
    """No consistent snapshot could be taken; the message says why."""


async def _newest(rpc: JsonRpc, program: str) -> Cursor | None:
    found = await rpc.call(
        "getSignaturesForAddress", [program, {"limit": 1, "commitment": "confirmed"}]
    )
    return Cursor(found[0]["signature"], found[0]["slot"]) if found else None


async def start_from_snapshot(rpc: JsonRpc, store: Store, program: IndexedProgram[Any]) -> Cursor:
    """Seed ``program``'s projections from its accounts and set its cursor to match."""
    if await store.cursor(program.name) is not None:
        raise SnapshotError(
            f"the database already indexes {program.name}: a snapshot starts an empty one"
        )
    for _ in range(ATTEMPTS):
        before = await _newest(rpc, program.program_id)
        if before is None:
            raise SnapshotError(
                f"the node has no transaction of {program.name}: start without --snapshot"
            )
        state = await program.snapshot.read(rpc)
        if await _newest(rpc, program.program_id) == before:
            break
        await asyncio.sleep(RETRY_S)
    else:
        raise SnapshotError(
            f"{program.name}'s accounts changed during each of {ATTEMPTS} reads; "
            "try again when it is quieter"
        )
    await store.seed(
        program.name, lambda connection: program.snapshot.seed(connection, state), before
    )
    log.info(
        "%s: started from its accounts after %s (slot %d)",
        program.name,
        before.signature,
        before.slot,
    )
    return before
