"""The arena program's decoder: its ``Program data:`` lines, decoded by the SDK."""

from __future__ import annotations

import logging

from betfun.client.arena.events import ArenaEvent, decode_event
from betfun.client.arena.program import PROGRAM_ID
from betfun.indexer.decode.event import DecodedEvent, EventKey
from betfun.indexer.decode.logs import TruncatedLogsError, program_data
from betfun.indexer.source.transaction import ChainTransaction

log = logging.getLogger(__name__)

PROGRAM = str(PROGRAM_ID)


class ArenaDecoder:
    name = "arena"
    program_id = PROGRAM

    def decode(self, transaction: ChainTransaction) -> list[DecodedEvent[ArenaEvent]]:
        """The events of a successful transaction, in emission order; none for a failed one
        (its state changes were rolled back, whatever it logged) or one that does not name
        the program."""
        if transaction.failed or (
            transaction.account_keys and PROGRAM not in transaction.account_keys
        ):
            return []
        events: list[DecodedEvent[ArenaEvent]] = []
        try:
            for line in program_data(transaction.logs):
                if line.program != PROGRAM:
                    continue
                event = decode_event(line.data)
                if event is None:
                    continue
                events.append(
                    DecodedEvent(
                        key=EventKey(transaction.signature, line.ix_index, line.event_index),
                        slot=transaction.slot,
                        block_time=transaction.block_time,
                        program=self.name,
                        name=type(event).__name__,
                        event=event,
                    )
                )
        except TruncatedLogsError:
            # The program keeps its events small so this does not happen; if it does, the
            # events before the cut are kept and reconcile will show what is missing.
            log.error("the logs of %s are truncated: events lost", transaction.signature)
        return events
