"""Form 07, the log book ("Sổ theo dõi hồ sơ"): every dossier received in a day or a range, A4 landscape.

Why it paginates and draws itself: a busy ward's month holds 20,000 dossiers (over 1,000 pages). reportlab's
Table re-measures and re-wraps every cell and draws each through several layers (0.33 ms a row); here each
cell is wrapped once with the font metrics, so each row's height is known, the rows are cut into pages with
the header repeated, and each page's rows are drawn straight on the canvas: one text object for all the cell
text and one grid of lines, the same look as the ruled table it replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph

from app.domain.numbers import grouped
from app.printing.celllines import ColumnLines, row_lines
from app.printing.celltext import CellText
from app.printing.fonts import REGULAR
from app.printing.layout import national_header, styles_for, title_block
from app.printing.model import Agency
from app.printing.pdfdoc import Sheet, build_pdf
from app.printing.text import markup

TITLE = "SỔ THEO DÕI HỒ SƠ"
LANDSCAPE = Sheet("a4-landscape", A4[1], A4[0], margin=10 * mm, font_size=9.0)
CELL_FONT = 7.0
LEADING = 8.4
PAD = 2.0  # top and bottom padding of a cell
SIDE = 1.5  # left and right padding of a cell
HEAD_FILL = colors.HexColor("#eeeeee")


@dataclass(frozen=True)
class LogBook:
    """What form 07 prints: the office, the period, the column headers and the rows as display values."""

    agency: Agency
    printed_at: datetime
    period: str  # "Ngày 16/11/2026" or "Từ ngày 01/11/2026 đến ngày 30/11/2026"
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # relative
    rows: Sequence[Sequence[object]]  # str, int, datetime or None per column


class HeadRow:
    """The header row (paragraphs on grey), drawn once per document and place, and its drawing operators
    replayed on the other pages: wrapping and drawing 13 paragraphs on each of a month's 1,200 pages was a third
    of the book's time. Keyed by where the row sits in the page's rows (a few dozen places in a month), so each
    page's operators are exactly what drawing it there gives: a form XObject or an extra translation moves the
    header words by rounding and pdftotext then reads them in another order."""

    def __init__(self, paragraphs: list[Paragraph], height: float, widths: list[float]) -> None:
        self.paragraphs, self.height, self.widths = paragraphs, height, widths
        self.xs = list(accumulate(widths, initial=0.0))  # the column edges
        self.xs_text = [fp_str(x) for x in self.xs]
        self._made_in: object = None
        self._code: dict[float, list[str]] = {}

    def draw(self, canvas: Canvas, bottom: float) -> None:
        """Draw the row with its lower edge at ``bottom`` (in the current coordinates); the fill ends black."""
        if self._made_in is not canvas._doc:  # the paragraphs' text is encoded in one document's font subsets
            self._made_in, self._code = canvas._doc, {}
        code = self._code.get(bottom)
        if code is not None:
            canvas._code.extend(code)
            canvas.setFillColor(colors.black)
            return
        mark = len(canvas._code)
        canvas.setFillColor(HEAD_FILL)
        canvas.rect(0, bottom, sum(self.widths), self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        x = 0.0
        for para, w in zip(self.paragraphs, self.widths, strict=True):
            _, h = para.wrap(w - 2 * SIDE, self.height)
            para.drawOn(canvas, x + SIDE, bottom + self.height - PAD / 2 - h)
            x += w
        self._code[bottom] = canvas._code[mark:]


class RowsPage(Flowable):
    """One page of the book: the header row and the rows' wrapped lines, in a grid."""

    def __init__(self, head: HeadRow, rows: list[list[tuple[str, ...]]], heights: list[float],
                 text: CellText) -> None:
        super().__init__()
        self.text = text
        self.head, self.widths = head, head.widths
        self.rows, self.heights = rows, heights
        self.width, self.height = sum(self.widths), head.height + sum(heights)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        xs = self.head.xs
        top = self.height
        self.head.draw(canvas, top - self.head.height)
        columns = [(x + SIDE, None) for x in xs[:-1]]
        columns[0] = (xs[0], self.widths[0])  # the order number is centred
        ys = [top, top - self.head.height]
        firsts: list[float] = []
        y = ys[-1]
        for height in self.heights:
            firsts.append(y - PAD / 2 - CELL_FONT)
            y -= height
            ys.append(y)
        self.text.draw_rows(canvas, columns, zip(firsts, self.rows, strict=True))
        canvas.setLineWidth(0.4)
        grid(canvas, self.head.xs_text, [fp_str(y) for y in ys])


def grid(canvas: Canvas, xs: list[str], ys: list[str]) -> None:
    """``canvas.grid``'s operators, byte for byte, from coordinates formatted already: the columns' x are the
    same on all 1,200 pages of a month, and reportlab formats every line's two points again."""
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    canvas.addLiteral("\n".join(["n", *(f"{x} {top} m {x} {bottom} l" for x in xs),
                                  *(f"{left} {y} m {right} {y} l" for y in ys), "S"]))


def log_story(book: LogBook, sheet: Sheet = LANDSCAPE) -> list[Flowable]:
    """Header, title, then one table per page (header row repeated) and the total line."""
    st = styles_for(sheet.font_size)
    width = sheet.frame_width
    scale = width / sum(book.widths)
    widths = [w * scale for w in book.widths]
    head_style = st.head.clone("log-head", fontSize=CELL_FONT, leading=LEADING)
    head = [Paragraph(markup(h), head_style) for h in book.headers]
    head_height = max(p.wrap(w - 3, 1000)[1] for p, w in zip(head, widths, strict=True)) + PAD * 1.5
    top: list[Flowable] = [national_header(book.agency, book.printed_at, st, width),
                           *title_block(TITLE, st, book.period)]
    frame_height = sheet.height - sheet.margin - (sheet.margin + 2 * mm)
    available = frame_height - sum(f.wrap(width, frame_height)[1] + f.getSpaceAfter() + f.getSpaceBefore()
                                   for f in top) - 6
    story = list(top)
    text = CellText(REGULAR, CELL_FONT, LEADING)
    head_row = HeadRow(head, head_height, widths)
    page: list[list[tuple[str, ...]]] = []
    heights: list[float] = []
    used = head_height
    by_width: dict[float, ColumnLines] = {}  # the five date columns share their times and dates
    columns = [by_width.setdefault(w, ColumnLines(w - 2 * SIDE, CELL_FONT)) for w in widths]

    def flush() -> None:
        story.append(RowsPage(head_row, page, heights, text))

    for values in book.rows:
        cells = row_lines(columns, values)
        height = max(map(len, cells)) * LEADING + PAD * 1.5
        if page and used + height > available:
            flush()
            story.append(PageBreak())
            page, heights, used = [], [], head_height
            available = frame_height - 6
        page.append(cells)
        heights.append(height)
        used += height
    if page or not book.rows:
        flush()
    story.append(Paragraph(f"<b>Tổng số:</b> {grouped(len(book.rows))} hồ sơ.", st.body))
    return story


def render_log_book(book: LogBook) -> bytes:
    """Form 07 as A4-landscape PDF bytes; multi-page books carry "Trang x/y" and the period on every page."""
    footer = f"{TITLE.capitalize()} – {book.period}"
    return build_pdf(log_story(book), LANDSCAPE, title=TITLE.capitalize(), footer=footer)
