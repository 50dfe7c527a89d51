"""Percentiles (nearest rank) of latency samples in milliseconds."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    count: int
    lost: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_ms)))
    return sorted_ms[min(rank, len(sorted_ms)) - 1]


def summarize(samples_ms: list[float], lost: int = 0) -> Summary:
    """A lost sample counts as slower than every other: it is in the tail percentiles."""
    ordered = sorted(samples_ms) + [math.inf] * lost
    return Summary(
        count=len(samples_ms),
        lost=lost,
        p50_ms=percentile(ordered, 50),
        p95_ms=percentile(ordered, 95),
        p99_ms=percentile(ordered, 99),
        max_ms=ordered[-1] if ordered else math.nan,
        mean_ms=sum(samples_ms) / len(samples_ms) if samples_ms else math.nan,
    )
