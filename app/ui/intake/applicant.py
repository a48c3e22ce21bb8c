"""The applicant's fields with a message under each one, checked as the clerk leaves the field.

Why check per field: the clerk fixes a mistyped ID number while the card is still on the counter, not after
pressing Receive; the domain's own validators are used, so the message is the one the service would give.
The ID-card QR fills name, number and address here and keeps birth date and sex from the card.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.applicant import normalise_phone, validate_email, validate_name
from app.domain.cccd import CccdQr, validate_cccd
from app.domain.errors import ValidationError
from app.ui.widgets import FieldError, make

INVALID_STYLE = "QLineEdit { border: 2px solid #d33; border-radius: 3px; }"


class ApplicantFields(QWidget):
    changed = Signal()
    qr_cleared = Signal()

    def __init__(self, lang: str, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._today = today
        self.name = make(QLineEdit, self, objectName="applicantName")
        self.id_number = make(QLineEdit, self, objectName="idNumber")
        self.id_number.setPlaceholderText(self.tr("12 chữ số, hoặc quét mã QR trên thẻ căn cước"))
        self.phone = make(QLineEdit, self, objectName="phone")
        self.email = make(QLineEdit, self, objectName="email")
        self.address = make(QLineEdit, self, objectName="address")
        self.channel = make(QComboBox, self, objectName="channel")
        self.channel.addItem(self.tr("Trực tiếp tại quầy"), "counter")
        self.channel.addItem(self.tr("Qua bưu chính công ích"), "post")
        self.qr_info = make(QLabel, self, objectName="qrInfo", wordWrap=True)
        self.qr_info.setStyleSheet("background: #e8f5e9; padding: 4px 8px; border-radius: 3px;")
        self.qr_clear = make(QPushButton, self.tr("Bỏ dữ liệu thẻ"), self, objectName="qrClear")
        self.qr_clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.qr_clear.clicked.connect(self._drop_qr)
        self.errors = {key: FieldError(key, self) for key in
                       ("applicant_name", "id_number", "phone", "email", "address", "channel", "cccd_qr")}
        self._inputs: dict[str, QWidget] = {"applicant_name": self.name, "id_number": self.id_number,
                                            "phone": self.phone, "email": self.email, "address": self.address,
                                            "channel": self.channel}
        self._validators: dict[str, Callable[[str], object]] = {
            "applicant_name": validate_name, "id_number": lambda t: validate_cccd(t, self._today()),
            "phone": normalise_phone, "email": validate_email}
        self._build()
        self._qr: CccdQr | None = None
        self._qr_text = ""
        self._show_qr()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        rows = (
            ((self.tr("Họ và tên *"), "applicant_name"), (self.tr("Số định danh (CCCD) *"), "id_number")),
            ((self.tr("Điện thoại"), "phone"), (self.tr("Thư điện tử"), "email")),
            ((self.tr("Địa chỉ"), "address"), (self.tr("Kênh tiếp nhận"), "channel")),
        )
        for r, pair in enumerate(rows):
            for c, (label_text, key) in enumerate(pair):
                label = QLabel(label_text, self)
                label.setBuddy(self._inputs[key])
                grid.addWidget(label, r * 3, c)
                grid.addWidget(self._inputs[key], r * 3 + 1, c)
                grid.addWidget(self.errors[key], r * 3 + 2, c)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        qr_row = QHBoxLayout()
        qr_row.addWidget(self.qr_info, 1)
        qr_row.addWidget(self.qr_clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(qr_row)
        layout.addWidget(self.errors["cccd_qr"])
        for key, widget in self._inputs.items():
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(lambda k=key: self.check(k))
                widget.textEdited.connect(lambda _t, k=key: self.set_error(k, ""))
                widget.textChanged.connect(lambda _t: self.changed.emit())
        self.channel.currentIndexChanged.connect(lambda _i: self.changed.emit())

    # -- values -------------------------------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        return list(self._inputs.values())

    def widget_for(self, field: str) -> QWidget | None:
        if field in ("birth_date", "sex", "cccd_qr"):
            return self.id_number
        return self._inputs.get(field)

    @property
    def qr_text(self) -> str:
        return self._qr_text

    def set_channels(self, allowed: tuple[str, ...]) -> None:
        """Offer only the channels the procedure may be received through (some are counter-only)."""
        model = self.channel.model()
        for row in range(self.channel.count()):
            item = model.item(row) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(not allowed or self.channel.itemData(row) in allowed)
        if allowed and self.channel_code() not in allowed:
            self.channel.setCurrentIndex(max(0, self.channel.findData(allowed[0])))

    def channel_code(self) -> str:
        return str(self.channel.currentData())

    def is_empty(self) -> bool:
        return not any(w.text().strip() for w in self._inputs.values() if isinstance(w, QLineEdit))

    def clear(self) -> None:
        for widget in self._inputs.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.channel.setCurrentIndex(0)
        self._drop_qr()
        self.clear_errors()

    # -- the ID card's QR -----------------------------------------------------------------------------------
    def fill_from_qr(self, qr: CccdQr, raw: str) -> None:
        self._qr, self._qr_text = qr, raw
        self.name.setText(qr.full_name)
        self.id_number.setText(qr.id_number)
        if qr.address:
            self.address.setText(qr.address)
        for key in ("applicant_name", "id_number", "address", "cccd_qr"):
            self.set_error(key, "")
        self._show_qr()

    def _drop_qr(self) -> None:
        had = self._qr is not None
        self._qr, self._qr_text = None, ""
        self.set_error("cccd_qr", "")
        self._show_qr()
        if had:
            self.qr_cleared.emit()

    def _show_qr(self) -> None:
        qr = self._qr
        self.qr_info.setVisible(qr is not None)
        self.qr_clear.setVisible(qr is not None)
        if qr is not None:
            self.qr_info.setText(self.tr("✓ Đã đọc thẻ căn cước: sinh ngày {birth}, giới tính {sex}").format(
                birth=f"{qr.birth_date:%d/%m/%Y}", sex=qr.sex))

    # -- messages -------------------------------------------------------------------------------------------
    def set_error(self, field: str, message: str) -> None:
        key = "cccd_qr" if field in ("birth_date", "sex") else field
        if key not in self.errors:
            return
        self.errors[key].set_message(message)
        widget = self._inputs.get(key)
        if isinstance(widget, QLineEdit):
            widget.setStyleSheet(INVALID_STYLE if message else "")

    def clear_errors(self) -> None:
        for key in self.errors:
            self.set_error(key, "")

    def check(self, field: str) -> bool:
        """Validate one field now (empty optional fields pass; required ones are checked on Receive)."""
        widget = self._inputs.get(field)
        validator = self._validators.get(field)
        if not isinstance(widget, QLineEdit) or validator is None or not widget.text().strip():
            self.set_error(field, "")
            return True
        try:
            validator(widget.text())
        except ValidationError as exc:
            self.set_error(field, exc.message(self._lang))
            return False
        self.set_error(field, "")
        return True

    def check_all(self) -> list[tuple[str, str]]:
        """Every field at once (issue 17: three saves to find three errors); the name is required.

        Returns (field, message) for each field in error, in the form's order; each message is shown under
        its field."""
        found: list[tuple[str, str]] = []
        for field in ("applicant_name", "id_number", "phone", "email"):
            widget = self._inputs[field]
            if field == "applicant_name" and isinstance(widget, QLineEdit) and not widget.text().strip():
                try:
                    validate_name("")
                except ValidationError as exc:
                    self.set_error(field, exc.message(self._lang))
                    found.append((field, exc.message(self._lang)))
                continue
            if not self.check(field):
                found.append((field, self.errors[field].text()))
        return found
