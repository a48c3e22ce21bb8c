"""The report use cases: who may run them, which days they cover, and which bytes come out.

Why the role check lives here and not in the UI or the CLI: the log book and statistics show every citizen's
name and phone and every clerk's results, so only a supervisor or an admin may produce them, whatever the
caller (a ValidationError on field "role" otherwise). The automatic end-of-day export calls the ``build_*``
functions directly: it is the office's configured routine, not a clerk exporting.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal, NamedTuple

from app.domain.errors import ValidationError
from app.printing.form07 import LogBook, render_log_book
from app.printing.text import short_date
from app.reports import csvout, xlsx
from app.reports.columns import LOG_COLUMNS, PAPER_COLUMNS
from app.reports.logbook import LogRow, log_rows
from app.reports.stats import named_before, statistics
from app.reports.tables import stats_tables
from app.services.context import ServiceContext
from app.store.reports import Scope

Format = Literal["pdf", "xlsx", "csv"]
FORMATS: tuple[str, ...] = ("pdf", "xlsx", "csv")
MAX_DAYS = 366


def require_supervisor(ctx: ServiceContext) -> None:
    """Refuse a clerk: reports are for supervisors and admins."""
    from app.services.roles import require_role

    require_role(ctx.actor, "supervisor", "xem và xuất báo cáo", "see and export reports")


def parse_day(text: str, field: str = "date") -> date:
    """A day given as YYYY-MM-DD or DD/MM/YYYY; ValidationError naming ``field`` otherwise."""
    raw = text.strip()
    try:
        if "/" in raw:
            d, m, y = (int(x) for x in raw.split("/"))
            return date(y, m, d)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError("date", f"“{text}” không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
                              f"“{text}” is not a date (YYYY-MM-DD or DD/MM/YYYY)") from None


def make_scope(first: date, last: date, **filters: Any) -> Scope:
    """A checked :class:`Scope`: the range runs forwards and spans at most a year."""
    if last < first:
        raise ValidationError("date", "ngày kết thúc trước ngày bắt đầu", "the end date is before the start date")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("date", f"khoảng ngày tối đa {MAX_DAYS} ngày", f"at most {MAX_DAYS} days")
    return Scope(first.isoformat(), last.isoformat(), **{k: v for k, v in filters.items() if v})


def period_text(scope: Scope) -> str:
    first, last = date.fromisoformat(scope.first_day), date.fromisoformat(scope.last_day)
    if first == last:
        return f"Ngày {short_date(first)}"
    return f"Từ ngày {short_date(first)} đến ngày {short_date(last)}"


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt not in allowed:
        raise ValidationError("format", f"định dạng “{fmt}” không hỗ trợ ({', '.join(allowed)})",
                              f"unknown format “{fmt}” ({', '.join(allowed)})")


def log_bytes(ctx: ServiceContext, scope: Scope, rows: list[LogRow], fmt: str) -> bytes:
    """The log book ``rows`` in ``fmt`` (no role check: see the module docstring)."""
    from app.services.print_data import agency

    check_format(fmt)
    title = f"Sổ theo dõi hồ sơ – {period_text(scope)}"
    if fmt == "xlsx":
        return xlsx.log_xlsx(rows, title)
    if fmt == "csv":
        return csvout.log_csv(rows)
    book = LogBook(
        agency=agency(ctx),
        printed_at=ctx.clock.now(),
        period=period_text(scope),
        headers=tuple(c.header for c in PAPER_COLUMNS),
        widths=tuple(c.width for c in PAPER_COLUMNS),
        rows=[[c.get(r) for c in PAPER_COLUMNS] for r in rows],
    )
    return render_log_book(book)


def build_log(ctx: ServiceContext, scope: Scope, fmt: str) -> bytes:
    return log_bytes(ctx, scope, log_rows(ctx.store, scope, ctx.clock.now()), fmt)


def office_statistics(ctx: ServiceContext, scope: Scope, rows: list[LogRow] | None = None,
                      queue: dict[str, Any] | None = None, now: datetime | None = None) -> dict[str, Any]:
    """:func:`statistics` with the office's queue part (:func:`app.services.queue_part.queue_part`: the hub's
    figures on a PC of an office with a hub, or the part marked missing when the hub cannot be reached), unless
    the caller already has ``queue`` (the window reads it on its network worker)."""
    from app.services.queue_part import queue_part

    part = queue if queue is not None else queue_part(ctx, scope.first_day, scope.last_day)
    return statistics(ctx.store, scope, now or ctx.clock.now(), rows, part)


class StatsExport(NamedTuple):
    """The statistics file's bytes, the codes its lists name from before the range (for the access trail), and
    why its queue part is missing ("" when it is there)."""

    data: bytes
    named: list[str]
    queue_missing: str


def queue_missing(stats: dict[str, Any], lang: str = "vi") -> str:
    """Why ``stats`` has no queue part, in ``lang``; "" when it has one."""
    queue = stats["queue"]
    if queue.get("available", True):
        return ""
    return str(queue["reason_en"] if lang == "en" else queue["reason"])


def build_stats(ctx: ServiceContext, scope: Scope, fmt: str, stats: dict[str, Any] | None = None) -> bytes:
    check_format(fmt, ("xlsx", "csv"))
    tables = stats_tables(stats or office_statistics(ctx, scope))
    if fmt == "xlsx":
        return xlsx.tables_xlsx(tables, f"Thống kê – {period_text(scope)}")
    return csvout.tables_csv(tables)


def export_stats_named(ctx: ServiceContext, scope: Scope, fmt: str, queue: dict[str, Any] | None = None,
                       lang: str = "vi") -> StatsExport:
    """The statistics as :func:`export_stats` gives them, the codes of the dossiers received before the range
    that its lists name (:func:`app.reports.stats.named_before`), for the access trail, and why the queue part
    is missing, in ``lang`` (the file is written all the same). ``queue``: see :func:`office_statistics`."""
    require_supervisor(ctx)
    stats = office_statistics(ctx, scope, queue=queue)
    return StatsExport(build_stats(ctx, scope, fmt, stats), named_before(stats), queue_missing(stats, lang))


def export_log(ctx: ServiceContext, scope: Scope, fmt: str) -> bytes:
    """Form 07 for ``scope`` as PDF, XLSX or CSV bytes; supervisors and admins only."""
    require_supervisor(ctx)
    return build_log(ctx, scope, fmt)


def export_stats(ctx: ServiceContext, scope: Scope, fmt: str) -> bytes:
    """The statistics for ``scope`` as XLSX or CSV bytes; supervisors and admins only."""
    return export_stats_named(ctx, scope, fmt).data


def report_stats(ctx: ServiceContext, scope: Scope, queue: dict[str, Any] | None = None) -> dict[str, Any]:
    """The statistics as a dict (``motcua report stats --json``, the supervisor view); ``queue``: see
    :func:`office_statistics`."""
    require_supervisor(ctx)
    return office_statistics(ctx, scope, queue=queue)


def today_scope(ctx: ServiceContext, **filters: Any) -> Scope:
    today = ctx.clock.now().date()
    return make_scope(today, today, **filters)


def month_before(day: date) -> date:
    return day - timedelta(days=29)


__all__ = ["FORMATS", "LOG_COLUMNS", "build_log", "build_stats", "export_log", "export_stats", "export_stats_named",
           "make_scope", "office_statistics", "parse_day", "queue_missing", "report_stats", "require_supervisor"]
