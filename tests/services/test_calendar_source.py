"""The calendar in force is parsed once per stored text, and an edit is seen by the very next receive."""

from __future__ import annotations

from datetime import date

from app.services.calendar_admin import set_day
from app.services.calendar_source import load_calendar
from app.services.context import Actor


def test_parsed_once_and_edits_seen_at_once(ctx) -> None:
    first = load_calendar(ctx.store)
    assert load_calendar(ctx.store) is first  # no parsing on the next receive
    day = date(2026, 12, 15)  # an ordinary Tuesday
    assert first.is_working_day(day)
    ctx.actor = Actor("sup", "Trần Văn Bình", "supervisor")
    set_day(ctx, day, "holiday", "Nghỉ đột xuất")
    edited = load_calendar(ctx.store)
    assert edited is not first and not edited.is_working_day(day)
    assert load_calendar(ctx.store) is edited
