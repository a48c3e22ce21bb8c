"""Typed errors of the domain layer, and the user-facing names of the fields they point at.

Why: DESIGN.md says a rejected input writes nothing and the message names the field and the reason, in
Vietnamese in the UI with English available. Every rule in ``app.domain`` therefore raises
``ValidationError`` carrying the field key and both translations; the UI, the CLI and the sync rejection
list only format it.
"""

from __future__ import annotations

# Field key -> (Vietnamese label, English label); the keys forms, services and the wire format use.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "applicant_name": ("Họ và tên", "Full name"),
    "id_number": ("Số định danh cá nhân (CCCD)", "Personal ID number (CCCD)"),
    "cccd_qr": ("Mã QR căn cước", "ID card QR code"),
    "phone": ("Số điện thoại", "Phone number"),
    "email": ("Thư điện tử", "Email"),
    "address": ("Địa chỉ", "Address"),
    "birth_date": ("Ngày sinh", "Date of birth"),
    "sex": ("Giới tính", "Sex"),
    "procedure": ("Thủ tục hành chính", "Administrative procedure"),
    "code": ("Mã hồ sơ", "Dossier code"),
    "office_code": ("Mã đơn vị", "Unit code"),
    "office_name": ("Tên đơn vị", "Unit name"),
    "status": ("Trạng thái", "Status"),
    "reason": ("Lý do", "Reason"),
    "notes": ("Ghi chú", "Notes"),
    "received_at": ("Thời điểm tiếp nhận", "Received at"),
    "pages": ("Số trang", "Number of pages"),
    "copies": ("Số bản", "Number of copies"),
    "fee": ("Phí, lệ phí", "Fees and charges"),
    "channel": ("Kênh tiếp nhận", "Reception channel"),
    "device_slot": ("Số thứ tự thiết bị", "Device slot"),
    "counter": ("Quầy", "Counter"),
    "username": ("Tên đăng nhập", "User name"),
    "full_name": ("Họ tên người dùng", "User's full name"),
    "password": ("Mật khẩu", "Password"),
    "role": ("Vai trò", "Role"),
    "date": ("Ngày", "Date"),
    "year": ("Năm", "Year"),
    "calendar": ("Lịch ngày nghỉ", "Holiday calendar"),
    "service": ("Dịch vụ", "Service"),
    "ticket": ("Số thứ tự", "Ticket"),
    "device": ("Thiết bị", "Device"),
    "clock": ("Đồng hồ", "Clock"),
    "priority": ("Nhóm ưu tiên", "Priority group"),
    "out": ("Tệp kết quả (--out)", "Output file (--out)"),
    "backup": ("Bản sao lưu", "Backup"),
    "anchors": ("Tệp mốc kiểm tra", "Anchors file"),
    "arguments": ("Tham số dòng lệnh", "Command-line argument"),
    "recovery_key": ("Khóa khôi phục", "Recovery key"),
    "recovery_key_file": ("Tệp khóa khôi phục", "Recovery key file"),
    "export_path": ("Nơi lưu tệp xuất", "Export destination"),
    "document": ("Thành phần hồ sơ", "Document"),
    "documents": ("Giấy tờ đã nhận", "Documents received"),
    "page": ("Trang", "Page"),
    "files": ("Tệp đính kèm", "Attached files"),
    "rotation": ("Góc xoay", "Rotation"),
}


class DomainError(Exception):
    """Base class of every error a domain rule raises on purpose."""


class ValidationError(DomainError):
    """One input broke one rule: which field, and why (Vietnamese for the UI, English for logs and docs)."""

    def __init__(self, field: str, reason_vi: str, reason_en: str) -> None:
        super().__init__(field, reason_vi, reason_en)
        self.field = field
        self.reason_vi = reason_vi
        self.reason_en = reason_en

    def label(self, lang: str = "vi") -> str:
        """The human name of the field in ``lang`` ("vi" or "en"); the raw key when it has no label."""
        labels = FIELD_LABELS.get(self.field)
        if labels is None:
            return self.field
        return labels[1] if lang == "en" else labels[0]

    def message(self, lang: str = "vi") -> str:
        """ "<field label>: <reason>" in Vietnamese (default) or English."""
        reason = self.reason_en if lang == "en" else self.reason_vi
        return f"{self.label(lang)}: {reason}"

    def to_dict(self) -> dict[str, str]:
        """Plain form for the audit log and the sync rejection list."""
        return {"field": self.field, "reason_vi": self.reason_vi, "reason_en": self.reason_en}

    def __str__(self) -> str:
        return self.message("vi")
