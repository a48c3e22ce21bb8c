"""Building blocks shared by the official forms: styles, the national header, labelled fields, tables,
signatures.

Why: forms 01–06 and the hand-over list follow the same administrative layout (agency on the left, the
national motto on the right, a centred title, numbered fields, two signature columns). Drawing those once
keeps the forms consistent and lets a fix (a line that wrapped badly) land everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from app.domain.text import clean_text
from app.printing.fonts import BOLD, REGULAR, register_fonts
from app.printing.model import Agency, DocumentLine
from app.printing.text import long_date, markup

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one base font size (8.5 pt on A5, 10.5 pt on A4)."""

    body: ParagraphStyle
    centre: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle


@cache
def styles_for(size: float) -> Styles:
    """The :class:`Styles` for base font ``size``; built once per size, after the fonts are registered."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=size, leading=size * 1.3, spaceAfter=size * 0.2)
    centre = ParagraphStyle("centre", body, alignment=TA_CENTER, spaceAfter=0)
    small = ParagraphStyle("small", centre, fontSize=size - 1.5, leading=(size - 1.5) * 1.25)
    title = ParagraphStyle("title", centre, fontName=BOLD, fontSize=size + 2.5, leading=(size + 2.5) * 1.25)
    cell = ParagraphStyle("cell", body, fontSize=size - 0.5, leading=(size - 0.5) * 1.2, spaceAfter=0)
    head = ParagraphStyle("head", cell, fontName=BOLD, alignment=TA_CENTER)
    return Styles(body, centre, title, small, cell, head)


def field(label: str, value: str, st: Styles) -> Paragraph:
    """ "<b>label:</b> value", wrapping under itself; ``value`` is user text and gets escaped."""
    return Paragraph(f"<b>{markup(label)}:</b> {markup(value) or '…'}", st.body)


def national_header(agency: Agency, when: datetime, st: Styles, width: float) -> Table:
    """Agency (left) and national motto with the dated line (right), the heading of every official paper.

    The governing body is printed above the agency only when it is another body: an office set up without a
    separate centre name has ``parent == name``, and the form must not name the same agency twice.
    """
    size = st.small.fontSize
    separate = agency.parent and clean_text(agency.parent).casefold() != clean_text(agency.name).casefold()
    left = [Paragraph(markup(agency.parent.upper()), st.small)] if separate else []
    left += [Paragraph(f"<b>{markup(agency.name.upper())}</b>", st.small), _rule("30%", size)]
    place = f"{markup(agency.place)}, " if agency.place else ""
    right = [
        Paragraph(f"<b>{MOTTO[0]}</b>", st.small),
        Paragraph(f"<b>{MOTTO[1]}</b>", st.small),
        _rule("55%", size),
        Paragraph(place + long_date(when), st.small),
    ]
    return plain_table([[left, right]], [width * 0.42, width * 0.58], ("ALIGN", (0, 0), (-1, -1), "CENTER"))


def _rule(width: str, size: float) -> HRFlowable:
    """The short centred line official papers draw under the agency name and under the motto."""
    return HRFlowable(width=width, thickness=0.6, color=colors.black, spaceBefore=size * 0.4, spaceAfter=size * 0.5)


def title_block(title: str, st: Styles, subtitle: str = "") -> list[Flowable]:
    """The centred bold title (and an optional line under it), with breathing space around."""
    out: list[Flowable] = [Spacer(1, st.body.fontSize * 0.8), Paragraph(markup(title), st.title)]
    if subtitle:
        out.append(Paragraph(markup(subtitle), st.centre))
    out.append(Spacer(1, st.body.fontSize * 0.5))
    return out


def grid_table(rows: list[list[object]], widths: Sequence[float], st: Styles, *, centre_from: int = 0) -> Table:
    """A ruled table whose header row repeats on each page; plain-string cells use DejaVu, never Helvetica."""
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, st.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    if centre_from:
        commands.append(("ALIGN", (centre_from, 1), (-1, -1), "CENTER"))
    table.setStyle(TableStyle(commands))
    return table


def documents_table(documents: Sequence[DocumentLine], st: Styles, width: float) -> Table:
    """Documents received: name × originals / certified copies / photocopies, continuing on the next page."""
    head = [Paragraph(text, st.head) for text in ("TT", "Tên giấy tờ", "Bản chính", "Bản sao chứng thực", "Bản chụp")]
    rows: list[list[object]] = [head]
    for number, doc in enumerate(documents, 1):
        name = Paragraph(markup(doc.name), st.cell)
        rows.append([str(number), name, str(doc.originals), str(doc.certified_copies), str(doc.photocopies)])
    if not documents:
        rows.append(["", Paragraph("(không có)", st.cell), "", "", ""])
    count = stringWidth("chứng thực", BOLD, st.head.fontSize) + 4 + 1 * mm  # header wraps to two lines at most
    return grid_table(rows, [8 * mm, width - 8 * mm - 3 * count, count, count, count], st, centre_from=2)


def _signature_column(role: str, name: str, st: Styles) -> list[Flowable]:
    return [
        Paragraph(f"<b>{markup(role.upper())}</b>", st.centre),
        Paragraph("(Ký và ghi rõ họ tên)", st.small),
        Spacer(1, 13 * mm),
        Paragraph(f"<b>{markup(name)}</b>" if name else "", st.centre),
    ]


def signatures(left: tuple[str, str], right: tuple[str, str], st: Styles, width: float) -> Table:
    """Two signature columns: (role, printed name) each, with room to sign under the role."""
    return plain_table([[_signature_column(*left, st), _signature_column(*right, st)]], [width / 2] * 2)


def signature(role: str, name: str, st: Styles, width: float) -> Table:
    """One signature in the right half, as on notices signed by the officer alone."""
    return plain_table([["", _signature_column(role, name, st)]], [width / 2] * 2)


def plain_table(rows: list[list[object]], widths: Sequence[float], *commands: tuple[object, ...]) -> Table:
    """A borderless layout table: no padding, top-aligned, and DejaVu as the cell font.

    Why the font: reportlab sets each cell's font (Helvetica by default) even when the cell holds only
    flowables, which would put an unembedded Helvetica into the PDF.
    """
    table = Table(rows, colWidths=list(widths))
    sides = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    base = [("FONT", (0, 0), (-1, -1), REGULAR, 8), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    table.setStyle(TableStyle([*base, *[(side, (0, 0), (-1, -1), 0) for side in sides], *commands]))
    return table


def headed_table(heading: Paragraph, table: Table, width: float) -> list[Flowable]:
    """``heading`` then ``table``, never with the heading alone at the foot of a page (issue 17, form 06).

    A conditional page break asks for room for the heading, the table's header row and its first row; with less
    room left, all three start the next page. The table itself may still split further down (its header repeats).
    """
    _, heading_height = heading.wrap(width, 10**6)
    table.wrap(width, 10**6)
    first_rows = sum(table._rowHeights[:2])  # reportlab computes the row heights in wrap()
    return [CondPageBreak(heading_height + heading.getSpaceAfter() + first_rows), heading, table]
