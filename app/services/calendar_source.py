"""Which working-day calendar is in force: the office's edited or server-pushed copy, else the shipped one."""

from __future__ import annotations

import json
from functools import lru_cache

from app.domain.calendar import WorkCalendar
from app.paths import resource
from app.store import settings
from app.store.db import Store


@lru_cache(maxsize=1)
def shipped_calendar_data() -> dict:
    return json.loads(resource("data", "holidays.json").read_text("utf-8"))


def load_calendar(store: Store) -> WorkCalendar:
    data = settings.get(store, "calendar") or shipped_calendar_data()
    return WorkCalendar.from_json(data)
