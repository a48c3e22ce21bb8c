"""The working-day calendar pushed where nobody wrote a case down: 24/11 around weekends, extra days off, a day
confirmed by hand in a provisional year, receipts on the holiday itself and after closing, stored odd years."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from app.domain.calendar import CalendarEntry, DayKind, WorkCalendar
from app.domain.day_entry import BY_HAND
from app.domain.deadlines import ProcessingRule, due_at
from app.domain.timezone import VN_TZ

ONE_DAY = ProcessingRule(working_days=1)
SAME_DAY = ProcessingRule(same_day=True)


def vn(y: int, mo: int, d: int, h: int = 10, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def _by_hand(cal: WorkCalendar, day: date, name: str, kind: DayKind = DayKind.HOLIDAY) -> WorkCalendar:
    return cal.with_entries([CalendarEntry(day=day, kind=kind, name_vi=name, source=(BY_HAND,))])


@pytest.mark.parametrize(
    ("received", "rule", "due"),
    [
        (vn(2026, 11, 23, 17, 30), ONE_DAY, vn(2026, 11, 26, 7, 30)),  # after closing on 23/11: counts from 25/11
        (vn(2026, 11, 24, 9), ONE_DAY, vn(2026, 11, 26, 7, 30)),  # on the holiday itself: as if at 25/11 opening
        (vn(2026, 11, 24, 9), SAME_DAY, vn(2026, 11, 25, 17)),
        (vn(2026, 11, 23, 15, 30), SAME_DAY, vn(2026, 11, 25, 17)),  # after the 15:00 cut-off, over the holiday
        (vn(2029, 11, 23), ONE_DAY, vn(2029, 11, 27)),  # Sat 24/11/2029, Mon 26/11 in lieu
        (vn(2030, 11, 22), ONE_DAY, vn(2030, 11, 26)),  # Sun 24/11/2030, Mon 25/11 in lieu
        (vn(2027, 11, 23), ONE_DAY, vn(2027, 11, 25)),
    ],
)
def test_due_dates_around_24_11(calendar: WorkCalendar, received: datetime, rule: ProcessingRule, due: datetime):
    assert due_at(received, rule, calendar) == due


def test_an_extra_day_off_next_to_24_11_adds_up(calendar: WorkCalendar) -> None:
    cal = _by_hand(calendar, date(2026, 11, 25), "Nghỉ thêm theo quyết định của tỉnh")
    assert due_at(vn(2026, 11, 23), ONE_DAY, cal) == vn(2026, 11, 26)
    assert due_at(vn(2026, 11, 20), ProcessingRule(working_days=3), cal) == vn(2026, 11, 27)


def test_24_11_declared_a_working_day_by_the_announced_calendar_wins(calendar: WorkCalendar) -> None:
    cal = _by_hand(calendar, date(2026, 11, 24), "Làm việc", DayKind.MAKEUP_WORKDAY)
    assert due_at(vn(2026, 11, 23), ONE_DAY, cal) == vn(2026, 11, 24)


@pytest.mark.parametrize(
    ("day", "lieu"),
    [
        (date(2029, 11, 24), date(2029, 11, 26)),  # Ngày Văn hóa on a Saturday
        (date(2030, 11, 24), date(2030, 11, 25)),  # on a Sunday
        (date(2028, 1, 1), date(2028, 1, 3)),  # Tết Dương lịch on a Saturday
    ],
)
def test_a_weekend_holiday_confirmed_by_hand_in_a_provisional_year_keeps_its_day_in_lieu(
    calendar: WorkCalendar, day: date, lieu: date
) -> None:
    assert not calendar.is_working_day(lieu)  # provisional: the holiday and its day in lieu
    cal = _by_hand(calendar, day, "Ngày nghỉ lễ (đã công bố)")
    assert not cal.is_working_day(lieu)  # confirming the holiday must not give the day in lieu back as work
    assert cal.is_working_day(date.fromordinal(lieu.toordinal() + 1))


def test_an_announced_day_in_lieu_is_not_doubled(holidays_data: dict[str, Any]) -> None:
    cal = WorkCalendar.from_json(holidays_data)
    cal = _by_hand(cal, date(2029, 11, 24), "Ngày Văn hóa Việt Nam")
    cal = _by_hand(cal, date(2029, 11, 26), "Nghỉ bù Ngày Văn hóa Việt Nam", DayKind.COMPENSATORY)
    assert cal.is_working_day(date(2029, 11, 27))


def test_the_shipped_announced_years_are_unchanged(holidays_data: dict[str, Any]) -> None:
    cal = WorkCalendar.from_json(holidays_data)
    for year in (2025, 2026):
        shipped = sorted(date.fromisoformat(e["date"]) for e in holidays_data[str(year)])
        assert [e.day for e in cal.entries(year)] == shipped


def test_a_day_of_an_odd_year_survives_a_store_round_trip(calendar: WorkCalendar) -> None:
    odd = _by_hand(calendar, date(1, 1, 1), "Thử")
    assert WorkCalendar.from_json(odd.to_json()).entry(date(1, 1, 1)) is not None
    # a setting written before years were padded to four digits still loads
    legacy = {**calendar.to_json(), "1": [{"date": "0001-01-01", "kind": "holiday", "name_vi": "Thử"}]}
    assert WorkCalendar.from_json(legacy).entry(date(1, 1, 1)) is not None
