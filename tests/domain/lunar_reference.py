"""An independent Vietnamese lunar calendar for the tests, built from PyEphem's ephemerides (VSOP87/ELP).

Why: ``app/domain/lunar.py`` is Hồ Ngọc Đức's truncated-series algorithm; checking it against a port of the
same algorithm would share its mistakes. This builds the calendar from first principles instead: months start
on the local (UTC+7) day of each astronomical new moon; the month holding the winter solstice is month 11; in
a year of 13 months the first month without a major solar term is the leap month. Both sides decide each day
at local midnight, so a new moon or a major term within a few minutes of midnight is decided by precision
alone (the algorithm's series are good to a few minutes); such months are reported as ``ambiguous``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import ephem

UTC_OFFSET = timedelta(hours=7)
MARGIN = timedelta(minutes=5)  # closer than this to local midnight: decided by precision, not by the rules
_MARGIN_DEG = 360 / 365.2422 * MARGIN.total_seconds() / 86400  # the sun's motion in MARGIN


@dataclass(frozen=True)
class Month:
    start: date
    day: int  # lunar month number 1-12
    year: int
    leap: bool
    ambiguous: bool


def _sun_longitude(when: datetime) -> float:
    sun = ephem.Sun()
    sun.compute(ephem.Date(when), epoch=ephem.Date(when))
    return math.degrees(ephem.Ecliptic(sun, epoch=ephem.Date(when)).lon)


def _near_multiple(lon: float, step: float) -> bool:
    r = lon % step
    return min(r, step - r) < _MARGIN_DEG


def months(first_year: int, last_year: int) -> list[Month]:
    """Every lunar month whose start lies in [first_year - 1, last_year + 1], in order."""
    starts: list[tuple[date, bool]] = []
    d = ephem.Date(datetime(first_year - 2, 10, 1))
    end = ephem.Date(datetime(last_year + 2, 3, 1))
    while True:
        d = ephem.next_new_moon(d)
        if d > end:
            break
        local = ephem.Date(d).datetime() + UTC_OFFSET
        midnight = datetime(local.year, local.month, local.day)
        near = min(local - midnight, midnight + timedelta(days=1) - local) < MARGIN
        starts.append((midnight.date(), near))
    # the sun's 30-degree sector at local midnight starting each month (UTC = local - 7 h)
    lon = [_sun_longitude(datetime.combine(s, datetime.min.time()) - UTC_OFFSET) for s, _ in starts]
    sector = [math.floor(x / 30) % 12 for x in lon]
    near_term = [_near_multiple(x, 30) for x in lon]
    # month 11 holds the winter solstice: the sun crosses 270° between its start and the next month's
    past_solstice = [(x - 270) % 360 < 180 for x in lon]
    elevens = [i for i in range(len(starts) - 1) if not past_solstice[i] and past_solstice[i + 1]]
    out: list[Month] = []
    for a, b in itertools.pairwise(elevens):
        leap_at = -1
        if b - a == 13:
            leap_at = next(j for j in range(a + 1, b) if sector[j] == sector[j + 1])
        number = 10
        year = starts[a][0].year
        for j in range(a, b):
            leap = j == leap_at
            if not leap:
                number = number % 12 + 1
                if number == 1:
                    year = starts[j][0].year
            ambiguous = any(starts[i][1] or near_term[i] for i in range(a, b + 1))
            out.append(Month(starts[j][0], number, year, leap, ambiguous))
    return [m for m in out if first_year - 1 <= m.start.year <= last_year + 1]
