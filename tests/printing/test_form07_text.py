"""The log book's text is what it was before the drawing was sped up: pdftotext of a two-page book against the
lines the earlier drawing code produced (``data/form07_80_rows.txt``, made with commit 114e7ab)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.printing.form07 import LogBook, render_log_book
from app.printing.model import Agency
from app.reports.columns import PAPER_COLUMNS
from tests.printing.tools import pdf_lines

pytestmark = pytest.mark.slow  # runs poppler

GOLDEN = Path(__file__).with_name("data") / "form07_80_rows.txt"
NAMES = ["Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà", "Đặng Văn Dũng (Bé)"]
# The paper columns' widths when the golden text was made; the form's widths may change since (the order number
# was widened for five digits), this test is about the drawing.
WIDTHS = (6, 34, 30, 22, 24, 16, 16, 16, 16, 16, 18, 14, 22)
PROCS = ["Đăng ký khai sinh", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
         "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch"]


def book_of(n: int) -> LogBook:
    start = datetime.fromisoformat("2026-11-02T07:30:00+07:00")
    rows = []
    for i in range(n):
        at = start + timedelta(minutes=7 * i)
        rows.append([i + 1, f"000.00.12.H62-2611{2 + i // 40:02d}-{i % 40 + 1:04d}", PROCS[i % 4], NAMES[i % 5],
                     f"Số {i % 9 + 1} đường Trường Chinh, thôn Phước Lý – 09{i:08d}", at, at + timedelta(days=5),
                     at + timedelta(days=1) if i % 2 else None, at + timedelta(days=4), None, "Trước hạn", "",
                     "Đã trả kết quả; ghi chú (a\\b)" if i % 7 == 0 else "Đã trả kết quả"])
    return LogBook(Agency("Trung tâm Phục vụ hành chính công xã Hòa An", parent="UBND xã Hòa An"),
                   datetime.fromisoformat("2026-11-30T17:00:00+07:00"), "Tháng 11/2026",
                   tuple(c.header for c in PAPER_COLUMNS), WIDTHS, rows)


def test_the_text_read_back_is_unchanged() -> None:
    assert pdf_lines(render_log_book(book_of(80))) == GOLDEN.read_text("utf-8").splitlines()
