"""Cell text written straight into the content stream reads back exactly and where it was placed, across font
subsets, repeated cells, multi-line cells, empty lines and centred columns; the same input gives the same bytes."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from app.printing.celltext import CellText
from app.printing.fonts import REGULAR, register_fonts
from tests.printing.tools import pdf_lines, pdf_words

pytestmark = pytest.mark.slow  # runs poppler

# more than 256 distinct characters, so reportlab needs several font subsets; "(", ")" and "\\" need escaping
VIET = "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
ALPHABET = VIET + "ĐđƠơƯư()\\" + "".join(chr(c) for c in range(0xC0, 0x17F))


def pdf_of(pages: list[list[tuple[float, tuple[str, ...]]]], columns: list[tuple[float, float | None]]) -> bytes:
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    text = CellText(REGULAR, 9, 14)
    for rows in pages:
        text.draw_rows(canvas, columns, rows)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_lines_read_back_across_subsets_and_repeats() -> None:
    lines = [ALPHABET[i : i + 40] for i in range(0, len(ALPHABET), 40)] + ["Trước hạn", "Nguyễn Văn Mạnh"]
    rows = [(800 - 14 * k, ((line,),)) for k, line in enumerate(lines)]
    pdf = pdf_of([rows, rows], [(40, None)])  # the second page reuses every encoded cell
    for page in (1, 2):
        assert pdf_lines(pdf, page=page) == lines


def test_a_cells_lines_stack_one_leading_apart_and_centred_columns_centre_each_line() -> None:
    mixed = ("Ωμέγα (x) \\", "", VIET[:30] + "abc")  # an empty line keeps its place; subsets change inside a line
    rows = [(700.0, (("7",), ("08:30", "21/11/2026"), mixed)), (600.0, (("12345",), ("",), ("Trước hạn",)))]
    pdf = pdf_of([rows], [(40, 60), (110, None), (250, None)])
    _, words = pdf_words(pdf)
    at = {w.text: w for w in words}
    assert at["08:30"].x0 == pytest.approx(110, abs=0.5)
    assert at["21/11/2026"].x0 == pytest.approx(110, abs=0.5)
    assert at["21/11/2026"].y0 - at["08:30"].y0 == pytest.approx(14, abs=0.5)
    assert at["Ωμέγα"].y0 + 28 == pytest.approx(at[VIET[:30] + "abc"].y0, abs=0.5)
    for number in ("7", "12345"):  # centred in the 60-point column that starts at 40
        assert (at[number].x0 + at[number].x1) / 2 == pytest.approx(70, abs=0.5)
    assert "(x)" in at and "\\" in at


def test_the_same_cells_give_the_same_bytes() -> None:
    rows = [(800.0, ((ALPHABET[:50],), ("Nguyễn", "Văn Mạnh")))]
    assert pdf_of([rows], [(40, None), (300, None)]) == pdf_of([rows], [(40, None), (300, None)])
