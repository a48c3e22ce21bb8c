"""The Vietnamese lunar calendar, for the holidays that move every year (Tết, Hùng Kings' day).

Why: when the government has not yet announced a year's Tết arrangement, MotCua must still count working
days (DOMAIN.md), so it needs lunar New Year and 10/3 lunar for any year. This is Hồ Ngọc Đức's public
algorithm (astronomical new moons and solar terms after Meeus, "Astronomical Algorithms") computed in UTC+7:
Vietnam's calendar differs from China's (UTC+8) when a new moon falls between 23:00 and 24:00 Vietnam time,
e.g. Tết 2030 is 2 February in Vietnam and 3 February in China. Valid for years 1900–2199.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

from app.domain.errors import ValidationError

TIME_ZONE = 7.0  # hours east of UTC
_JD_OFFSET = 1721425  # Julian day number of date.fromordinal(1) minus 1
_SYNODIC_MONTH = 29.530588853
_EPOCH_NEW_MOON = 2415021.076998695  # the new moon of 1 January 1900 (Julian day)
MIN_YEAR, MAX_YEAR = 1900, 2199


def _jd(d: date) -> int:
    return d.toordinal() + _JD_OFFSET


def _from_jd(jd: int) -> date:
    return date.fromordinal(jd - _JD_OFFSET)


@lru_cache(maxsize=4096)
def _new_moon_day(k: int) -> int:
    """Julian day number (local time) of the k-th new moon after 1 January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) - 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) + 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return math.floor(jd1 + c1 - delta_t + 0.5 + TIME_ZONE / 24)


def _sun_longitude_sector(jdn: int) -> int:
    """Which 30° sector (0–11) of the ecliptic the sun is in at local midnight starting day ``jdn``."""
    t = (jdn - 2451545.5 - TIME_ZONE / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    lon -= math.pi * 2 * math.floor(lon / (math.pi * 2))
    return math.floor(lon / math.pi * 6)


@lru_cache(maxsize=4096)
def _month11_start(year: int) -> int:
    """Julian day of the first day of lunar month 11 (the month holding the winter solstice) of ``year``."""
    k = math.floor((_jd(date(year, 12, 31)) - 2415021) / _SYNODIC_MONTH)
    nm = _new_moon_day(k)
    if _sun_longitude_sector(nm) >= 9:
        nm = _new_moon_day(k - 1)
    return nm


@lru_cache(maxsize=4096)
def _leap_month_offset(a11: int) -> int:
    """Months from the month 11 starting ``a11`` to the leap month (the first one without a major term)."""
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_longitude_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_longitude_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            "date",
            f"lịch âm chỉ tính cho các năm {MIN_YEAR}–{MAX_YEAR} (nhận được: {year}).",
            f"the lunar calendar is computed for years {MIN_YEAR}–{MAX_YEAR} only (got {year}).",
        )


def solar_to_lunar(d: date) -> tuple[int, int, int, bool]:
    """(lunar day, lunar month, lunar year, is leap month) of the solar date ``d``."""
    _check_year(d.year)
    day_number = _jd(d)
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    # The mean-month estimate ``k`` can be one month off either way (the true new moon wanders by up to
    # ~14 hours around the mean one), so step until month_start <= day_number < the next new moon.
    month_start = _new_moon_day(k + 1)
    while month_start > day_number:
        k -= 1
        month_start = _new_moon_day(k + 1)
    while _new_moon_day(k + 2) <= day_number:
        k += 1
        month_start = _new_moon_day(k + 1)
    a11 = _month11_start(d.year)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _month11_start(d.year - 1)
    else:
        lunar_year = d.year + 1
        b11 = _month11_start(d.year + 1)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11)
        if diff >= leap_diff:
            lunar_month = diff + 10
            leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return lunar_day, lunar_month, lunar_year, leap


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False) -> date:
    """The solar date of lunar ``day``/``month``/``year`` (``leap``: the leap copy of that month).

    ValidationError field "date" for a day or month that does not exist in that lunar year.
    """
    _check_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValidationError(
            "date",
            f"ngày âm lịch {day}/{month}/{year} không tồn tại.",
            f"the lunar date {day}/{month}/{year} does not exist.",
        )
    if month < 11:
        a11, b11 = _month11_start(year - 1), _month11_start(year)
    else:
        a11, b11 = _month11_start(year), _month11_start(year + 1)
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    off = (month - 11) % 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11)
        leap_month = (leap_off - 2) % 12
        if leap and month != leap_month:
            raise _no_leap(month, year)
        if leap or off >= leap_off:
            off += 1
    elif leap:
        raise _no_leap(month, year)
    month_start = _new_moon_day(k + off)
    month_length = _new_moon_day(k + off + 1) - month_start
    if day > month_length:
        raise ValidationError(
            "date",
            f"tháng {month} âm lịch năm {year} chỉ có {month_length} ngày.",
            f"lunar month {month} of {year} has only {month_length} days.",
        )
    return _from_jd(month_start + day - 1)


def _no_leap(month: int, year: int) -> ValidationError:
    return ValidationError(
        "date",
        f"năm âm lịch {year} không có tháng {month} nhuận.",
        f"lunar year {year} has no leap month {month}.",
    )


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết: the solar date of 1/1 of the lunar year that starts in solar ``year``."""
    return lunar_to_solar(1, 1, year)


def lunar_new_year_eve(year: int) -> date:
    """Giao thừa day: the last day of lunar month 12 before ``lunar_new_year(year)`` (29th or 30th)."""
    return lunar_new_year(year) - timedelta(days=1)


def hung_kings_day(year: int) -> date:
    """Giỗ Tổ Hùng Vương, 10/3 lunar (never a leap copy of month 3)."""
    return lunar_to_solar(10, 3, year)
