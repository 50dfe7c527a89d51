"""A confirmed transaction as the indexer sees it, whichever way it arrived."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ChainTransaction:
    """What decoders need of a transaction: where it is, whether it failed, its logs and the
    accounts it names (static keys, then addresses loaded from lookup tables)."""

    signature: str
    slot: int
    block_time: int | None
    failed: bool
    logs: tuple[str, ...]
    account_keys: tuple[str, ...]

    @classmethod
    def failure(cls, signature: str, slot: int, block_time: int | None) -> ChainTransaction:
        """A failed transaction: it changed nothing, so its logs are not needed."""
        return cls(signature, slot, block_time, failed=True, logs=(), account_keys=())

    @classmethod
    def from_rpc(cls, signature: str, result: dict[str, Any]) -> ChainTransaction:
        """From a getTransaction result (encoding "json")."""
        meta = result.get("meta") or {}
        message = result["transaction"]["message"]
        loaded = meta.get("loadedAddresses") or {}
        keys = [*message["accountKeys"], *loaded.get("writable", ()), *loaded.get("readonly", ())]
        return cls(
            signature=signature,
            slot=int(result["slot"]),
            block_time=result.get("blockTime"),
            failed=meta.get("err") is not None,
            logs=tuple(meta.get("logMessages") or ()),
            account_keys=tuple(keys),
        )
