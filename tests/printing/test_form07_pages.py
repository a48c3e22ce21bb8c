"""The log book's rows across page boundaries: read back from the real PDF with ``pdftotext -bbox``, every row
is printed once, in order, whole on one page (never split or lost at a break), under the header row repeated on
every page, inside the frame, with its wrapped lines one under the other in their column; and a page ends only
when the next row would not fit."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from itertools import pairwise

import pytest

from app.printing.form07 import LANDSCAPE, LEADING, PAD, LogBook, render_log_book
from app.printing.model import Agency
from app.reports.columns import PAPER_COLUMNS
from tests.printing.tools import Word, pdf_words

pytestmark = pytest.mark.slow  # runs poppler

ROWS = 160
FRAME_BOTTOM = LANDSCAPE.margin + 5.67  # points above the paper's lower edge (the footer sits below)


def lines_of(i: int) -> int:
    return 1 + (i * 7) % 6  # 1 to 6 explicit lines in the address column, in an irregular order


def book() -> LogBook:
    start = datetime.fromisoformat("2026-11-02T07:30:00+07:00")
    rows = []
    for i in range(ROWS):
        at = start + timedelta(minutes=9 * i)
        address = "\n".join(f"A{i}.{k}" for k in range(lines_of(i)))
        remark = " ".join(f"r{i}w{k}" for k in range(i % 9))  # wrapped by width: none to three lines
        rows.append([i + 1, f"000.00.12.H62-261102-{i:04d}", "Đăng ký khai sinh", "Nguyễn Văn Mạnh", address, at,
                     at + timedelta(days=5), None, None, None, "Trước hạn", "", remark])
    return LogBook(Agency("UBND xã Hòa An"), datetime.fromisoformat("2026-11-30T17:00:00+07:00"), "Tháng 11/2026",
                   tuple(c.header for c in PAPER_COLUMNS), tuple(c.width for c in PAPER_COLUMNS), rows)


def column_bounds(log: LogBook, index: int) -> tuple[float, float]:
    scale = LANDSCAPE.frame_width / sum(log.widths)
    left = LANDSCAPE.margin + sum(log.widths[:index]) * scale
    return left, left + log.widths[index] * scale


def test_rows_are_whole_in_order_and_inside_every_page() -> None:
    log = book()
    pages, words = pdf_words(render_log_book(log))
    assert len(pages) >= 4
    codes = [w for w in words if w.text.startswith("000.00.12.H62-")]
    assert [w.text for w in codes] == [f"000.00.12.H62-261102-{i:04d}" for i in range(ROWS)]  # once each, in order
    assert [w.text for w in words if w.text == "STT"] == ["STT"] * len(pages)  # the header on every page
    head_of = {w.page: w for w in words if w.text == "STT"}
    by_text: dict[str, Word] = {w.text: w for w in words}
    bottom = pages[0].height - FRAME_BOTTOM
    remark_left, remark_right = column_bounds(log, 12)
    last_on: dict[int, int] = defaultdict(int)
    tallest: list[int] = []  # each row's line count: its address, its remark, or the two lines of a date
    for i, code in enumerate(codes):
        last_on[code.page] = i
        assert code.y0 > head_of[code.page].y1  # under the page's header row
        address = [by_text[f"A{i}.{k}"] for k in range(lines_of(i))]
        remark = [w for w in words if w.text.startswith(f"r{i}w")]
        assert [w.text for w in remark] == [f"r{i}w{k}" for k in range(i % 9)]  # no word lost or doubled
        tallest.append(max(len(address), 2, len({round(w.y0) for w in remark})))
        for w in address + remark:
            assert w.page == code.page, f"row {i + 1} split across pages"
            assert w.y1 <= bottom + 1, f"row {i + 1} runs into the page's foot"
        for upper, lower in pairwise(address):  # one under the other, one leading apart
            assert lower.y0 - upper.y0 == pytest.approx(LEADING, abs=0.3)
            assert lower.x0 == pytest.approx(upper.x0, abs=0.3)
        for w in remark:  # wrapped inside its column
            assert remark_left <= w.x0 and w.x1 <= remark_right
    for page, i in last_on.items():  # a page ends only when the next row does not fit under its last one
        if page < len(pages):
            lowest = max(w.y1 for w in words if w.page == page and w.y1 < bottom + 1)
            # the next row is lines × LEADING + 1.5 PAD tall, and the layout keeps 6 pt in reserve at the foot
            # (form07's ``available``); measured from the lowest glyph, which sits above its row's lower edge
            assert lowest + tallest[i + 1] * LEADING + 1.5 * PAD + 6 > bottom, f"page {page} ends early"
    assert by_text["160"].page == len(pages) and "Tổng" in {w.text for w in words if w.page == len(pages)}
