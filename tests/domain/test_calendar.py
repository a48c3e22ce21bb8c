"""The working-day calendar: shipped data, provisional Labour Code holidays, and working-day arithmetic."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import CalendarEntry, DayKind, WorkCalendar
from app.domain.errors import ValidationError
from app.domain.holidays import national_day_adjacent


def test_round_trips_the_shipped_file(holidays_data: dict[str, Any]) -> None:
    assert WorkCalendar.from_json(holidays_data).to_json() == holidays_data


def test_announced_years(calendar: WorkCalendar) -> None:
    assert calendar.year_status(2025) == "announced"
    assert calendar.year_status(2026) == "announced"
    assert all(not e.provisional for e in calendar.entries(2026))
    # announced years get nothing added
    assert len(calendar.entries(2026)) == 17  # 16 announced + 24/11 (in force by law)


def test_weekends_and_holidays(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(date(2026, 1, 5))  # Monday
    assert not calendar.is_working_day(date(2026, 1, 3))  # Saturday
    assert not calendar.is_working_day(date(2026, 1, 1))  # New Year
    assert not calendar.is_working_day(date(2026, 1, 2))  # swapped off
    assert calendar.is_working_day(date(2026, 1, 10))  # make-up Saturday
    assert not calendar.is_working_day(date(2026, 4, 27))  # in lieu of Giỗ Tổ on Sunday
    entry = calendar.entry(date(2026, 1, 10))
    assert entry is not None and entry.kind is DayKind.MAKEUP_WORKDAY
    assert calendar.entry(date(2026, 1, 6)) is None


def test_tet_2026(calendar: WorkCalendar) -> None:
    off = [date(2026, 2, 16) + timedelta(days=i) for i in range(5)]
    assert not any(calendar.is_working_day(d) for d in off)
    assert calendar.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_provisional_2027_tet(calendar: WorkCalendar) -> None:
    assert calendar.year_status(2027) == "provisional"
    # eve Fri 5/2, mùng 1–4 Sat 6 – Tue 9, in lieu of Sat and Sun: Wed 10, Thu 11.
    for day in range(5, 12):
        d = date(2027, 2, day)
        assert not calendar.is_working_day(d), d
        entry = calendar.entry(d)
        assert entry is not None and entry.provisional
    assert calendar.entry(date(2027, 2, 10)).kind is DayKind.COMPENSATORY  # type: ignore[union-attr]
    assert calendar.next_working_day(date(2027, 2, 4)) == date(2027, 2, 12)
    # the data's own mùng 1 entry wins over the computed one
    assert "chỉ ngày mùng 1" in calendar.entry(date(2027, 2, 6)).name_vi  # type: ignore[union-attr]


def test_2027_keeps_data_and_fills_the_national_day_pair(calendar: WorkCalendar) -> None:
    assert calendar.entry(date(2027, 5, 3)).status == "computed_by_rule"  # type: ignore[union-attr]
    assert date(2027, 9, 3) == national_day_adjacent(2027)
    assert not calendar.is_working_day(date(2027, 9, 3))
    assert not calendar.is_working_day(date(2027, 9, 2))


def test_provisional_2028_without_data(calendar: WorkCalendar) -> None:
    entries = {e.day: e for e in calendar.entries(2028)}
    assert all(e.provisional for e in entries.values())
    holidays = {d for d, e in entries.items() if e.kind is DayKind.HOLIDAY}
    tet = {date(2028, 1, 25) + timedelta(days=i) for i in range(5)}
    assert tet <= holidays
    assert {date(2028, 1, 1), date(2028, 4, 4), date(2028, 4, 30), date(2028, 5, 1)} <= holidays
    assert {date(2028, 9, 1), date(2028, 9, 2)} <= holidays
    lieu = {d for d, e in entries.items() if e.kind is DayKind.COMPENSATORY}
    # 1/1 Sat -> Mon 3/1; Tết mùng 4 Sat 29/1 -> Mon 31/1;
    # 30/4 Sun -> Tue 2/5 (1/5 is a holiday); 2/9 Sat -> Mon 4/9
    assert lieu == {date(2028, 1, 3), date(2028, 1, 31), date(2028, 5, 2), date(2028, 9, 4)}


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2021, date(2021, 9, 3)), (2022, date(2022, 9, 1)), (2024, date(2024, 9, 3)), (2025, date(2025, 9, 1))],
)
def test_national_day_adjacent_matches_past_arrangements(year: int, expected: date) -> None:
    assert national_day_adjacent(year) == expected


def test_supervisor_announces_tet_2027(calendar: WorkCalendar) -> None:
    announced = [
        CalendarEntry(
            date(2027, 2, 3) + timedelta(days=i), DayKind.HOLIDAY, "Tết Đinh Mùi", provisional=False
        )
        for i in range(3)
    ] + [CalendarEntry(date(2027, 2, 8), DayKind.HOLIDAY, "Tết Đinh Mùi", provisional=False)]
    edited = calendar.with_entries(announced)
    assert calendar.is_working_day(date(2027, 2, 3))  # the original is untouched
    assert not edited.is_working_day(date(2027, 2, 3))
    assert edited.is_working_day(date(2027, 2, 9))  # provisional Tết is gone
    assert edited.is_working_day(date(2027, 2, 10))
    assert edited.entry(date(2027, 2, 4)).status == "announced"  # type: ignore[union-attr]
    assert "2027-02-03" in [e["date"] for e in edited.to_json()["2027"]]
    again = WorkCalendar.from_json(edited.to_json())
    assert again.to_json() == edited.to_json()


def test_without_days_restores_provisional_rule(calendar: WorkCalendar) -> None:
    edited = calendar.without_days([date(2027, 5, 3)])
    entry = edited.entry(date(2027, 5, 3))
    assert entry is None  # the data holiday 1/5 does not get a computed day in lieu
    assert calendar.entry(date(2027, 5, 3)) is not None


def test_entry_status_follows_the_provisional_flag() -> None:
    assert CalendarEntry(date(2030, 1, 1), DayKind.HOLIDAY, "x", provisional=True).status == "provisional"
    assert (
        CalendarEntry(date(2030, 1, 1), DayKind.HOLIDAY, "x", False, "legal_fixed_date").status == "announced"
    )
    kept = CalendarEntry(date(2030, 1, 1), "holiday", "x", True, "legal_fixed_date")  # type: ignore[arg-type]
    assert kept.status == "legal_fixed_date" and kept.kind is DayKind.HOLIDAY


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["2026"].append({"date": "2026-13-01", "kind": "holiday"}),
        lambda d: d["2026"].append({"date": "2026-03-03", "kind": "party"}),
        lambda d: d["2026"].append({"date": "2025-03-03", "kind": "holiday"}),
        lambda d: d["2026"].append(dict(d["2026"][0])),
        lambda d: d.update({"twenty": []}),
        lambda d: d["2026"].append("2026-03-03"),
    ],
)
def test_rejects_malformed_data(holidays_data: dict[str, Any], mutate: Any) -> None:
    data = copy.deepcopy(holidays_data)
    mutate(data)
    with pytest.raises(ValidationError) as exc:
        WorkCalendar.from_json(data)
    assert exc.value.field == "calendar"


def test_add_working_days_examples(calendar: WorkCalendar) -> None:
    assert calendar.add_working_days(date(2026, 1, 5), 0) == date(2026, 1, 5)
    assert calendar.add_working_days(date(2026, 1, 3), 0) == date(2026, 1, 5)
    assert calendar.add_working_days(date(2026, 1, 8), 2) == date(2026, 1, 10)  # Fri 9, make-up Sat 10
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 5), -1)


days = st.dates(min_value=date(2024, 6, 1), max_value=date(2031, 6, 1))
counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=80, deadline=None)
@given(days, counts)
def test_result_is_a_working_day(calendar: WorkCalendar, start: date, n: int) -> None:
    result = calendar.add_working_days(start, n)
    assert calendar.is_working_day(result)
    assert result >= start
    if result.weekday() >= 5:
        entry = calendar.entry(result)
        assert entry is not None and entry.kind is DayKind.MAKEUP_WORKDAY


@settings(max_examples=60, deadline=None)
@given(days, counts, counts)
def test_monotone_in_n(calendar: WorkCalendar, start: date, n: int, m: int) -> None:
    low, high = sorted((n, m))
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)
    if low < high:
        assert calendar.add_working_days(start, low) < calendar.add_working_days(start, high)


@settings(max_examples=60, deadline=None)
@given(days, st.integers(min_value=1, max_value=40))
def test_counting_back_gives_n(calendar: WorkCalendar, start: date, n: int) -> None:
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2027, max_value=2060))
def test_provisional_year_has_the_legal_days_off(year: int) -> None:
    cal = WorkCalendar()
    weekday_offs = [e for e in cal.entries(year) if e.is_off and e.day.weekday() < 5]
    # 12 legal holidays (24/11 from 2026); each one on a weekend is made up on a weekday: 12 weekdays off.
    assert len(weekday_offs) == 12
    assert cal.year_status(year) == "provisional"
