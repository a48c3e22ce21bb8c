"""24 November, Ngày Văn hóa Việt Nam: a day off every year from 2026 (DOMAIN.md, holidays.json of 24/11)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import ProcessingRule, due_at
from app.domain.timezone import VN_TZ


def vn(y: int, mo: int, d: int, h: int = 10) -> datetime:
    return datetime(y, mo, d, h, 0, tzinfo=VN_TZ)


def test_one_working_day_from_monday_23_11_2026(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 11, 23), ProcessingRule(working_days=1), calendar) == vn(2026, 11, 25)


def test_three_working_days_from_friday_20_11_2026(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 11, 20), ProcessingRule(working_days=3), calendar) == vn(2026, 11, 26)


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2031, 2040])
def test_a_weekday_24_11_is_off(calendar: WorkCalendar, year: int) -> None:
    assert not calendar.is_working_day(date(year, 11, 24))


def test_not_before_2026(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(date(2025, 11, 24))


@pytest.mark.parametrize(("year", "lieu"), [(2029, date(2029, 11, 26)), (2030, date(2030, 11, 25))])
def test_on_a_weekend_the_next_working_day_is_off(calendar: WorkCalendar, year: int, lieu: date) -> None:
    assert not calendar.is_working_day(lieu)
    assert calendar.is_working_day(lieu.replace(day=lieu.day + 1))


def test_2026_stays_announced_and_2027_data_has_the_day(
    calendar: WorkCalendar, holidays_data: dict[str, Any]
) -> None:
    assert calendar.year_status(2026) == "announced"
    assert "2027-11-24" in [e["date"] for e in holidays_data["2027"]]
    assert not calendar.entry(date(2026, 11, 24)).provisional  # type: ignore[union-attr]


def test_a_calendar_stored_before_the_day_was_added_still_counts_it(holidays_data: dict[str, Any]) -> None:
    old = {
        k: v if k.startswith("_") else [e for e in v if not e["date"].endswith("-11-24")]
        for k, v in holidays_data.items()
    }
    cal = WorkCalendar.from_json(old)
    assert not cal.is_working_day(date(2026, 11, 24))
    assert cal.entry(date(2026, 11, 24)).provisional  # type: ignore[union-attr]
