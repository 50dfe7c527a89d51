"""The live stream: ``logsSubscribe`` with ``mentions`` of one program, over a plain
``websockets`` JSON-RPC connection (so reconnects are ours to control).

Why logsSubscribe and not programSubscribe: the indexer's truth is the programs' events,
and an event is only stored under its (signature, instruction index, event index) key. A
logs notification names the transaction (its signature, its slot, whether it failed), so it
can be keyed, ordered and de-duplicated against the history that getSignaturesForAddress
returns. An account notification carries the account's new bytes but no signature: it can
be neither keyed nor ordered against events, and it would show intermediate states of
accounts that several transactions of one slot change. Every state change of our programs
emits an event carrying what an indexer needs, so account notifications would add nothing
the events do not say; the current state of the accounts is read with getProgramAccounts
by ``betfun reconcile``, which checks the projections against it.

Each notification is taken as a pointer: the follower fetches the whole transaction
(getTransaction) so that live and backfilled transactions are decoded from the same data
(logs, account keys, block time).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from betfun.indexer.source.rpc import COMMITMENT, RpcError

OPEN_TIMEOUT_S = 10.0
# A dead connection (the node vanished without closing it) is found by pings.
PING_INTERVAL_S = 5.0
PING_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class LogsNotice:
    signature: str
    slot: int
    failed: bool


class LogsSubscription:
    """An open ``logsSubscribe``; iterate it for the notices, in the node's order."""

    def __init__(self, ws: ClientConnection, subscription: int) -> None:
        self._ws = ws
        self.subscription = subscription

    async def __aiter__(self) -> AsyncIterator[LogsNotice]:
        async for raw in self._ws:
            message: dict[str, Any] = json.loads(raw)
            if message.get("method") != "logsNotification":
                continue
            params = message["params"]
            if params.get("subscription") != self.subscription:
                continue
            result = params["result"]
            value = result["value"]
            yield LogsNotice(
                signature=value["signature"],
                slot=int(result["context"]["slot"]),
                failed=value.get("err") is not None,
            )


@asynccontextmanager
async def subscribe_logs(ws_url: str, program: str) -> AsyncIterator[LogsSubscription]:
    """Connect and subscribe to the logs of transactions that mention ``program``; the
    subscription is in place when this yields."""
    async with connect(
        ws_url,
        open_timeout=OPEN_TIMEOUT_S,
        ping_interval=PING_INTERVAL_S,
        ping_timeout=PING_TIMEOUT_S,
        max_size=2**24,
    ) as ws:
        request = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "logsSubscribe",
            "params": [{"mentions": [program]}, {"commitment": COMMITMENT}],
        }
        await ws.send(json.dumps(request))
        async with asyncio.timeout(OPEN_TIMEOUT_S):
            while True:
                reply: dict[str, Any] = json.loads(await ws.recv())
                if reply.get("id") == 1:
                    break
        if "error" in reply or not isinstance(reply.get("result"), int):
            raise RpcError(f"logsSubscribe: {reply.get('error', reply)}")
        yield LogsSubscription(ws, reply["result"])
