"""Form 01, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": the receipt the citizen brings back to collect the
result.

Why it looks like this: the fields and their order follow Circular 03/2025/TT-VPCP (DOMAIN.md); the Code128
and QR of the dossier code sit right under the title, where the return counter's scanner reaches them first;
A5 is the official size and A4 is offered for offices whose printers have no A5 tray.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.printing.barcodes import code128_flowable, qr_drawing
from app.printing.layout import (
    Styles,
    documents_table,
    field,
    headed_table,
    national_header,
    plain_table,
    signatures,
    styles_for,
    title_block,
)
from app.printing.model import Paper, ReceiptData
from app.printing.pdfdoc import Sheet, build_pdf, fits_one_sheet, sheet_for
from app.printing.text import markup, time_and_date

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
BOOK_LINES = ("Vào Sổ theo dõi hồ sơ,", "Quyển số: ………… Số thứ tự: …………")  # Circular 03/2025 form 01, by hand
QR_MM = 22.0
FONT_STEP_PT = 0.5
SMALLEST_PT = 7.0  # the smallest text a receipt is set in to stay on one sheet (A5's own size is 8.5 pt)


def code_block(code: str, st: Styles, width: float, *, bar_height_mm: float = 10.0) -> Table:
    """The dossier code as text, Code128 and QR side by side; shared by every form that names a dossier."""
    left = [
        Paragraph(f"Mã hồ sơ: <b>{markup(code)}</b>", st.body),
        code128_flowable(code, bar_height_mm=bar_height_mm),
    ]
    return plain_table(
        [[left, qr_drawing(code, QR_MM)]],
        [width - QR_MM * mm, QR_MM * mm],
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
    )


def contact_line(phone: str, email: str) -> str:
    """ "Số điện thoại: … Email: …" on one line when both fit; the parts that are empty are left out."""
    parts = [
        f"<b>Số điện thoại:</b> {markup(phone)}" if phone else "",
        f"<b>Email:</b> {markup(email)}" if email else "",
    ]
    return "&nbsp;&nbsp;&nbsp;&nbsp;".join(part for part in parts if part) or "<b>Số điện thoại:</b> …"


def receipt_story(data: ReceiptData, st: Styles, width: float) -> list[Flowable]:
    """The flowables of form 01, top to bottom."""
    a, p = data.applicant, data.procedure
    procedure = p.name + (f" (mã thủ tục: {p.code})" if p.code else "")
    due = time_and_date(data.due_at) if data.due_at else "Theo thông báo của cơ quan giải quyết"
    story: list[Flowable] = [
        national_header(data.agency, data.received_at, st, width),
        *title_block(TITLE, st),
        code_block(data.dossier_code, st, width),
        Paragraph(f"{markup(data.agency.name)} tiếp nhận hồ sơ của:", st.body),
        field("Ông/Bà", a.name, st),
    ]
    if a.id_number:
        story.append(field("Số định danh cá nhân", a.id_number, st))
    story += [
        field("Địa chỉ", a.address, st),
        Paragraph(contact_line(a.phone, a.email), st.body),
        field("Nội dung yêu cầu giải quyết", procedure, st),
        *headed_table(Paragraph("<b>1. Thành phần hồ sơ nộp gồm:</b>", st.body),
                      documents_table(data.documents, st, width), width),
        Spacer(1, 1.5 * mm),
        field("2. Số lượng hồ sơ", f"{data.sets:02d} bộ", st),
        field("3. Thời gian giải quyết hồ sơ theo quy định", data.processing_time, st),
        field("4. Thời gian nhận hồ sơ", time_and_date(data.received_at), st),
        field("5. Thời gian trả kết quả giải quyết hồ sơ", due, st),
        field("6. Đăng ký nhận kết quả tại", data.collect_at, st),
    ]
    if data.fee:
        story.append(field("7. Phí, lệ phí", data.fee, st))
    note = Paragraph("<b>Ông/Bà vui lòng mang theo Giấy tiếp nhận này khi đến nhận kết quả.</b>", st.body)
    sign = signatures(("Người nộp hồ sơ", a.name), ("Người tiếp nhận hồ sơ", data.officer), st, width)
    left_small = ParagraphStyle("book", st.small, alignment=TA_LEFT)
    book = [Paragraph(markup(line), left_small) for line in BOOK_LINES]
    story.append(KeepTogether([Spacer(1, 1 * mm), note, sign, Spacer(1, 1 * mm), *book]))
    return story


def one_sheet_story(data: ReceiptData, sheet: Sheet) -> list[Flowable]:
    """Form 01 on one sheet for the citizen: on A5 two long document names put only the signatures and the book
    lines on a second sheet, so the text is set again half a point smaller until it fits (never below
    SMALLEST_PT). The barcode keeps its true size (its bars are whole pixels at 300 dpi): the page is never
    scaled as a picture. What does not fit even then runs on at the sheet's own size, with page footers."""
    steps = round((sheet.font_size - SMALLEST_PT) / FONT_STEP_PT)
    for size in (sheet.font_size - FONT_STEP_PT * i for i in range(steps + 1)):
        story = receipt_story(data, styles_for(size), sheet.frame_width)
        if fits_one_sheet(story, sheet):
            return story
    return receipt_story(data, styles_for(sheet.font_size), sheet.frame_width)


def render_receipt(data: ReceiptData, paper: Paper = "a5") -> bytes:
    """Form 01 as PDF bytes on A5 (default) or A4."""
    sheet = sheet_for(paper)
    story = one_sheet_story(data, sheet)
    return build_pdf(story, sheet, title=TITLE.capitalize(), footer=f"Mã hồ sơ: {data.dossier_code}")
