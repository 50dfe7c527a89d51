"""The programs the indexer follows: each a decoder and a projection. The order book and
pool programs join by adding their pair here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from betfun.indexer.decode.arena import ArenaDecoder
from betfun.indexer.decode.event import Decoder
from betfun.indexer.store.arena import ArenaProjection
from betfun.indexer.store.projection import Projection

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class IndexedProgram(Generic[E]):
    decoder: Decoder[E]
    projection: Projection[E]

    @property
    def name(self) -> str:
        return self.decoder.name

    @property
    def program_id(self) -> str:
        return self.decoder.program_id


PROGRAMS: tuple[IndexedProgram[Any], ...] = (IndexedProgram(ArenaDecoder(), ArenaProjection()),)
