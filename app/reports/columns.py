"""The columns of the log book (form 07), declared once for the PDF, the XLSX and the CSV.

Why one list: the three formats must carry the same rows and the same columns in the same order, so a
supervisor can hand any of them to the province. Form 07's columns are not verified (DOMAIN.md): these follow
what one-stop systems print (order, code, procedure, applicant, address/phone, received, due, handed to the
unit, finished, returned, on time/late, recipient's signature, notes). The spreadsheet formats add the
channel and the receiving clerk at the end, for filtering; the paper has no room for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.reports.logbook import CHANNEL_LABELS, LogRow

Kind = Literal["int", "text", "datetime"]
Value = int | str | datetime | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    get: Callable[[LogRow], Value]
    width: float  # relative width on paper; the spreadsheet's character width
    on_paper: bool = True


def on_time_text(row: LogRow) -> str:
    return row.on_time.label() if row.on_time else ""


LOG_COLUMNS: tuple[Column, ...] = (
    Column("STT", "int", lambda r: r.number, 10),  # five digits on one line: a busy month passes 10,000
    Column("Mã hồ sơ", "text", lambda r: r.code, 34),
    Column("Thủ tục hành chính", "text", lambda r: r.procedure_name, 30),
    Column("Người nộp hồ sơ", "text", lambda r: r.applicant_name, 22),
    Column("Địa chỉ, số điện thoại", "text", lambda r: r.address_phone, 24),
    Column("Ngày, giờ tiếp nhận", "datetime", lambda r: r.received_at, 16),
    Column("Ngày, giờ hẹn trả", "datetime", lambda r: r.due_at, 16),
    Column("Chuyển cơ quan giải quyết", "datetime", lambda r: r.handed_at, 16),
    Column("Giải quyết xong", "datetime", lambda r: r.finished_at, 16),
    Column("Trả kết quả", "datetime", lambda r: r.returned_at, 16),
    Column("Đúng hạn / trễ hạn", "text", on_time_text, 18),
    Column("Ký nhận kết quả", "text", lambda r: "", 14),
    Column("Ghi chú", "text", lambda r: r.remark, 18),
    Column("Kênh tiếp nhận", "text", lambda r: CHANNEL_LABELS.get(r.channel, r.channel), 12, on_paper=False),
    Column("Cán bộ tiếp nhận", "text", lambda r: r.received_by, 16, on_paper=False),
)
PAPER_COLUMNS = tuple(c for c in LOG_COLUMNS if c.on_paper)
