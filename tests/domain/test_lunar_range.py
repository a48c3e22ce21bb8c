"""Every day of the lunar module's range (1900–2199) against an independent calendar built from ephemerides."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from app.domain.errors import ValidationError
from app.domain.lunar import MAX_YEAR, MIN_YEAR, lunar_to_solar, solar_to_lunar
from tests.domain.lunar_reference import months

# Months where a new moon or a major solar term falls within lunar_reference.MARGIN of local midnight: the
# day is decided by precision alone (the module's truncated series vs VSOP87/ELP, and ΔT beyond today).
# Listed so that a new disagreement anywhere else fails, and these stay visible.
PRECISION_MONTHS = {
    date(1944, 6, 20), date(2072, 12, 9), date(2077, 11, 15), date(2130, 5, 7),
    date(2150, 5, 26), date(2159, 5, 17), date(2175, 1, 22), date(2199, 1, 26),
}  # fmt: skip


def test_every_day_of_the_range_matches_the_reference() -> None:
    ref = months(MIN_YEAR, MAX_YEAR)
    wrong: dict[date, tuple[object, object]] = {}
    checked = 0
    for month, following in itertools.pairwise(ref):
        for offset in range((following.start - month.start).days):
            d = month.start + timedelta(days=offset)
            if not MIN_YEAR <= d.year <= MAX_YEAR:
                continue
            checked += 1
            expected = (offset + 1, month.day, month.year, month.leap)
            got = solar_to_lunar(d)
            if got != expected:
                wrong.setdefault(month.start, (d, got, expected))
                assert month.ambiguous, f"{d}: got {got}, expected {expected}"
    assert checked == (date(MAX_YEAR, 12, 31) - date(MIN_YEAR, 1, 1)).days + 1
    assert set(wrong) <= PRECISION_MONTHS


def test_7_may_2054_is_30_of_month_3() -> None:
    assert solar_to_lunar(date(2054, 5, 7)) == (30, 3, 2054, False)


def test_round_trip_over_the_range() -> None:
    d = date(MIN_YEAR, 1, 1)
    while d.year <= MAX_YEAR:
        day, month, year, leap = solar_to_lunar(d)
        if year >= MIN_YEAR:
            assert lunar_to_solar(day, month, year, leap) == d
        d += timedelta(days=1)


@pytest.mark.parametrize("d", [date(MIN_YEAR - 1, 12, 31), date(MAX_YEAR + 1, 1, 1)])
def test_outside_the_range_is_refused(d: date) -> None:
    with pytest.raises(ValidationError):
        solar_to_lunar(d)
