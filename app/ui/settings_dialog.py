"""The office settings dialog: office, counter, printers, server, language, text size, hours, idle lock.

``ask()`` returns only what the supervisor changed (or None); the caller stores it through the worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.settings_update import validate
from app.ui.fonts import SCALES
from app.ui.session import AppSession
from app.ui.widgets import FieldError, dialog_buttons, make

PRINTED_FORMS = ("receipt", "form02", "form03", "form05", "form06")
PDF_CHOICE = ""


def printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:  # pragma: no cover - QtPrintSupport ships with PySide6-Essentials
        return []
    return list(QPrinterInfo.availablePrinterNames())


def route_printers(current: dict[str, Any], printer: str) -> dict[str, Any]:
    """The printers setting with the office forms routed to ``printer`` (or to PDF files when empty).

    Unchanged routing gives back ``current`` itself, so an untouched dialog changes nothing.
    """
    if all(current.get("routes", {}).get(form, "") == printer for form in PRINTED_FORMS):
        return current
    data: dict[str, Any] = {"printers": list(current.get("printers", [])), "routes": dict(current.get("routes", {}))}
    if "pdf_dir" in current:
        data["pdf_dir"] = current["pdf_dir"]
    for form in PRINTED_FORMS:
        data["routes"].pop(form, None)
    if printer:
        if not any(p.get("name") == printer for p in data["printers"]):
            data["printers"].append({"name": printer, "backend": "system", "address": printer, "paper": "a5"})
        for form in PRINTED_FORMS:
            data["routes"][form] = printer
    return data


class SettingsDialog(QDialog):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Cài đặt"))
        self.setMinimumWidth(560)
        self._session = session
        s = session.setting
        self.original: dict[str, Any] = {key: s(key) for key in (
            "office_name", "agency_name", "office_address", "counter", "device_slot", "server_url", "language",
            "font_scale", "open_time", "close_time", "idle_lock_minutes", "printers")}
        o = self.original
        self.office_code = QLabel(str(s("office_code")), self)
        self.office_name = make(QLineEdit, o["office_name"], self, objectName="set_office_name")
        self.agency_name = make(QLineEdit, o["agency_name"], self, objectName="set_agency_name")
        self.office_address = make(QLineEdit, o["office_address"], self, objectName="set_office_address")
        self.counter = make(QSpinBox, self, minimum=1, maximum=99, value=int(o["counter"]), objectName="set_counter")
        self.slot = make(QSpinBox, self, minimum=0, maximum=9, value=int(o["device_slot"]), objectName="set_slot")
        self.server_url = make(QLineEdit, o["server_url"], self, objectName="set_server_url")
        self.server_url.setPlaceholderText("https://motcua.tinh.gov.vn")
        admin = session.actor is not None and session.actor.role == "admin"
        self.slot.setEnabled(admin)
        self.server_url.setEnabled(admin)
        self.language = make(QComboBox, self, objectName="set_language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(o["language"])))
        self.font_scale = make(QComboBox, self, objectName="set_font_scale")
        for scale, label in SCALES:
            self.font_scale.addItem(self.tr(label), scale)
        self.font_scale.setCurrentIndex(max(0, self.font_scale.findData(float(o["font_scale"]))))
        self.open_time = make(QTimeEdit, QTime.fromString(o["open_time"], "HH:mm"), self, displayFormat="HH:mm")
        self.close_time = make(QTimeEdit, QTime.fromString(o["close_time"], "HH:mm"), self, displayFormat="HH:mm")
        self.idle = make(QSpinBox, self, minimum=0, maximum=240, value=int(o["idle_lock_minutes"]),
                         objectName="set_idle")
        self.idle.setSpecialValueText(self.tr("Không tự khóa"))
        self.idle.setSuffix(self.tr(" phút"))
        self.printer = make(QComboBox, self, objectName="set_printer")
        self.printer.addItem(self.tr("Không in, lưu tệp PDF"), PDF_CHOICE)
        for name in printer_names():
            self.printer.addItem(name, name)
        routed = dict(o["printers"] or {}).get("routes", {}).get("receipt", "")
        self.printer.setCurrentIndex(max(0, self.printer.findData(routed)))

        form = QFormLayout()
        form.addRow(self.tr("Mã đơn vị"), self.office_code)
        form.addRow(self.tr("Tên đơn vị"), self.office_name)
        form.addRow(self.tr("Cơ quan chủ quản (in trên biểu mẫu)"), self.agency_name)
        form.addRow(self.tr("Địa chỉ trả kết quả"), self.office_address)
        form.addRow(self.tr("Số quầy"), self.counter)
        form.addRow(self.tr("Khe thiết bị (số hồ sơ)"), self.slot)
        form.addRow(self.tr("Máy chủ trung tâm"), self.server_url)
        form.addRow(self.tr("Máy in biểu mẫu"), self.printer)
        form.addRow(self.tr("Ngôn ngữ"), self.language)
        form.addRow(self.tr("Cỡ chữ"), self.font_scale)
        form.addRow(self.tr("Giờ mở cửa"), self.open_time)
        form.addRow(self.tr("Giờ đóng cửa"), self.close_time)
        form.addRow(self.tr("Tự khóa sau"), self.idle)
        self.error = FieldError("settings", self)
        buttons = dialog_buttons(self, self.accept, self.reject, QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "office_name": self.office_name.text(), "agency_name": self.agency_name.text(),
            "office_address": self.office_address.text(), "counter": self.counter.value(),
            "device_slot": self.slot.value(), "server_url": self.server_url.text().strip(),
            "language": self.language.currentData(), "font_scale": float(self.font_scale.currentData()),
            "open_time": self.open_time.time().toString("HH:mm"),
            "close_time": self.close_time.time().toString("HH:mm"), "idle_lock_minutes": self.idle.value(),
            "printers": route_printers(dict(self.original["printers"] or {}), self.printer.currentData()),
        }

    def changed_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if self.original.get(k) != v}

    def accept(self) -> None:
        try:
            validate(self.changed_values())
        except ValidationError as exc:
            self.error.set_message(exc.message(self._session.lang))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, session: AppSession) -> dict[str, Any] | None:
        """The settings the supervisor changed, or None when cancelled or nothing changed."""
        dialog = cls(session, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changed_values() or None
