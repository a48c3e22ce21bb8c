"""XLSX exports with real column types: dates as Excel dates, numbers as numbers, a frozen header, set widths.

Why write-only mode: a month of 10,000 dossiers must export in well under three seconds on a slow counter PC,
and openpyxl's streaming writer is several times faster than building the whole sheet in memory. Excel has no
time zones, so times are written as Vietnam wall-clock time (the time printed on every receipt).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.domain.timezone import to_vn
from app.reports.columns import LOG_COLUMNS
from app.reports.logbook import LogRow
from app.reports.tables import Table
from app.reports.xlsx_temp import private_sheets

DATE_FORMAT = "dd/mm/yyyy hh:mm"
DAY_FORMAT = "dd/mm/yyyy"
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="center")


def _header(ws: WriteOnlyWorksheet, names: Sequence[str], widths: Sequence[float]) -> None:
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, _WRAP
        cells.append(cell)
    ws.append(cells)


def _save(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def log_xlsx(rows: Sequence[LogRow], title: str) -> bytes:
    """The log book as one sheet, a row per dossier."""
    with private_sheets():  # the sheet streams through a temp file: every citizen of the range in clear
        return _log_xlsx(rows, title)


def _log_xlsx(rows: Sequence[LogRow], title: str) -> bytes:
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = "MotCua"
    ws = wb.create_sheet("Sổ theo dõi")
    _header(ws, [c.header for c in LOG_COLUMNS], [c.width for c in LOG_COLUMNS])
    for row in rows:
        ws.append([_typed(ws, c.get(row)) for c in LOG_COLUMNS])
    return _save(wb)


def _typed(ws: WriteOnlyWorksheet, value: object) -> object:
    """A date or time as a real Excel date cell (Vietnam wall-clock time, whole seconds); text with a control
    character that XLSX cannot hold (a dossier stored before such text was refused at intake) gets U+FFFD in its
    place: openpyxl raised on it, and one such address failed the whole day's export; others unchanged."""
    if isinstance(value, str):
        return value if value.isprintable() else ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=to_vn(value).replace(tzinfo=None, microsecond=0))
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DAY_FORMAT
        return cell
    return value


def tables_xlsx(tables: Sequence[Table], title: str) -> bytes:
    """The statistics: one sheet per table, numbers as numbers (the overdue lists name citizens)."""
    with private_sheets():
        return _tables_xlsx(tables, title)


def _tables_xlsx(tables: Sequence[Table], title: str) -> bytes:
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = "MotCua"
    for table in tables:
        ws = wb.create_sheet(table.title[:31])
        widths = [max(10.0, min(40.0, len(h) + 2.0)) for h in table.header]
        if table.key == "summary":
            widths = [36.0, 22.0]
        _header(ws, table.header, widths)
        for row in table.rows:
            ws.append([_typed(ws, value) for value in row])
    return _save(wb)
