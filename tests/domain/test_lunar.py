"""The Vietnamese lunar calendar (UTC+7) against the shipped dates and known facts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.lunar import (
    hung_kings_day,
    lunar_new_year,
    lunar_new_year_eve,
    lunar_to_solar,
    solar_to_lunar,
)


def test_lunar_new_year_matches_shipped_table(holidays_data: dict[str, Any]) -> None:
    table = holidays_data["_lunar_new_year"]["dates"]
    assert len(table) == 6
    for year, iso in table.items():
        assert lunar_new_year(int(year)) == date.fromisoformat(iso)


def test_2030_is_vietnamese_not_chinese() -> None:
    assert lunar_new_year(2030) == date(2030, 2, 2)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2025, date(2025, 4, 7)), (2026, date(2026, 4, 26)), (2027, date(2027, 4, 16))],
)
def test_hung_kings_day(year: int, expected: date) -> None:
    assert hung_kings_day(year) == expected
    assert lunar_to_solar(10, 3, year) == expected


def test_known_conversions() -> None:
    assert solar_to_lunar(date(2025, 1, 29)) == (1, 1, 2025, False)
    assert solar_to_lunar(date(2025, 1, 28)) == (29, 12, 2024, False)
    assert lunar_new_year_eve(2026) == date(2026, 2, 16)
    # 2023 had a leap 2nd month; 2025 a leap 6th month.
    assert lunar_to_solar(1, 2, 2023, leap=True) == date(2023, 3, 22)
    assert solar_to_lunar(date(2023, 3, 22)) == (1, 2, 2023, True)
    assert solar_to_lunar(date(2025, 8, 1)) == (8, 6, 2025, True)


@pytest.mark.parametrize(
    ("args", "word"),
    [((1, 5, 2025, True), "leap"), ((1, 13, 2025, False), "exist"), ((30, 12, 2025, False), "days")],
)
def test_invalid_lunar_dates(args: tuple[int, int, int, bool], word: str) -> None:
    with pytest.raises(ValidationError) as exc:
        lunar_to_solar(*args)
    assert exc.value.field == "date"
    assert word in exc.value.reason_en


def test_year_outside_range() -> None:
    with pytest.raises(ValidationError):
        lunar_new_year(1800)


@settings(max_examples=150)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_solar_lunar_round_trip(d: date) -> None:
    day, month, year, leap = solar_to_lunar(d)
    assert 1 <= day <= 30 and 1 <= month <= 12
    assert lunar_to_solar(day, month, year, leap) == d


@settings(max_examples=60)
@given(st.integers(min_value=1950, max_value=2150))
def test_new_year_window_and_eve(year: int) -> None:
    new_year = lunar_new_year(year)
    assert date(year, 1, 21) <= new_year <= date(year, 2, 20)
    eve_day, eve_month, eve_year, _ = solar_to_lunar(new_year - timedelta(days=1))
    assert (eve_month, eve_year) == (12, year - 1) and eve_day in (29, 30)
