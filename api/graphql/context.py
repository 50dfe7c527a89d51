"""Per request (or per WebSocket connection): the backends and the DataLoaders."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from betfun.api.service import arenas, models
from betfun.api.state import Backends


class Context(BaseContext):
    def __init__(self, backends: Backends) -> None:
        super().__init__()
        self.backends = backends
        pool = backends.pool

        async def load_arenas(keys: Sequence[str]) -> list[models.ArenaSummary | None]:
            return await arenas.summaries(pool, keys)

        async def load_outcomes(keys: Sequence[str]) -> list[list[models.Outcome]]:
            return await arenas.outcomes(pool, keys)

        # Batching without caching: a WebSocket connection's context lives for hours, and a
        # subscription must read the arena as it is after each event.
        self.arenas = DataLoader(load_fn=load_arenas, cache=False)
        self.outcomes = DataLoader(load_fn=load_outcomes, cache=False)
