"""Form 06, "Phiếu kiểm soát quá trình giải quyết hồ sơ": the sheet that travels with the dossier between
units.

Why: each unit that takes the dossier signs a row with the time, so a late dossier shows where it waited.
Blank rows are printed for hand-overs that have not happened yet, and the dossier's barcode lets each desk
open it by scanning.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.printing.form01 import code_block
from app.printing.layout import (
    Styles,
    documents_table,
    field,
    grid_table,
    headed_table,
    national_header,
    plain_table,
    styles_for,
    title_block,
)
from app.printing.model import Paper
from app.printing.model_notices import ControlSheetData, Handoff
from app.printing.pdfdoc import build_pdf, sheet_for
from app.printing.text import markup, time_and_date

TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
MIN_ROWS = 3  # hand-over rows printed even when fewer are known, to be filled in by hand


def handoff_table(handoffs: tuple[Handoff, ...], st: Styles, width: float) -> Table:
    """Unit (giver → receiver) | time and both signatures | result | note; one row per hand-over."""
    heads = ("Tên cơ quan, đơn vị", "Thời gian giao, nhận hồ sơ", "Kết quả (trước, đúng, quá hạn)", "Ghi chú")
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in heads]]
    blanks = (Handoff(),) * max(0, MIN_ROWS - len(handoffs))
    for n, h in enumerate((*handoffs, *blanks), 1):
        units = Paragraph(f"{n}. Giao: {markup(h.giver) or '…'}<br/>Nhận: {markup(h.receiver) or '…'}", st.cell)
        when = time_and_date(h.at) if h.at else "… giờ … phút, ngày …/…/……"
        signs = plain_table(
            [["Người giao", "Người nhận"]],
            [width * 0.19] * 2,
            ("FONT", (0, 0), (-1, -1), st.cell.fontName, st.cell.fontSize - 1),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        )
        cell = [Paragraph(when, st.cell), signs, Spacer(1, 8 * mm)]
        rows.append([units, cell, Paragraph(markup(h.result), st.cell), Paragraph(markup(h.note), st.cell)])
    table = grid_table(rows, [width * 0.3, width * 0.38, width * 0.17, width * 0.15], st)
    table.setStyle([("VALIGN", (0, 1), (-1, -1), "TOP")])
    return table


def control_sheet_story(data: ControlSheetData, st: Styles, width: float) -> list[Flowable]:
    """The flowables of form 06, top to bottom."""
    due = time_and_date(data.due_at) if data.due_at else "…"
    return [
        national_header(data.agency, data.received_at, st, width),
        *title_block(TITLE, st),
        code_block(data.dossier_code, st, width, bar_height_mm=8.0),
        field("Nội dung yêu cầu giải quyết", data.procedure.name, st),
        field("Người nộp hồ sơ", data.applicant.name, st),
        field(
            "Địa chỉ, số điện thoại",
            " – ".join(p for p in (data.applicant.address, data.applicant.phone) if p),
            st,
        ),
        field("Thời gian nhận hồ sơ", time_and_date(data.received_at), st),
        field("Thời gian giải quyết theo quy định", data.processing_time, st),
        field("Thời gian hẹn trả kết quả", due, st),
        field("Người tiếp nhận hồ sơ", data.officer, st),
        *headed_table(Paragraph("<b>Thành phần hồ sơ:</b>", st.body), documents_table(data.documents, st, width),
                      width),
        Spacer(1, 2 * mm),
        *headed_table(Paragraph("<b>Quá trình giải quyết hồ sơ:</b>", st.body),
                      handoff_table(data.handoffs, st, width), width),
    ]


def control_sheet(data: ControlSheetData, paper: Paper = "a5") -> bytes:
    """Form 06 as PDF bytes."""
    sheet = sheet_for(paper)
    story = control_sheet_story(data, styles_for(sheet.font_size), sheet.frame_width)
    return build_pdf(story, sheet, title=TITLE.capitalize(), footer=f"Mã hồ sơ: {data.dossier_code}")
