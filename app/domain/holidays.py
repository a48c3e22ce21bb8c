"""Provisional public holidays for a year the government has not announced yet (Labour Code 2019).

Why: the calendar is data (DOMAIN.md), but the data always ends somewhere: 2027's Tết arrangement is not
announced and 2028+ has no data at all, while a dossier received today may be due after that. Rather than
count such days as working days (and promise citizens dates the office cannot keep), MotCua fills the gaps
with the days the law guarantees, each marked provisional until the central server or a supervisor supplies
the announced calendar:

* Tết Nguyên đán (art. 112(1)(b), 5 days): lunar New Year's eve and mùng 1–4 — only when no announced
  holiday lies around that year's lunar New Year.
* Fixed-date holidays (art. 112(1)): 1 January, 30 April, 1 May, 2 September plus one adjacent day. The
  adjacent day is chosen the way recent arrangements did (2021–2026): the neighbour of 2/9 that is a weekday
  and touches the weekend (Mon or Fri); otherwise 1/9. That is 3/9 when 2/9 is a Monday, Thursday or Sunday,
  and 1/9 on the other weekdays.
* Giỗ Tổ Hùng Vương, 10/3 lunar (art. 112(1)(c)).
* Ngày Văn hóa Việt Nam, 24 November, every year from ``CULTURE_DAY_FROM`` (Resolution 80-NQ/TW; DOMAIN.md).
  Computed here too, so a calendar stored before the day was added (an office's edited copy, an older
  server push) still counts it as a day off, and 2029/2030 (Saturday/Sunday) get their day in lieu.
* Days off in lieu (art. 111(3), cited as 112(3) in DOMAIN.md): each of these holidays that falls on a
  Saturday or Sunday gives one day off on the next working day. The law applies this to every holiday, Tết
  included, so a provisional Tết always removes five Monday–Friday working days, as every announced Tết
  since 2021 has.

A holiday is only added where the data has no entry on that day (announced entries always win). Days off in
lieu are computed for the holidays added here and for the weekend days of a provisional Tết. A year whose Tết
is announced carries its own days in lieu, and so does a whole calendar imported or pushed by the server: none
is added to their holidays. A day a supervisor marked by hand says nothing about days in lieu, so in a
provisional year a weekend holiday confirmed that way (set-day 24/11/2029) keeps its day in lieu unless the data
names one in the week after it: confirming a holiday must not turn its day in lieu back into a working day.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from app.domain.day_entry import BY_HAND, PROVISIONAL, CalendarEntry, DayKind
from app.domain.lunar import hung_kings_day, solar_to_lunar

CULTURE_DAY_FROM = 2026  # first year 24/11 (Ngày Văn hóa Việt Nam) is a day off
TET_WINDOW_DAYS = 10  # an announced holiday this close to lunar New Year counts as the announced Tết
_SOURCE_HOLIDAY = "rule: Bộ luật Lao động 2019 Điều 112 khoản 1 (tạm tính)"
_SOURCE_LIEU = "rule: Bộ luật Lao động 2019 Điều 111 khoản 3 (nghỉ bù, tạm tính)"
_NOTE = "Tạm tính theo Bộ luật Lao động; chờ phương án nghỉ chính thức của Chính phủ."
_TET_DAY_NAMES = ("Mùng 1", "Mùng 2", "Mùng 3", "Mùng 4")


def is_weekend(d: date) -> bool:
    return d.weekday() >= 5


def national_day_adjacent(year: int) -> date:
    """The day off next to 2 September (see the module docstring for the rule)."""
    national_day = date(year, 9, 2)
    step = timedelta(days=1)
    return national_day + step if national_day.weekday() in (0, 3, 6) else national_day - step


def tet_days(new_year: date) -> list[tuple[date, str]]:
    """Lunar New Year's eve and mùng 1–4, with their Vietnamese names."""
    eve = new_year - timedelta(days=1)
    eve_day = solar_to_lunar(eve)[0]
    days = [(eve, f"Tết Nguyên đán ({eve_day} tháng Chạp)")]
    for i, name in enumerate(_TET_DAY_NAMES):
        days.append((new_year + timedelta(days=i), f"Tết Nguyên đán ({name})"))
    return days


def tet_announced(new_year: date, data: Mapping[date, CalendarEntry]) -> bool:
    """True when the data holds an announced holiday within ``TET_WINDOW_DAYS`` of lunar New Year."""
    window = timedelta(days=TET_WINDOW_DAYS)
    return any(
        e.kind is DayKind.HOLIDAY and not e.provisional and abs(e.day - new_year) <= window
        for e in data.values()
    )


def fixed_and_lunar_holidays(year: int) -> list[tuple[date, str]]:
    """The legal holidays of ``year`` other than Tết, with their Vietnamese names."""
    days = [
        (date(year, 1, 1), "Tết Dương lịch"),
        (hung_kings_day(year), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (date(year, 4, 30), "Ngày Chiến thắng"),
        (date(year, 5, 1), "Ngày Quốc tế Lao động"),
        (date(year, 9, 2), "Quốc khánh"),
        (national_day_adjacent(year), "Quốc khánh — ngày liền kề"),
    ]
    if year >= CULTURE_DAY_FROM:
        days.append((date(year, 11, 24), "Ngày Văn hóa Việt Nam"))
    return days


def provisional_entries(year: int, new_year: date, data: Mapping[date, CalendarEntry]) -> list[CalendarEntry]:
    """The provisional entries ``year`` needs on top of ``data`` (that year's data entries), by date."""
    added: dict[date, CalendarEntry] = {}
    to_compensate: list[tuple[date, str]] = []

    def add(day: date, name: str) -> None:
        if day not in data and day not in added:
            added[day] = _entry(day, DayKind.HOLIDAY, name, _SOURCE_HOLIDAY)
            if is_weekend(day):
                to_compensate.append((day, name))

    announced = tet_announced(new_year, data)
    if not announced:
        for day, name in tet_days(new_year):
            if day in data and is_weekend(day):
                to_compensate.append((day, name))
            add(day, name)
    national_day = date(year, 9, 2)
    adjacent = national_day_adjacent(year)
    for day, name in fixed_and_lunar_holidays(year):
        if day == adjacent and (national_day - timedelta(1) in data or national_day + timedelta(1) in data):
            continue  # the data already chose the adjacent day
        if not announced and _confirmed_without_lieu(day, data):
            to_compensate.append((day, name))
        add(day, name)

    for day, name in sorted(to_compensate):
        lieu = day + timedelta(days=1)
        while is_weekend(lieu) or lieu in data or lieu in added:
            lieu += timedelta(days=1)
        added[lieu] = _entry(lieu, DayKind.COMPENSATORY, f"Nghỉ bù {name}", _SOURCE_LIEU)
    return sorted(added.values(), key=lambda e: e.day)


def _confirmed_without_lieu(day: date, data: Mapping[date, CalendarEntry]) -> bool:
    """A weekend day off marked by hand, with no day in lieu in the data within the week after it."""
    held = data.get(day)
    if held is None or not held.is_off or not is_weekend(day) or BY_HAND not in held.source:
        return False
    week = (day + timedelta(days=n) for n in range(1, 8))
    return not any((e := data.get(d)) is not None and e.kind is DayKind.COMPENSATORY for d in week)


def _entry(day: date, kind: DayKind, name: str, source: str) -> CalendarEntry:
    return CalendarEntry(day, kind, name, provisional=True, status=PROVISIONAL, source=(source,), note=_NOTE)
