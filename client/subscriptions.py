"""GraphQL subscriptions from Python: the graphql-transport-ws protocol over a WebSocket,
as the BetFun API (and any spec-following server) speaks it.

    async with subscribe(
        "ws://127.0.0.1:8000/graphql",
        "subscription ($a: String!) { arenaUpdates(address: $a) { event { name data } } }",
        {"a": address},
    ) as updates:
        async for update in updates:
            ...
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"
_SUBSCRIPTION_ID = "1"


class SubscriptionError(Exception):
    """The server refused the subscription or ended it with an error."""


async def _handshake(ws: ClientConnection) -> None:
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    reply = json.loads(await ws.recv())
    if reply.get("type") != "connection_ack":
        raise SubscriptionError(f"the server did not acknowledge the connection: {reply}")


async def _data(ws: ClientConnection) -> AsyncIterator[dict[str, Any]]:
    async for raw in ws:
        message = json.loads(raw)
        kind = message.get("type")
        if kind == "ping":
            await ws.send(json.dumps({"type": "pong"}))
        elif kind == "next":
            payload = message["payload"]
            if payload.get("errors"):
                raise SubscriptionError(json.dumps(payload["errors"]))
            yield payload["data"]
        elif kind == "error":
            raise SubscriptionError(json.dumps(message.get("payload")))
        elif kind == "complete":
            return


@asynccontextmanager
async def subscribe(
    url: str, query: str, variables: Mapping[str, Any] | None = None
) -> AsyncIterator[AsyncIterator[dict[str, Any]]]:
    """The ``data`` of each message of one subscription, while the block runs."""
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=10) as ws:  # type: ignore[list-item]
        await _handshake(ws)
        await ws.send(
            json.dumps(
                {
                    "id": _SUBSCRIPTION_ID,
                    "type": "subscribe",
                    "payload": {"query": query, "variables": dict(variables or {})},
                }
            )
        )
        yield _data(ws)
