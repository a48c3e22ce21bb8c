"""Typed printing errors, each with a Vietnamese and an English message.

Why: printing happens after the dossier is already received and saved. A jammed printer or a bad field must
never look like a lost dossier, so every failure here is one of two kinds the UI and the CLI can explain
plainly: the input cannot be laid out (:class:`PrintInputError`, fix the data) or the printer is missing or
failing (:class:`PrinterError`, print again later or save as PDF). Both expose ``user_message(lang)`` and
``exit_code``, the hooks ``app.cli.errors.report_error`` looks for.
"""

from __future__ import annotations

from app.domain.text import visible

EXIT_INVALID = 2
EXIT_ENVIRONMENT = 3


class PrintError(Exception):
    """Base class of every failure raised on purpose by ``app.printing``."""

    exit_code = EXIT_ENVIRONMENT

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi = message_vi
        self.message_en = message_en

    def user_message(self, lang: str = "vi") -> str:
        """The message in ``lang`` ("vi" or "en")."""
        return self.message_en if lang == "en" else self.message_vi


# Field key -> (Vietnamese label, English label), so a message names the field the way the clerk knows it.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "dossier_code": ("Mã hồ sơ", "Dossier code"),
    "agency": ("Tên cơ quan", "Agency name"),
    "applicant_name": ("Họ và tên người nộp", "Applicant name"),
    "address": ("Địa chỉ", "Address"),
    "officer": ("Người tiếp nhận", "Receiving officer"),
    "procedure": ("Thủ tục hành chính", "Procedure"),
    "documents": ("Thành phần hồ sơ", "Documents"),
    "document_name": ("Tên giấy tờ", "Document name"),
    "copies": ("Số bản", "Number of copies"),
    "sets": ("Số bộ hồ sơ", "Number of sets"),
    "due_at": ("Thời gian hẹn trả", "Due at"),
    "new_due_at": ("Ngày hẹn trả mới", "New due date"),
    "items": ("Danh sách", "List"),
    "paper": ("Khổ giấy", "Paper"),
    "printer": ("Máy in", "Printer"),
    "reasons": ("Lý do", "Reasons"),
    "ticket_number": ("Số thứ tự", "Ticket number"),
    "service": ("Dịch vụ", "Service"),
    "people_ahead": ("Số người đang chờ", "People ahead"),
    "wait_minutes": ("Thời gian chờ dự kiến", "Estimated wait"),
    "qr_payload": ("Nội dung mã QR", "QR content"),
    "text": ("Nội dung", "Text"),
}


class PrintInputError(PrintError, ValueError):
    """A field of a document cannot be printed as given (empty, too long, not encodable in a barcode)."""

    exit_code = EXIT_INVALID

    def __init__(self, field: str, reason_vi: str, reason_en: str) -> None:
        label_vi, label_en = FIELD_LABELS.get(field, (field, field))
        super().__init__(f"{label_vi}: {reason_vi}", f"{label_en}: {reason_en}")
        self.field = field


class PrinterError(PrintError):
    """The printer is not configured, not reachable or failed while printing. The dossier is unaffected."""

    def __init__(self, printer: str, reason_vi: str, reason_en: str) -> None:
        # "Dữ liệu", not "Hồ sơ": a test page or a queue ticket fails here too, and no dossier is involved there.
        # The name comes from the system or a settings file: an escape in it must not drive the terminal.
        shown = visible(printer)
        super().__init__(
            f"Máy in «{shown}»: {reason_vi}. Dữ liệu vẫn được lưu; có thể in lại sau hoặc lưu thành tệp PDF.",
            f"Printer '{shown}': {reason_en}. Nothing is lost; print again later or save a PDF.",
        )
        self.printer = printer
        self.reason_vi = reason_vi
        self.reason_en = reason_en
