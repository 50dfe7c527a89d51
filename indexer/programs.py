"""The programs the indexer follows: each a decoder, a projection and a snapshot (to start
from its accounts). The order book and pool programs join by adding theirs here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from betfun.indexer.decode.arena import ArenaDecoder
from betfun.indexer.decode.event import Decoder
from betfun.indexer.store.arena import ArenaProjection
from betfun.indexer.store.arena_seed import ArenaSnapshot
from betfun.indexer.store.projection import Projection, Snapshot

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class IndexedProgram(Generic[E]):
    decoder: Decoder[E]
    projection: Projection[E]
    snapshot: Snapshot[Any]

    @property
    def name(self) -> str:
        return self.decoder.name

    @property
    def program_id(self) -> str:
        return self.decoder.program_id


PROGRAMS: tuple[IndexedProgram[Any], ...] = (
    IndexedProgram(ArenaDecoder(), ArenaProjection(), ArenaSnapshot()),
)
