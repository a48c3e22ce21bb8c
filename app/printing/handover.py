"""The post-office hand-over list (bảng kê giao nhận hồ sơ): one sealed batch of dossiers signed over to the
commune.

Why one barcode per row: the receiving clerk scans each dossier in the batch against the list instead of
typing 25-character codes, and a missing or extra dossier shows at once. A4, because the list grows with the
batch and each row carries a full-size Code128 (see :mod:`app.printing.barcodes` for why it is never scaled
down).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.printing.barcodes import code128_flowable
from app.printing.layout import (
    Styles,
    field,
    grid_table,
    national_header,
    signatures,
    styles_for,
    title_block,
)
from app.printing.model import Agency, HandoverData
from app.printing.pdfdoc import build_pdf, sheet_for
from app.printing.text import markup, time_and_date

TITLE = "BẢNG KÊ GIAO NHẬN HỒ SƠ"


def items_table(data: HandoverData, st: Styles, width: float) -> Flowable:
    """STT | dossier code (barcode, and the code as text) | applicant | procedure (and note) | sets | fee.

    The code is printed as text under the bars (not only as the barcode's own picture), so a person can read
    and check it and the PDF's text (search, copy, pdftotext) holds it.
    """
    heads = ("STT", "Mã hồ sơ", "Người nộp hồ sơ", "Thủ tục hành chính", "Số bộ", "Phí, lệ phí đã thu")
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in heads]]
    for n, item in enumerate(data.items, 1):
        procedure = markup(item.procedure_name) + (f"<br/><i>Ghi chú: {markup(item.note)}</i>" if item.note else "")
        rows.append(
            [
                str(n),
                [
                    code128_flowable(item.dossier_code, bar_height_mm=8.0, font_size=0),
                    Paragraph(f"<b>{markup(item.dossier_code)}</b>", st.centre),
                ],
                Paragraph(markup(item.applicant_name), st.cell),
                Paragraph(procedure, st.cell),
                str(item.sets),
                Paragraph(markup(item.fee), st.cell),
            ]
        )
    barcode = 82 * mm
    rest = width - 9 * mm - barcode - 11 * mm
    table = grid_table(rows, [9 * mm, barcode, rest * 0.3, rest * 0.4, 11 * mm, rest * 0.3], st)
    table.setStyle([("ALIGN", (4, 1), (4, -1), "CENTER"), ("TOPPADDING", (1, 1), (1, -1), 3)])
    return table


def handover_story(data: HandoverData, st: Styles, width: float) -> list[Flowable]:
    """The flowables of the hand-over list, top to bottom."""
    sender = Agency(name=data.sender, place=data.receiver.place)
    batch = " – ".join(
        part
        for part in (
            f"Lô số: {data.batch_code}" if data.batch_code else "",
            f"Số niêm phong: {data.seal_number}" if data.seal_number else "",
        )
        if part
    )
    total_sets = sum(item.sets for item in data.items)
    return [
        national_header(sender, data.handed_at, st, width),
        *title_block(TITLE, st, batch),
        field("Bên giao", data.sender, st),
        field("Bên nhận", data.receiver.name, st),
        field("Thời gian giao", time_and_date(data.handed_at), st),
        Spacer(1, 1 * mm),
        items_table(data, st, width),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>Tổng cộng:</b> {len(data.items)} hồ sơ, {total_sets} bộ.", st.body),
        KeepTogether(
            [
                Spacer(1, 2 * mm),
                signatures(
                    ("Người giao (nhân viên bưu điện)", data.giver_name),
                    ("Người nhận (Bộ phận Một cửa)", data.receiver_name),
                    st,
                    width,
                ),
            ]
        ),
    ]


def render_handover(data: HandoverData) -> bytes:
    """The hand-over list as A4 PDF bytes."""
    sheet = sheet_for("a4")
    story = handover_story(data, styles_for(sheet.font_size), sheet.frame_width)
    footer = f"{TITLE.capitalize()} {data.batch_code}".strip()
    return build_pdf(story, sheet, title=TITLE.capitalize(), footer=footer)
