"""One program's pipeline, as its follower's sink: decode a batch of transactions, store
events, projections and cursor in one database transaction, then wake the publisher."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from betfun.indexer.programs import IndexedProgram
from betfun.indexer.publish import Publisher
from betfun.indexer.source.follow import Cursor
from betfun.indexer.source.transaction import ChainTransaction
from betfun.indexer.store.database import Store

log = logging.getLogger(__name__)


class ProgramPipeline:
    def __init__(self, program: IndexedProgram[Any], store: Store, publisher: Publisher) -> None:
        self.program = program
        self.events = 0
        self.transactions = 0
        self._store = store
        self._publisher = publisher

    async def cursor(self) -> Cursor | None:
        return await self._store.cursor(self.program.name)

    async def ingest(self, transactions: Sequence[ChainTransaction]) -> None:
        if not transactions:
            return
        decoded = [event for tx in transactions for event in self.program.decoder.decode(tx)]
        last = transactions[-1]
        new = await self._store.write(
            self.program.name, self.program.projection, decoded, Cursor(last.signature, last.slot)
        )
        self.events += new
        self.transactions += len(transactions)
        log.debug(
            "%s: %d transactions, %d new events, up to slot %d",
            self.program.name,
            len(transactions),
            new,
            last.slot,
        )
        self._publisher.wake()
