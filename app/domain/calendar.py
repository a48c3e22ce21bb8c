"""The working-day calendar: which days count when a processing time is given in working days.

Why: legal processing times skip Saturdays, Sundays, public holidays and the days the government swaps
around Tết and national holidays each year (DOMAIN.md). Those swaps change every year and are announced
late, so the calendar is data — shipped in ``resources/data/holidays.json``, editable by a supervisor,
pushed by the central server — and this class only answers questions about it. Years without an announced
Tết are completed with provisional holidays from the Labour Code (see ``holidays.py``); announced entries
always win over provisional ones.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from app.domain.day_entry import ANNOUNCED, PROVISIONAL, CalendarEntry, DayKind
from app.domain.errors import DomainError, ValidationError
from app.domain.holidays import provisional_entries
from app.domain.lunar import MAX_YEAR, MIN_YEAR, lunar_new_year

__all__ = ["ANNOUNCED", "PROVISIONAL", "CalendarEntry", "DayKind", "WorkCalendar", "check_year"]

_MAX_DAYS_OFF_IN_A_ROW = 60  # guard against a calendar edited into having no working day at all


class WorkCalendar:
    """Holiday data plus provisional Labour Code holidays; immutable (edits return a new calendar)."""

    def __init__(
        self,
        entries: Iterable[CalendarEntry] = (),
        *,
        years: Iterable[int] = (),
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        self._data: dict[date, CalendarEntry] = {}
        for e in entries:
            self._data[e.day] = e
        self._years = frozenset(years) | {d.year for d in self._data}
        self._metadata: dict[str, Any] = copy.deepcopy(dict(metadata or {}))
        self._new_years = _new_year_table(self._metadata)
        self._effective: dict[int, dict[date, CalendarEntry]] = {}

    # --- JSON ------------------------------------------------------------------------------------------
    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WorkCalendar:
        """Read the holidays.json format: year keys ("2025") with lists of entries; "_" keys are metadata."""
        if not isinstance(data, Mapping):
            raise ValidationError("calendar", "dữ liệu lịch không phải một đối tượng JSON.", "not an object.")
        entries: list[CalendarEntry] = []
        years: set[int] = set()
        metadata: dict[str, Any] = {}
        seen: set[date] = set()
        for key, value in data.items():
            if key.startswith("_"):
                metadata[key] = value
                continue
            # A year is written with four digits; fewer are read too (a calendar stored before ``to_json``
            # padded them: "1" for a day of year 1 would otherwise refuse every later load of the setting).
            if not (key.isascii() and key.isdigit() and len(key) <= 4) or not isinstance(value, list):
                raise ValidationError(
                    "calendar",
                    f"khóa “{key}” phải là một năm (YYYY) kèm danh sách ngày.",
                    f"key “{key}” must be a year (YYYY) holding a list of days.",
                )
            year = int(key)
            years.add(year)
            for place, record in enumerate(value, 1):
                entry = _entry(record, year, place)
                if entry.day.year != year:
                    raise ValidationError(
                        "calendar",
                        f"ngày {entry.day} nằm trong danh sách năm {year}.",
                        f"{entry.day} is listed under year {year}.",
                    )
                if entry.day in seen:
                    raise ValidationError(
                        "calendar", f"ngày {entry.day} bị khai báo hai lần.", f"{entry.day} is listed twice."
                    )
                seen.add(entry.day)
                entries.append(entry)
        return cls(entries, years=years, metadata=metadata)

    def to_json(self) -> dict[str, Any]:
        """The holidays.json form of the data (provisional entries are computed, so they are not written)."""
        out: dict[str, Any] = {}
        for year in sorted(self._years):
            days = sorted(d for d in self._data if d.year == year)
            out[f"{year:04d}"] = [self._data[d].to_json() for d in days]
        out.update(copy.deepcopy(self._metadata))
        return out

    # --- edits -----------------------------------------------------------------------------------------
    def with_entries(self, entries: Iterable[CalendarEntry]) -> WorkCalendar:
        """A new calendar where ``entries`` replace whatever the data said about their days."""
        merged = dict(self._data)
        for e in entries:
            merged[e.day] = e
        return WorkCalendar(merged.values(), years=self._years, metadata=self._metadata)

    def with_years_of(self, other: WorkCalendar) -> WorkCalendar:
        """A new calendar where ``other``'s years replace this one's, and every other year stays as it was.

        Why: a province sends next year's announced calendar as a file of that year alone; importing it must not
        turn this year's announced days (swapped days, make-up Saturdays) back into provisional ones.
        """
        kept = [e for d, e in self._data.items() if d.year not in other._years]
        return WorkCalendar([*kept, *other._data.values()], years=self._years | other._years,
                            metadata={**self._metadata, **other._metadata})

    @property
    def years(self) -> frozenset[int]:
        """The years the data speaks of (announced or edited), whatever the provisional rules add."""
        return self._years

    def without_days(self, days: Iterable[date]) -> WorkCalendar:
        """A new calendar where the data says nothing about ``days`` (provisional rules may then apply)."""
        drop = set(days)
        kept = [e for d, e in self._data.items() if d not in drop]
        return WorkCalendar(kept, years=self._years, metadata=self._metadata)

    # --- queries ---------------------------------------------------------------------------------------
    def lunar_new_year(self, year: int) -> date:
        """Mùng 1 Tết of ``year``: from the data's ``_lunar_new_year`` table when present, else computed."""
        return self._new_years.get(year) or lunar_new_year(year)

    def entries(self, year: int) -> list[CalendarEntry]:
        """Every special day of ``year``, data and provisional, by date."""
        return sorted(self._year(year).values(), key=_by_day)

    def entry(self, d: date) -> CalendarEntry | None:
        """What is special about ``d``, or None for an ordinary day."""
        return self._year(d.year).get(d)

    def year_status(self, year: int) -> str:
        """ "announced" when nothing in ``year`` is provisional, else "provisional" (the UI warns)."""
        return PROVISIONAL if any(e.provisional for e in self._year(year).values()) else ANNOUNCED

    def is_working_day(self, d: date) -> bool:
        """Monday–Friday unless a day off; a make-up Saturday is a working day."""
        e = self.entry(d)
        if e is not None:
            return not e.is_off
        return d.weekday() < 5

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
            d += timedelta(days=1)
            if self.is_working_day(d):
                return d
        raise DomainError(f"no working day in the {_MAX_DAYS_OFF_IN_A_ROW} days up to {d}; check the data")

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start``; for n = 0, ``start`` itself if working, else the next one."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        d = start
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days d satisfy start < d <= end (0 when end <= start)."""
        count = 0
        d = start + timedelta(days=1)
        while d <= end:
            count += self.is_working_day(d)
            d += timedelta(days=1)
        return count

    def _year(self, year: int) -> dict[date, CalendarEntry]:
        cached = self._effective.get(year)
        if cached is None:
            data = {d: e for d, e in self._data.items() if d.year == year}
            cached = dict(data)
            if MIN_YEAR <= year <= MAX_YEAR:
                for e in provisional_entries(year, self.lunar_new_year(year), data):
                    cached.setdefault(e.day, e)
            self._effective[year] = cached
        return cached


def check_year(year: int, field: str = "year") -> None:
    """ValidationError ``field`` for a year outside the calendar's range: the lunar module's, where Tết and
    the provisional holidays are computed (outside it the calendar would call every weekday a working day)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            field,
            f"lịch ngày làm việc chỉ có các năm {MIN_YEAR}–{MAX_YEAR} (nhận được: {year}).",
            f"the working-day calendar covers the years {MIN_YEAR}–{MAX_YEAR} only (got {year}).",
        )


def _by_day(e: CalendarEntry) -> date:
    return e.day


def _new_year_table(metadata: Mapping[str, Any]) -> dict[int, date]:
    table: dict[int, date] = {}
    section = metadata.get("_lunar_new_year")
    dates = section.get("dates") if isinstance(section, Mapping) else None
    if isinstance(dates, Mapping):
        for key, value in dates.items():
            try:
                table[int(key)] = date.fromisoformat(str(value))
            except ValueError as exc:
                raise ValidationError(
                    "calendar",
                    f"ngày Tết “{value}” của năm “{key}” sai dạng.",
                    f"lunar New Year “{value}” of “{key}” is malformed.",
                ) from exc
    return table


def _entry(record: Any, year: int, place: int) -> CalendarEntry:
    """One entry of a year's list; a refusal says where it stands (a file holds a hundred rows)."""
    try:
        return CalendarEntry.from_json(record)
    except ValidationError as exc:
        raise ValidationError(
            exc.field, f"năm {year}, mục {place}: {exc.reason_vi}", f"year {year}, entry {place}: {exc.reason_en}"
        ) from None
