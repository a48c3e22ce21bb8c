"""Forms 02–05: the notices sent after reception (supplement request, refusal, apology for delay, stop
notice).

Why one module: the four share one shape (national header, title, who and what, a body of reasons, one
signature) and differ only in their body text, so each form is a short body builder on top of
:func:`notice_pdf`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from app.printing.layout import Styles, field, grid_table, national_header, signature, styles_for, title_block
from app.printing.model import Applicant, Paper
from app.printing.model_notices import DelayApologyData, RefusalData, StopNoticeData, SupplementRequestData
from app.printing.pdfdoc import build_pdf, sheet_for
from app.printing.text import markup, short_date, time_and_date

Notice = SupplementRequestData | RefusalData | DelayApologyData | StopNoticeData

TITLES = {
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
}
OFFICER = "Người tiếp nhận hồ sơ"
HEAD_OF_UNIT = "Đại diện cơ quan, đơn vị"


def notice_pdf(form: str, data: Notice, body: Sequence[Flowable], role: str, paper: Paper) -> bytes:
    """Header, title, ``body`` and the officer's signature under ``role``, on ``paper``."""
    sheet = sheet_for(paper)
    st = styles_for(sheet.font_size)
    width = sheet.frame_width
    story = [national_header(data.agency, data.issued_at, st, width), *title_block(TITLES[form], st), *body]
    story.append(KeepTogether([Spacer(1, st.body.fontSize), signature(role, data.officer, st, width)]))
    footer = f"Mã hồ sơ: {data.dossier_code}" if data.dossier_code else ""
    return build_pdf(story, sheet, title=TITLES[form].capitalize(), footer=footer)


def applicant_block(applicant: Applicant, st: Styles) -> list[Flowable]:
    """Who the notice is for: name, address and how to reach them."""
    out = [field("Ông/Bà", applicant.name, st), field("Địa chỉ", applicant.address, st)]
    contact = " – ".join(part for part in (applicant.phone, applicant.email) if part)
    if contact:
        out.append(field("Số điện thoại, email", contact, st))
    return out


def letter_opening(data: DelayApologyData | StopNoticeData, st: Styles, extra: str = "") -> list[Flowable]:
    """ "Kính gửi: …" and "Ngày …, <agency> tiếp nhận hồ sơ của Ông/Bà về …, mã hồ sơ …." (+ ``extra`` markup)."""
    received = (
        f"Ngày {short_date(data.received_at)}, {markup(data.agency.name)} tiếp nhận hồ sơ của Ông/Bà về "
        f"{markup(data.procedure.name)}, mã hồ sơ <b>{markup(data.dossier_code)}</b>.{extra}"
    )
    return [Paragraph(f"<b>Kính gửi:</b> Ông/Bà {markup(data.applicant.name)}", st.body), Paragraph(received, st.body)]


def supplement_request(data: SupplementRequestData, paper: Paper = "a5") -> bytes:
    """Form 02: the papers still needed, each with its reason, and whom to ask."""
    st, width = styles_for(sheet_for(paper).font_size), sheet_for(paper).frame_width
    rows: list[list[object]] = [[Paragraph(t, st.head) for t in ("TT", "Giấy tờ cần bổ sung, hoàn thiện", "Lý do")]]
    for n, item in enumerate(data.items, 1):
        rows.append([str(n), Paragraph(markup(item.name), st.cell), Paragraph(markup(item.reason), st.cell)])
    helpdesk = data.helpdesk or data.agency.hotline
    whom = f"số điện thoại <b>{markup(helpdesk)}</b>" if helpdesk else "Bộ phận Một cửa"
    body: list[Flowable] = [
        Paragraph(f"{markup(data.agency.name)} đã tiếp nhận hồ sơ của:", st.body),
        *applicant_block(data.applicant, st),
        field("Nội dung yêu cầu giải quyết", data.procedure.name, st),
        field("Mã hồ sơ", f"{data.dossier_code}, tiếp nhận lúc {time_and_date(data.received_at)}", st),
        Paragraph("Sau khi xem xét, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", st.body),
        grid_table(rows, [8 * mm, width * 0.55 - 8 * mm, width * 0.45], st),
        Spacer(1, st.body.fontSize * 0.5),
        Paragraph(
            f"Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ {whom} để được hướng dẫn.", st.body
        ),
    ]
    return notice_pdf("02", data, body, OFFICER, paper)


def refusal(data: RefusalData, paper: Paper = "a5") -> bytes:
    """Form 03: the dossier is refused, with the reasons numbered."""
    st = styles_for(sheet_for(paper).font_size)
    body: list[Flowable] = [
        Paragraph(f"{markup(data.agency.name)} tiếp nhận hồ sơ của:", st.body),
        *applicant_block(data.applicant, st),
        field("Đề nghị giải quyết", data.procedure.name, st),
    ]
    if data.dossier_code:
        body.append(field("Mã hồ sơ", data.dossier_code, st))
    body.append(
        Paragraph(
            "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, cơ quan, đơn vị từ chối tiếp nhận hồ sơ này "
            "vì những lý do sau:",
            st.body,
        )
    )
    body += [Paragraph(f"{n}. {markup(reason)}", st.body) for n, reason in enumerate(data.reasons, 1)]
    body.append(Paragraph("Xin thông báo để Ông/Bà được biết và thực hiện.", st.body))
    return notice_pdf("03", data, body, OFFICER, paper)


def delay_apology(data: DelayApologyData, paper: Paper = "a5") -> bytes:
    """Form 04: apology for the delay, its cause and unit, and the new appointment."""
    st = styles_for(sheet_for(paper).font_size)
    body: list[Flowable] = [
        *letter_opening(data, st, f" Thời gian hẹn trả kết quả: {time_and_date(data.original_due)}."),
        Paragraph(
            f"Tuy nhiên đến nay, {markup(data.responsible_unit)} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà "
            f"đúng hẹn. Lý do: {markup(data.reason)}",
            st.body,
        ),
        Paragraph(
            f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {markup(data.agency.name)} trân trọng xin lỗi Ông/Bà và đề "
            f"nghị gia hạn thời gian giải quyết; kết quả sẽ được trả vào <b>{time_and_date(data.new_due)}</b>.",
            st.body,
        ),
        Paragraph("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà.", st.body),
    ]
    return notice_pdf("04", data, body, HEAD_OF_UNIT, paper)


def stop_notice(data: StopNoticeData, paper: Paper = "a5") -> bytes:
    """Form 05: processing is stopped, why and on what legal basis."""
    st = styles_for(sheet_for(paper).font_size)
    body: list[Flowable] = [
        *letter_opening(data, st),
        Paragraph("Cơ quan, đơn vị thông báo dừng giải quyết hồ sơ nêu trên.", st.body),
        field("Lý do", data.reason, st),
    ]
    if data.legal_basis:
        body.append(field("Căn cứ", data.legal_basis, st))
    body.append(Paragraph("Xin thông báo để Ông/Bà được biết.", st.body))
    return notice_pdf("05", data, body, HEAD_OF_UNIT, paper)
