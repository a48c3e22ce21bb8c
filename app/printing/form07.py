"""Form 07, the log book ("Sổ theo dõi hồ sơ"): every dossier received in a day or a range, A4 landscape.

Why it paginates itself: a month can hold 10,000 dossiers (300 pages), and reportlab splits one long table by
re-measuring all remaining rows at every page, which grows with the square of the length. Here each cell is
wrapped once with the font metrics, so each row's height is known, and the rows are cut into one small table
per page with the header repeated, which keeps a month under a few seconds. Cells are plain strings (no
Paragraph per cell) for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table, TableStyle

from app.printing.fonts import REGULAR
from app.printing.layout import national_header, styles_for, title_block
from app.printing.model import Agency
from app.printing.pdfdoc import Sheet, build_pdf
from app.printing.text import clean, clock, markup

TITLE = "SỔ THEO DÕI HỒ SƠ"
LANDSCAPE = Sheet("a4-landscape", A4[1], A4[0], margin=10 * mm, font_size=9.0)
CELL_FONT = 7.0
LEADING = 8.4
PAD = 2.0  # top and bottom padding of a cell


@dataclass(frozen=True)
class LogBook:
    """What form 07 prints: the office, the period, the column headers and the rows as display values."""

    agency: Agency
    printed_at: datetime
    period: str  # "Ngày 16/11/2026" or "Từ ngày 01/11/2026 đến ngày 30/11/2026"
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # relative
    rows: Sequence[Sequence[object]]  # str, int, datetime or None per column


def _display(value: object) -> str:
    if isinstance(value, datetime):
        return clock(value).replace(" ", "\n", 1)
    return "" if value is None else clean(str(value))


@lru_cache(maxsize=65536)
def _width(word: str) -> float:
    """Width of a word in the cell font; cached, since names, places and procedures repeat all month long."""
    return float(stringWidth(word, REGULAR, CELL_FONT))


def wrap(text: str, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points (words longer than a line are cut)."""
    lines: list[str] = []
    space = _width(" ")
    for part in text.split("\n") or [""]:
        line, used = "", 0.0
        for word in part.split(" "):
            extra = _width(word) + (space if line else 0.0)
            if used + extra <= width:
                line, used = (f"{line} {word}" if line else word), used + extra
                continue
            if line:
                lines.append(line)
            while stringWidth(word, REGULAR, CELL_FONT) > width and len(word) > 1:
                lines.append(word[: _cut(word, width)])
                word = word[_cut(word, width) :]
            line, used = word, _width(word)
        lines.append(line)
    return lines


def _cut(word: str, width: float) -> int:
    """Where to break a word wider than a line: after the last hyphen that fits (dossier codes break between
    unit, day and number), else where the width runs out."""
    fits = max(1, int(len(word) * width / stringWidth(word, REGULAR, CELL_FONT)))
    while fits > 1 and stringWidth(word[:fits], REGULAR, CELL_FONT) > width:
        fits -= 1
    hyphen = word.rfind("-", 0, fits)
    return hyphen + 1 if hyphen > 0 else fits


def _style(rows: int) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_FONT, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), PAD / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("ALIGN", (0, 1), (0, rows), "CENTER"),
    ])


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
    page: list[list[object]] = []
    heights: list[float] = []
    used = head_height

    def flush() -> None:
        table = Table([head, *page], colWidths=widths, rowHeights=[head_height, *heights])
        table.setStyle(_style(len(page)))
        story.append(table)

    for values in book.rows:
        cells: list[object] = ["\n".join(wrap(_display(v), w - 3)) for v, w in zip(values, widths, strict=True)]
        height = max(str(c).count("\n") + 1 for c in cells) * LEADING + PAD * 1.5
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
    story.append(Paragraph(f"<b>Tổng số:</b> {len(book.rows)} hồ sơ.", st.body))
    return story


def render_log_book(book: LogBook) -> bytes:
    """Form 07 as A4-landscape PDF bytes; multi-page books carry "Trang x/y" and the period on every page."""
    footer = f"{TITLE.capitalize()} – {book.period}"
    return build_pdf(log_story(book), LANDSCAPE, title=TITLE.capitalize(), footer=footer)
