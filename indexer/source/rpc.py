"""The HTTP JSON-RPC calls the indexer makes: history (getSignaturesForAddress,
getTransaction in batch requests), the current slot, and program accounts (getProgramAccounts,
for ``betfun reconcile``)."""

from __future__ import annotations

import asyncio
import base64
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import httpx
import orjson

from betfun.indexer.source.transaction import ChainTransaction

# getSignaturesForAddress answers at most 1,000 signatures per page.
SIGNATURE_PAGE = 1_000
# getTransaction calls per batch request.
TRANSACTION_BATCH = 100
# A transaction announced over PubSub may not be served by getTransaction for a moment.
FETCH_ATTEMPTS = 20
FETCH_RETRY_S = 0.05
COMMITMENT = "confirmed"

# A decoded JSON value: shapes are checked where results are read.
Json: TypeAlias = Any


class RpcError(Exception):
    """The node answered a request with an error, or not as the protocol says."""


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    signature: str
    slot: int
    block_time: int | None
    failed: bool


@dataclass(frozen=True, slots=True)
class ProgramAccount:
    address: str
    data: bytes


def _json(response: httpx.Response) -> Json:
    # orjson: a batch of transactions is megabytes of JSON, and the standard library's
    # parser was the indexer's largest cost under load.
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        raise RpcError(f"the node answered with invalid JSON: {exc}") from None


class JsonRpc:
    """One HTTP connection pool to a node; every call is async."""

    def __init__(self, url: str, *, timeout: float = 30.0) -> None:
        self._http = httpx.AsyncClient(base_url=url, timeout=timeout)
        self._ids = itertools.count(1)

    async def aclose(self) -> None:
        await self._http.aclose()

    def _request(self, method: str, params: Sequence[Any]) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}

    @staticmethod
    def _result(method: str, reply: Json) -> Json:
        if not isinstance(reply, dict):
            raise RpcError(f"{method}: not a JSON-RPC response: {reply!r:.200}")
        if "error" in reply:
            raise RpcError(f"{method}: {reply['error']}")
        return reply.get("result")

    async def call(self, method: str, params: Sequence[Json] = ()) -> Json:
        response = await self._http.post("", json=self._request(method, params))
        response.raise_for_status()
        return self._result(method, _json(response))

    async def batch(self, method: str, params: Sequence[Sequence[Json]]) -> list[Json]:
        """The same method with many parameter lists, in one request; results in order."""
        if not params:
            return []
        requests = [self._request(method, p) for p in params]
        response = await self._http.post("", json=requests)
        response.raise_for_status()
        replies = _json(response)
        if not isinstance(replies, list):
            raise RpcError(f"{method}: a batch request got {replies!r:.200}")
        by_id = {reply.get("id"): reply for reply in replies if isinstance(reply, dict)}
        return [self._result(method, by_id.get(request["id"])) for request in requests]

    async def slot(self) -> int:
        return int(await self.call("getSlot", [{"commitment": COMMITMENT}]))

    async def signatures_after(self, address: str, until: str | None) -> list[SignatureInfo]:
        """Every signature that mentions ``address`` after ``until`` (all of them when
        None), oldest first: the pages go newest to oldest, so all are read before any is
        used."""
        newest_first: list[SignatureInfo] = []
        before: str | None = None
        while True:
            options: dict[str, Any] = {"limit": SIGNATURE_PAGE, "commitment": COMMITMENT}
            if until is not None:
                options["until"] = until
            if before is not None:
                options["before"] = before
            page = await self.call("getSignaturesForAddress", [address, options])
            newest_first.extend(
                SignatureInfo(
                    signature=entry["signature"],
                    slot=int(entry["slot"]),
                    block_time=entry.get("blockTime"),
                    failed=entry.get("err") is not None,
                )
                for entry in page
            )
            if len(page) < SIGNATURE_PAGE:
                break
            before = page[-1]["signature"]
        newest_first.reverse()
        return newest_first

    async def transactions(self, signatures: Sequence[str]) -> list[ChainTransaction]:
        """The transactions, in the order given, fetched in batch requests. A transaction
        not yet served is asked again for a moment, then it is an error."""
        found: dict[str, ChainTransaction] = {}
        missing = list(dict.fromkeys(signatures))
        for attempt in range(FETCH_ATTEMPTS):
            for start in range(0, len(missing), TRANSACTION_BATCH):
                chunk = missing[start : start + TRANSACTION_BATCH]
                options = {
                    "encoding": "json",
                    "commitment": COMMITMENT,
                    "maxSupportedTransactionVersion": 0,
                }
                results = await self.batch("getTransaction", [[s, options] for s in chunk])
                for signature, result in zip(chunk, results, strict=True):
                    if result is not None:
                        found[signature] = ChainTransaction.from_rpc(signature, result)
            missing = [s for s in missing if s not in found]
            if not missing:
                return [found[s] for s in signatures]
            if attempt + 1 < FETCH_ATTEMPTS:
                await asyncio.sleep(FETCH_RETRY_S)
        raise RpcError(f"getTransaction: the node does not serve {missing[0]} (and others)")

    async def program_accounts(
        self, program: str, filters: Sequence[dict[str, Any]] = ()
    ) -> tuple[int, list[ProgramAccount]]:
        """The slot of the answer, and the program's accounts that pass ``filters``."""
        options = {
            "encoding": "base64",
            "commitment": COMMITMENT,
            "withContext": True,
            "filters": list(filters),
        }
        answer = await self.call("getProgramAccounts", [program, options])
        accounts = [
            ProgramAccount(entry["pubkey"], base64.b64decode(entry["account"]["data"][0]))
            for entry in answer["value"]
        ]
        return int(answer["context"]["slot"]), accounts
