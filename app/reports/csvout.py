"""CSV exports in UTF-8 with a byte-order mark, so Excel on a Vietnamese Windows opens the accents right.

Why ISO-like times ("2026-11-16 08:30"): Excel reads them as dates in every locale, where "16/11/2026" would
be read as text (or as a wrong date) under an English locale.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from io import StringIO

from app.domain.timezone import to_vn
from app.reports.columns import LOG_COLUMNS
from app.reports.logbook import LogRow
from app.reports.tables import Table

BOM = "\ufeff"


def _text(value: object) -> object:
    if isinstance(value, datetime):
        return to_vn(value).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else value


def _bytes(buffer: StringIO) -> bytes:
    return (BOM + buffer.getvalue()).encode("utf-8")


def log_csv(rows: Sequence[LogRow]) -> bytes:
    """The log book: a header line, then a line per dossier."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in LOG_COLUMNS])
    for row in rows:
        writer.writerow([_text(c.get(row)) for c in LOG_COLUMNS])
    return _bytes(out)


def tables_csv(tables: Sequence[Table]) -> bytes:
    """The statistics in long form (section, key, column, value): one file any spreadsheet can pivot."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Phần", "Dòng", "Chỉ tiêu", "Giá trị"])
    for table in tables:
        for row in table.rows:
            key = row[0]
            for name, value in zip(table.header[1:], row[1:], strict=True):
                writer.writerow([table.key, key, name, _text(value)])
    return _bytes(out)
