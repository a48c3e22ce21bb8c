"""Which working-day calendar is in force: the office's edited or server-pushed copy, else the shipped one.

Why cached: every receive computes a due date, and parsing the calendar (tens of KB of JSON, then the
provisional Labour Code years) cost more than the receive's own database work. The calendar is immutable, so
one parsed copy is kept per distinct stored text; an edit or a server push stores new text and so is seen by
the very next receive, in every process.
"""

from __future__ import annotations

import json
from functools import lru_cache

from app.domain.calendar import WorkCalendar
from app.paths import resource
from app.store import settings
from app.store.db import Store
from app.store.jsonutil import loads


@lru_cache(maxsize=1)
def shipped_calendar_data() -> dict:
    return json.loads(resource("data", "holidays.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _shipped_calendar() -> WorkCalendar:
    return WorkCalendar.from_json(shipped_calendar_data())


@lru_cache(maxsize=4)
def _stored_calendar(text: str) -> WorkCalendar | None:
    data = loads(text, None)
    return WorkCalendar.from_json(data) if data else None


def load_calendar(store: Store) -> WorkCalendar:
    text = settings.raw_value(store, "calendar")
    return (_stored_calendar(text) if text is not None else None) or _shipped_calendar()
