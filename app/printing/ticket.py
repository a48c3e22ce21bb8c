"""The queue ticket: one layout for 58 mm and 80 mm rolls, as PDF or as ESC/POS raster bytes.

Why this layout: the number is what a waiting citizen (often elderly) looks for, so it is the largest thing
on the paper; the wait estimate and people ahead answer the first question they ask. Everything scales with the
roll width, so 58 mm and 80 mm share the same code.

The QR's words say what its content really does (issue 17: it said "scan to follow your turn" over an internal
code that no phone could use). The office's tickets carry the counter's key (``MCQ1|office|day|number|id``,
:func:`app.domain.queue.qr_payload`): the clerk scans it to find the ticket, so the words ask the citizen to show
it at the counter. Only a web address (a status page an office may publish) is captioned "scan to follow".
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table

from app.printing.barcodes import qr_drawing
from app.printing.fonts import BOLD, REGULAR, register_fonts
from app.printing.layout import plain_table
from app.printing.model import MAX_WAIT_MINUTES, TicketData, TicketWidth
from app.printing.roll import Roll, build_roll_pdf, roll_for
from app.printing.text import clock, markup
from app.printing.thermal import pdf_to_escpos

TITLE = "Phiếu số thứ tự"


FOLLOW_CAPTION = "Quét mã để theo dõi lượt gọi"
COUNTER_CAPTION = "Đưa mã này cho cán bộ quét tại quầy để tìm nhanh số của bạn"


def qr_caption(payload: str) -> str:
    """What the citizen is told about the QR: follow the queue (a web page) or show it at the counter."""
    return FOLLOW_CAPTION if payload.startswith(("https://", "http://")) else COUNTER_CAPTION


def _style(name: str, size: float, *, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=BOLD if bold else REGULAR, fontSize=size, leading=size * 1.2, alignment=TA_CENTER
    )


def _priority_badge(width: float, size: float) -> Table:
    """ "ƯU TIÊN" white on black, visible from the waiting chairs."""
    text = Paragraph("ƯU TIÊN", _style("badge", size, bold=True).clone("white", textColor=colors.white))
    return plain_table(
        [[text]],
        [width * 0.6],
        ("BACKGROUND", (0, 0), (-1, -1), colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.15),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.35),
    )


def ticket_story(data: TicketData, roll: Roll) -> list[Flowable]:
    """The flowables of the ticket for ``roll``; font sizes follow the printable width."""
    register_fonts()
    k = 1 + (roll.printable_mm / 48.0 - 1) / 2  # 1.0 on 58 mm paper, 1.25 on 80 mm
    body, small = _style("body", 9 * k), _style("small", 7.5 * k)
    story: list[Flowable] = [
        Paragraph(f"<b>{markup(data.office.upper())}</b>", body),
        HRFlowable(width="100%", thickness=1, color=colors.black, spaceBefore=2 * mm, spaceAfter=2 * mm),
        Paragraph("SỐ THỨ TỰ CỦA BẠN", small),
        Paragraph(markup(data.number), _style("number", 40 * k, bold=True)),
    ]
    if data.priority:
        story += [_priority_badge(roll.frame_width, 11 * k), Spacer(1, 1.5 * mm)]
    service = (
        f"{markup(data.service_letter)} – {markup(data.service_name)}"
        if data.service_letter
        else markup(data.service_name)
    )
    story += [Spacer(1, 1 * mm), Paragraph(f"<b>{service}</b>", body), Spacer(1, 1.5 * mm)]
    story.append(Paragraph(f"Trước bạn còn: <b>{data.people_ahead}</b> người", body))
    if data.wait_minutes is not None:
        long_wait = data.wait_minutes >= MAX_WAIT_MINUTES
        wait = "<b>hơn 24 giờ</b>" if long_wait else f"<b>{data.wait_minutes}</b> phút"
        story.append(Paragraph(f"Dự kiến chờ: {wait}", body))
    if data.qr_payload:
        qr = qr_drawing(data.qr_payload, 26 * k)
        qr.hAlign = "CENTER"
        story += [qr, Paragraph(qr_caption(data.qr_payload), small)]
    story += [
        Spacer(1, 2 * mm),
        Paragraph(f"Lấy số lúc {clock(data.issued_at)}", small),
        Paragraph("Vui lòng chờ đến khi số của bạn được gọi. Quá lượt, vui lòng lấy số mới.", small),
    ]
    return story


def render_ticket_pdf(data: TicketData, width: TicketWidth = 58, dots: int | None = None) -> bytes:
    """The ticket as a PDF page of roll width (``width`` mm) and content height."""
    roll = roll_for(width, dots)
    return build_roll_pdf(ticket_story(data, roll), roll, title=f"{TITLE} {data.number}")


def render_ticket_escpos(data: TicketData, width: TicketWidth = 58, dots: int | None = None) -> bytes:
    """The same ticket rasterised for a thermal head: ESC @, GS v 0 image ``dots`` wide, cut."""
    roll = roll_for(width, dots)
    return pdf_to_escpos(build_roll_pdf(ticket_story(data, roll), roll, title=f"{TITLE} {data.number}"), roll)
