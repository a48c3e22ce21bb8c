"""Supervisor edits of the working-day calendar: a day at a time, or the years of an announced calendar file.

The calendar in force is stored in the ``calendar`` setting (holidays.json format); until somebody edits it, the
shipped file applies. Every change is validated by the domain calendar first, then saved with an audit row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.calendar import CalendarEntry, DayKind, WorkCalendar, check_year
from app.domain.day_entry import BY_HAND
from app.domain.errors import ValidationError
from app.domain.text import clean_text
from app.services.audited import audited
from app.services.calendar_source import load_calendar
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.roles import require_role
from app.store import settings


def _save(ctx: ServiceContext, calendar: WorkCalendar, action: str, detail: dict[str, Any]) -> Changes:
    require_role(ctx.actor, "supervisor", "sửa lịch ngày nghỉ", "edit the calendar")
    with audited(ctx, action, "calendar", str(detail.get("day", "all")), detail):
        settings.set_many(ctx.store, {"calendar": calendar.to_json()})
    return Changes(settings=True, extra={"calendar": True})


def set_day(ctx: ServiceContext, day: date, kind: str, name_vi: str) -> Changes:
    """Declare a day off (holiday, compensatory, swapped) or a make-up Saturday, as announced."""
    check_year(day.year, "date")
    try:
        day_kind = DayKind(kind)
    except ValueError:
        raise ValidationError(
            "kind",
            "phải là holiday, compensatory, swapped_off hoặc makeup_workday",
            "must be holiday, compensatory, swapped_off or makeup_workday",
        ) from None
    name = clean_text(name_vi)
    if not name:
        raise ValidationError("name", "tên ngày nghỉ không được để trống", "the day's name must not be empty")
    entry = CalendarEntry(day=day, kind=day_kind, name_vi=name, provisional=False, source=(BY_HAND,))
    calendar = load_calendar(ctx.store).with_entries([entry])
    return _save(ctx, calendar, "calendar.set_day", {"day": day.isoformat(), "kind": kind, "name": name})


def remove_day(ctx: ServiceContext, day: date) -> Changes:
    calendar = load_calendar(ctx.store)
    if calendar.entry(day) is None:
        raise ValidationError("date", f"ngày {day:%d/%m/%Y} không có trong lịch", f"{day} is not in the calendar")
    return _save(ctx, calendar.without_days([day]), "calendar.remove_day", {"day": day.isoformat()})


def import_years(ctx: ServiceContext, data: dict[str, Any], source: str) -> Changes:
    """Install the years of an announced calendar (holidays.json format, e.g. a file from the province): each
    year it carries replaces that year; the other years stay as they are (``extra["years"]`` names the years)."""
    imported = WorkCalendar.from_json(data)
    if not imported.years:
        raise ValidationError("calendar", "tệp không có năm nào (cần khóa “YYYY” kèm danh sách ngày)",
                              "the file holds no year (a “YYYY” key with a list of days is needed)")
    for year in imported.years:
        check_year(year, "calendar")
    calendar = load_calendar(ctx.store).with_years_of(imported)
    years = sorted(imported.years)
    _save(ctx, calendar, "calendar.replace", {"source": source, "years": [str(y) for y in years]})
    return Changes(settings=True, extra={"calendar": True, "years": years})
