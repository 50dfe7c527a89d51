"""One program followed without a gap: subscribe, backfill, then trust the live stream.

Each connection goes through the same steps:

1. ``logsSubscribe`` to transactions that mention the program; notices are queued from
   then on.
2. Backfill: every signature after the stored cursor (getSignaturesForAddress ``until``),
   oldest first, fetched with getTransaction in batches and handed to the sink a batch at a
   time. This reaches at least where the subscription began, so nothing falls between.
3. Live: the queued notices, then new ones, de-duplicated by signature against what the
   backfill already handed over, each batch of notices fetched with getTransaction.

When the connection drops (or a request fails), the follower waits (exponential backoff with
jitter, capped) and starts again at step 1, from the cursor the sink stored. The sink writes
the cursor with the events, so the cursor never runs ahead of the data. A node whose slot
is behind the cursor (a lagging replica) is not trusted: the follower waits and retries, so
the slot it reports never goes backwards.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import httpx
from websockets.exceptions import WebSocketException

from betfun.indexer.source.backoff import Backoff
from betfun.indexer.source.pubsub import LogsNotice, subscribe_logs
from betfun.indexer.source.rpc import TRANSACTION_BATCH, JsonRpc, RpcError, SignatureInfo
from betfun.indexer.source.transaction import ChainTransaction

log = logging.getLogger(__name__)

# What a lost node, a dropped connection or a refused request raise: all mean "reconnect".
RECOVERABLE = (OSError, TimeoutError, WebSocketException, httpx.HTTPError, RpcError)
# Signatures remembered for de-duplication: far more than a backfill overlaps the stream.
SEEN_SIGNATURES = 100_000


@dataclass(frozen=True, slots=True)
class Cursor:
    signature: str
    slot: int


class Sink(Protocol):
    """Where a follower delivers transactions: the pipeline of one program."""

    async def cursor(self) -> Cursor | None:
        """The newest transaction stored, in chain order."""
        ...

    async def ingest(self, transactions: Sequence[ChainTransaction]) -> None:
        """Store ``transactions`` (in chain order) and move the cursor to the last one."""
        ...


class NodeBehindError(Exception):
    """The node's slot is behind the indexer's cursor."""


class StreamClosedError(Exception):
    """The WebSocket closed without an error."""


class Phase(enum.Enum):
    CONNECTING = "connecting"
    BACKFILLING = "backfilling"
    LIVE = "live"


class _RecentSignatures:
    def __init__(self, size: int) -> None:
        self._members: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def __contains__(self, signature: str) -> bool:
        return signature in self._members

    def add(self, signature: str) -> None:
        self._members[signature] = None
        self._members.move_to_end(signature)
        if len(self._members) > self._size:
            self._members.popitem(last=False)


class Follower:
    def __init__(
        self,
        program: str,
        rpc: JsonRpc,
        ws_url: str,
        sink: Sink,
        *,
        name: str | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.program = program
        self.name = name or program
        self.phase = Phase.CONNECTING
        # The highest slot handed to the sink (or found in the cursor).
        self.slot = 0
        self.reconnects = 0
        self._rpc = rpc
        self._ws_url = ws_url
        self._sink = sink
        self._backoff = backoff or Backoff()
        self._seen = _RecentSignatures(SEEN_SIGNATURES)

    async def run(self) -> None:
        """Follow the program until cancelled, reconnecting after every failure."""
        while True:
            try:
                await self._follow_once()
            except (*RECOVERABLE, NodeBehindError, StreamClosedError) as exc:
                self.phase = Phase.CONNECTING
                self.reconnects += 1
                delay = self._backoff.next_delay()
                log.warning(
                    "%s: %s: %s; reconnecting in %.2f s",
                    self.name,
                    type(exc).__name__,
                    exc,
                    delay,
                )
                await asyncio.sleep(delay)

    async def _follow_once(self) -> None:
        async with subscribe_logs(self._ws_url, self.program) as subscription:
            queue: asyncio.Queue[LogsNotice | BaseException] = asyncio.Queue()

            async def pump() -> None:
                try:
                    async for notice in subscription:
                        queue.put_nowait(notice)
                    queue.put_nowait(StreamClosedError("the node closed the WebSocket"))
                except Exception as exc:  # handed to the consumer, which re-raises it
                    queue.put_nowait(exc)

            reader = asyncio.create_task(pump(), name=f"pubsub-{self.program}")
            try:
                self.phase = Phase.BACKFILLING
                await self._backfill()
                self.phase = Phase.LIVE
                self._backoff.reset()
                log.info("%s: live from slot %d", self.name, self.slot)
                await self._live(queue)
            finally:
                reader.cancel()
                await asyncio.gather(reader, return_exceptions=True)

    async def _backfill(self) -> None:
        cursor = await self._sink.cursor()
        if cursor is not None:
            self.slot = max(self.slot, cursor.slot)
            node_slot = await self._rpc.slot()
            if node_slot < cursor.slot:
                raise NodeBehindError(f"the node is at slot {node_slot}, the cursor {cursor.slot}")
        history = await self._rpc.signatures_after(
            self.program, None if cursor is None else cursor.signature
        )
        missed = [info for info in history if info.signature not in self._seen]
        if missed:
            log.info("%s: backfilling %d transactions", self.name, len(missed))

        async def chunks() -> AsyncIterator[list[SignatureInfo]]:
            for start in range(0, len(missed), TRANSACTION_BATCH):
                yield missed[start : start + TRANSACTION_BATCH]

        await self._deliver_all(chunks())

    async def _live(self, queue: asyncio.Queue[LogsNotice | BaseException]) -> None:
        async def batches() -> AsyncIterator[list[SignatureInfo]]:
            while True:
                items = [await queue.get()]
                while len(items) < TRANSACTION_BATCH and not queue.empty():
                    items.append(queue.get_nowait())
                notices = [item for item in items if isinstance(item, LogsNotice)]
                yield [SignatureInfo(n.signature, n.slot, None, n.failed) for n in notices]
                for item in items:
                    if isinstance(item, BaseException):
                        raise item

        await self._deliver_all(batches())

    async def _deliver_all(self, batches: AsyncIterator[list[SignatureInfo]]) -> None:
        """Fetch and store each batch, in order, fetching the next one while the sink
        stores the last (the two wait on different servers)."""
        storing: asyncio.Task[None] | None = None
        in_flight: set[str] = set()
        try:
            async for infos in batches:
                transactions = await self._fetch(infos, in_flight)
                if storing is not None:
                    await storing
                if transactions:
                    in_flight = {tx.signature for tx in transactions}
                    storing = asyncio.create_task(self._store(transactions))
                else:
                    storing = None
            if storing is not None:
                await storing
        except BaseException as exc:
            # A lost stream still lets the batch being stored finish (it is good data);
            # a cancelled follower stops it (its transaction rolls back).
            if storing is not None and not storing.done():
                if isinstance(exc, asyncio.CancelledError):
                    storing.cancel()
                await asyncio.gather(storing, return_exceptions=True)
            raise

    async def _fetch(
        self, infos: Sequence[SignatureInfo], in_flight: set[str]
    ) -> list[ChainTransaction]:
        """The transactions of ``infos`` not delivered yet, in order (a failed one without
        fetching it: it has no events)."""
        by_signature: dict[str, SignatureInfo] = {}
        for info in infos:
            if info.signature not in self._seen and info.signature not in in_flight:
                by_signature.setdefault(info.signature, info)
        fresh = list(by_signature.values())
        if not fresh:
            return []
        succeeded = [info.signature for info in fresh if not info.failed]
        fetched = {tx.signature: tx for tx in await self._rpc.transactions(succeeded)}
        return [
            fetched.get(info.signature)
            or ChainTransaction.failure(info.signature, info.slot, info.block_time)
            for info in fresh
        ]

    async def _store(self, transactions: Sequence[ChainTransaction]) -> None:
        await self._sink.ingest(transactions)
        for tx in transactions:
            self._seen.add(tx.signature)
            self.slot = max(self.slot, tx.slot)
