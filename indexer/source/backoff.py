"""Reconnect delays: exponential, capped, with full jitter (so that many indexers that lost
the same node do not come back in step)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    initial_s: float = 0.2
    cap_s: float = 10.0
    factor: float = 2.0
    _attempt: int = field(default=0, init=False)
    _random: random.Random = field(default_factory=random.Random, repr=False)

    def next_delay(self) -> float:
        """The delay before the next attempt: uniform in [0, min(cap, initial * factor^n)]."""
        ceiling = min(self.cap_s, self.initial_s * self.factor ** min(self._attempt, 64))
        self._attempt += 1
        return self._random.uniform(0.0, ceiling)

    def reset(self) -> None:
        """After a success: the next failure starts from the initial delay again."""
        self._attempt = 0
