"""Exponential backoff with jitter, so that a hundred counters coming back online at once do not hit the
central server in the same second (the crowding DOMAIN.md reports since July 2025)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 2.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    attempt: int = 0

    def next_delay(self) -> float:
        """Grows ×2 per failure up to ``cap``; the wait is drawn from the upper half of the window."""
        window = min(self.cap, self.base * 2**self.attempt)
        self.attempt += 1
        return self.rng.uniform(window / 2, window)

    def reset(self) -> None:
        self.attempt = 0
