"""The log book and statistics files: XLSX read back with openpyxl, the PDF's text, the CSV's BOM."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.domain.errors import ValidationError
from app.reports.columns import LOG_COLUMNS, PAPER_COLUMNS
from app.reports.service import export_log, export_stats, make_scope
from tests.reports.month import FIRST, LAST

F, L = FIRST.isoformat(), LAST.isoformat()


def _codes(month: Any, first: str = F, last: str = L) -> list[str]:
    return [r[0] for r in month.store.execute(
        "SELECT code FROM dossiers WHERE received_day BETWEEN ? AND ? ORDER BY received_at, code", (first, last))]


def test_xlsx_columns_types_frozen_header(month: Any) -> None:
    data = export_log(month, make_scope(FIRST, LAST), "xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in LOG_COLUMNS]
    assert [r[1] for r in rows[1:]] == _codes(month)
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 34
    for n, row in enumerate(rows[1:], 1):
        assert row[0] == n and isinstance(row[0], int)
        assert isinstance(row[5], datetime)  # received: always there, a real date
    received = month.store.execute("SELECT received_at FROM dossiers WHERE code = ?", (rows[1][1],)).fetchone()[0]
    assert rows[1][5] == datetime.fromisoformat(received).replace(tzinfo=None)
    assert ws.cell(2, 6).number_format == "dd/mm/yyyy hh:mm"
    due_cells = [r[6] for r in rows[1:]]
    assert any(isinstance(v, datetime) for v in due_cells) and None in due_cells  # no due date: empty, not text


def test_csv_has_bom_and_the_same_rows(month: Any) -> None:
    data = export_log(month, make_scope(FIRST, LAST), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [c.header for c in LOG_COLUMNS]
    assert [r[1] for r in rows[1:]] == _codes(month)
    assert "Thôn Đông, xã Mẫu Sơn" in rows[1][4]


def test_pdf_is_a4_landscape_with_every_row(month: Any, tmp_path: Path) -> None:
    day = "2026-11-10"
    scope = make_scope(datetime.fromisoformat(day).date(), datetime.fromisoformat(day).date())
    pdf = tmp_path / "log.pdf"
    pdf.write_bytes(export_log(month, scope, "pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.276" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Ngày 10/11/2026" in text
    codes = _codes(month, day, day)
    assert codes
    lines = [line for line in text.splitlines() if "000.00.12.H62-" in line]
    assert [line.split()[1] for line in lines] == codes  # STT then code, in order, one row each
    assert [int(line.split()[0]) for line in lines] == list(range(1, len(codes) + 1))
    assert f"Tổng số: {len(codes)} hồ sơ" in text
    assert [c.header for c in PAPER_COLUMNS][-1] == "Ghi chú"


def test_month_pdf_paginates_with_page_numbers(month: Any, tmp_path: Path) -> None:
    pdf = tmp_path / "month.pdf"
    pdf.write_bytes(export_log(month, make_scope(FIRST, LAST), "pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Trang 1/" in text
    assert sorted(set(_codes(month))) == sorted({c for c in _codes(month) if c in text})


def test_stats_xlsx_and_csv(month: Any) -> None:
    scope = make_scope(FIRST, LAST)
    wb = load_workbook(io.BytesIO(export_stats(month, scope, "xlsx")))
    assert wb.sheetnames[:2] == ["Tổng hợp", "Theo thủ tục"] and "Quá hạn" in wb.sheetnames
    summary = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    received = month.store.execute("SELECT COUNT(*) FROM dossiers WHERE received_day BETWEEN ? AND ?", (F, L))
    assert summary["Hồ sơ tiếp nhận"] == received.fetchone()[0]
    assert isinstance(summary["Tỷ lệ giải quyết đúng hạn (%)"], float)
    data = export_stats(month, scope, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert ["summary", "Hồ sơ tiếp nhận", "Giá trị", str(summary["Hồ sơ tiếp nhận"])] in rows
    with pytest.raises(ValidationError):
        export_stats(month, scope, "pdf")


def test_clerk_cannot_export(month: Any) -> None:
    from app.services.context import Actor

    month.actor = Actor("lan", "Nguyễn Thị Lan", "clerk")
    for fmt in ("pdf", "xlsx", "csv"):
        with pytest.raises(ValidationError) as err:
            export_log(month, make_scope(FIRST, LAST), fmt)
        assert err.value.field == "role"


def test_stats_xlsx_dates_are_date_cells(month: Any) -> None:
    wb = load_workbook(io.BytesIO(export_stats(month, make_scope(FIRST, LAST), "xlsx")))
    cells = {r[0].value: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2)}
    assert cells["Từ ngày"].value == datetime(FIRST.year, FIRST.month, FIRST.day)
    assert cells["Từ ngày"].is_date and cells["Đến ngày"].is_date and cells["Số liệu tính đến"].is_date
    assert cells["Số liệu tính đến"].value.microsecond == 0
    due = [row[5] for name in ("Quá hạn", "Sắp đến hạn") for row in wb[name].iter_rows(min_row=2)]
    assert due and all(c.is_date and c.value.microsecond == 0 for c in due)
