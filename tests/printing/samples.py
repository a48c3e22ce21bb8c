"""Realistic input records shared by the printing tests and the benchmark.

Each builder returns a default record with keyword arguments replacing fields (``dataclasses.replace`` runs the
record's checks again, so a test can build invalid input the same way).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from app.printing.model import (
    Agency,
    Applicant,
    DocumentLine,
    HandoverData,
    HandoverItem,
    Procedure,
    ReceiptData,
    TicketData,
)
from app.printing.model_notices import (
    ControlSheetData,
    DelayApologyData,
    Handoff,
    MissingDocument,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
)

CODE = "000.00.12.H62-261121-0004"
RECEIVED = datetime(2026, 11, 21, 8, 30)
DUE = datetime(2026, 11, 28, 15, 0)
ISSUED = datetime(2026, 11, 24, 9, 15)
OFFICER = "Trần Văn Bình"

AGENCY = Agency(
    name="Trung tâm Phục vụ hành chính công xã Hòa An",
    code="000.00.12.H62",
    parent="Ủy ban nhân dân xã Hòa An",
    place="Hòa An",
    hotline="0236 3 812 345",
)
APPLICANT = Applicant(
    name="Nguyễn Thị Ngọc Hường",
    address="Số 12 kiệt 34 đường Trường Chinh, thôn Phước Lý, xã Hòa An, thành phố Đà Nẵng",
    phone="0905 123 456",
    email="ngochuong@example.vn",
    id_number="048186001234",
)
PROCEDURE = Procedure(code="1.001193", name="Đăng ký khai sinh")
DOCUMENTS = (
    DocumentLine("Tờ khai đăng ký khai sinh theo mẫu", originals=1),
    DocumentLine("Giấy chứng sinh", originals=1),
    DocumentLine("Giấy tờ tùy thân của người đi đăng ký", photocopies=1),
    DocumentLine("Giấy chứng nhận kết hôn của cha mẹ", certified_copies=1),
)
DOSSIER: dict[str, Any] = {"agency": AGENCY, "dossier_code": CODE, "applicant": APPLICANT, "procedure": PROCEDURE}

RECEIPT = ReceiptData(
    **DOSSIER,
    documents=DOCUMENTS,
    received_at=RECEIVED,
    officer=OFFICER,
    processing_time="03 ngày làm việc",
    due_at=DUE,
    collect_at="Bộ phận Một cửa, Trung tâm Phục vụ hành chính công xã Hòa An",
    fee="Miễn lệ phí",
)
TICKET = TicketData(
    office="Trung tâm Phục vụ hành chính công xã Hòa An",
    service_letter="A",
    service_name="Hộ tịch, chứng thực",
    number="A012",
    issued_at=RECEIVED,
    people_ahead=5,
    wait_minutes=15,
    qr_payload="https://motcua.example.vn/q/A012",
)
SUPPLEMENT = SupplementRequestData(
    **DOSSIER,
    received_at=RECEIVED,
    items=(
        MissingDocument("Giấy chứng sinh", "Bản đã nộp bị mờ, không đọc được họ tên người mẹ"),
        MissingDocument("Giấy chứng nhận kết hôn của cha mẹ", "Cần bản sao có chứng thực"),
    ),
    officer=OFFICER,
    issued_at=ISSUED,
)
REFUSAL = RefusalData(
    agency=AGENCY,
    applicant=APPLICANT,
    procedure=Procedure(code="1.000656", name="Đăng ký kết hôn"),
    reasons=("Một bên đang có vợ hoặc chồng theo quy định tại Luật Hôn nhân và gia đình",),
    officer=OFFICER,
    issued_at=ISSUED,
)
DELAY = DelayApologyData(
    **DOSSIER,
    received_at=RECEIVED,
    original_due=DUE,
    new_due=datetime(2026, 12, 2, 15, 0),
    reason="Cần xác minh thông tin nơi cư trú của người mẹ tại địa phương khác",
    responsible_unit="Công chức Tư pháp - Hộ tịch xã Hòa An",
    officer="Lê Thị Mai",
    issued_at=datetime(2026, 11, 27, 16, 0),
)
STOP = StopNoticeData(
    **DOSSIER,
    received_at=RECEIVED,
    reason="Người nộp hồ sơ có đơn đề nghị rút hồ sơ ngày 25/11/2026",
    officer="Lê Thị Mai",
    issued_at=datetime(2026, 11, 25, 10, 0),
    legal_basis="Điều 20 Nghị định số 118/2025/NĐ-CP",
)
CONTROL = ControlSheetData(
    **DOSSIER,
    received_at=RECEIVED,
    documents=DOCUMENTS,
    officer=OFFICER,
    processing_time="03 ngày làm việc",
    due_at=DUE,
    handoffs=(
        Handoff("Bộ phận Một cửa", "Công chức Tư pháp - Hộ tịch", datetime(2026, 11, 21, 10, 0)),
        Handoff("Công chức Tư pháp - Hộ tịch", "Lãnh đạo UBND xã", datetime(2026, 11, 24, 14, 0), "Đúng hạn"),
    ),
)


# Builders: the default record, with keyword arguments replacing fields.
receipt = partial(replace, RECEIPT)
ticket = partial(replace, TICKET)
supplement_request = partial(replace, SUPPLEMENT)
refusal = partial(replace, REFUSAL)
delay_apology = partial(replace, DELAY)
stop_notice = partial(replace, STOP)
control_sheet = partial(replace, CONTROL)


def handover(count: int = 3, **changes: Any) -> HandoverData:
    """A post-office batch of ``count`` dossiers; codes end in 0001, 0002, ..."""
    names = ("Phạm Văn Đức", "Võ Thị Thu Hằng", "Đặng Quốc Huy", "Lý Thị Ánh Nguyệt")
    items = tuple(
        HandoverItem(
            dossier_code=f"000.00.12.H62-261121-{n:04d}",
            applicant_name=names[n % len(names)],
            procedure_name="Chứng thực bản sao từ bản chính" if n % 2 else "Đăng ký khai sinh",
            sets=1 + n % 2,
            fee="4.000 đồng" if n % 2 else "Miễn",
            note="Gửi trả kết quả qua bưu điện" if n == 2 else "",
        )
        for n in range(1, count + 1)
    )
    batch = HandoverData(
        sender="Bưu điện văn hóa xã Hòa An",
        receiver=AGENCY,
        handed_at=datetime(2026, 11, 21, 16, 30),
        items=items,
        batch_code="BĐ-261121-01",
        seal_number="NP 004512",
        giver_name="Hồ Thị Lan",
        receiver_name=OFFICER,
    )
    return replace(batch, **changes)
