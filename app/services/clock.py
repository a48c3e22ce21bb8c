"""Time as a dependency: services ask a clock, so tests and back-dated entries need no monkeypatching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.domain.timezone import VN_TZ, to_vn


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(VN_TZ)


@dataclass
class FixedClock:
    """A clock that says what it is told (tests, demos)."""

    current: datetime

    def now(self) -> datetime:
        return to_vn(self.current)

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)


def iso(dt: datetime) -> str:
    """The one timestamp format of the store: Vietnam time, seconds, with offset."""
    return to_vn(dt).isoformat(timespec="seconds")
