"""The report use cases: who may run them, which days they cover, and which bytes come out.

Why the role check lives here and not in the UI or the CLI: the log book and statistics show every citizen's
name and phone and every clerk's results, so only a supervisor or an admin may produce them, whatever the
caller (a ValidationError on field "role" otherwise). The automatic end-of-day export calls the ``build_*``
functions directly: it is the office's configured routine, not a clerk exporting.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

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


def build_stats(ctx: ServiceContext, scope: Scope, fmt: str, stats: dict[str, Any] | None = None) -> bytes:
    check_format(fmt, ("xlsx", "csv"))
    tables = stats_tables(stats or statistics(ctx.store, scope, ctx.clock.now()))
    if fmt == "xlsx":
        return xlsx.tables_xlsx(tables, f"Thống kê – {period_text(scope)}")
    return csvout.tables_csv(tables)


def export_stats_named(ctx: ServiceContext, scope: Scope, fmt: str) -> tuple[bytes, list[str]]:
    """The statistics as :func:`export_stats` gives them, and the codes of the dossiers received before the range
    that its lists name (:func:`app.reports.stats.named_before`), for the access trail."""
    require_supervisor(ctx)
    stats = statistics(ctx.store, scope, ctx.clock.now())
    return build_stats(ctx, scope, fmt, stats), named_before(stats)


def export_log(ctx: ServiceContext, scope: Scope, fmt: str) -> bytes:
    """Form 07 for ``scope`` as PDF, XLSX or CSV bytes; supervisors and admins only."""
    require_supervisor(ctx)
    return build_log(ctx, scope, fmt)


def export_stats(ctx: ServiceContext, scope: Scope, fmt: str) -> bytes:
    """The statistics for ``scope`` as XLSX or CSV bytes; supervisors and admins only."""
    return export_stats_named(ctx, scope, fmt)[0]


def report_stats(ctx: ServiceContext, scope: Scope) -> dict[str, Any]:
    """The statistics as a dict (``motcua report stats --json``, the supervisor view)."""
    require_supervisor(ctx)
    return statistics(ctx.store, scope, ctx.clock.now())


def today_scope(ctx: ServiceContext, **filters: Any) -> Scope:
    today = ctx.clock.now().date()
    return make_scope(today, today, **filters)


def month_before(day: date) -> date:
    return day - timedelta(days=29)


__all__ = ["FORMATS", "LOG_COLUMNS", "build_log", "build_stats", "export_log", "export_stats", "export_stats_named",
           "make_scope", "parse_day", "report_stats", "require_supervisor"]
