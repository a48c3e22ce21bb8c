"""Cell text written straight into the content stream reads back exactly, across font subsets and repeats."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from app.printing.celltext import CellText
from app.printing.fonts import REGULAR, register_fonts
from tests.printing.tools import pdf_lines

pytestmark = pytest.mark.slow  # runs poppler


def test_lines_read_back_across_subsets_and_repeats() -> None:
    register_fonts()
    # more than 256 distinct characters, so reportlab needs several font subsets; "(", ")" and "\\" need escaping
    viet = "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
    alphabet = viet + "ĐđƠơƯư()\\" + "".join(chr(c) for c in range(0xC0, 0x17F))
    lines = [alphabet[i : i + 40] for i in range(0, len(alphabet), 40)] + ["Trước hạn", "Nguyễn Văn Mạnh"]
    out = io.BytesIO()
    canvas = Canvas(out)
    text = CellText(REGULAR, 9)
    for _ in range(2):  # the second page reuses every encoded line
        text.draw(canvas, [(40, 800 - 14 * k, line) for k, line in enumerate(lines)])
        canvas.showPage()
    canvas.save()
    for page in (1, 2):
        assert pdf_lines(out.getvalue(), page=page) == lines
