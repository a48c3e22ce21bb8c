"""Sets, pages and copies, and the live appointment and fee of the intake form.

Pages appear only for per-page fees (certified copies) and copies only for fees charged per copy, so the
clerk is never asked for a number that changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSpinBox, QWidget

from app.domain.procedures import Procedure
from app.services.calendar_source import load_calendar
from app.services.context import ServiceContext
from app.services.receive import office_hours
from app.ui.fonts import follow_scale
from app.ui.intake.preview import compute_preview
from app.ui.session import AppSession
from app.ui.widgets import FieldError, make


class CostsPanel(QFrame):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._session = session
        self._procedure: Procedure | None = None
        self.channel = "counter"
        self.sets_box = make(QSpinBox, self, objectName="sets", minimum=1, maximum=99, value=1)
        self.pages_box = make(QSpinBox, self, objectName="pages", minimum=0, maximum=10_000, value=0)
        self.pages_box.setSpecialValueText("—")
        self.copies_box = make(QSpinBox, self, objectName="copies", minimum=1, maximum=1000, value=1)
        self.pages_label = QLabel(self.tr("Số trang bản chính"), self)
        self.copies_label = QLabel(self.tr("Số bản sao"), self)
        self.due = make(QLabel, self, objectName="dueText", wordWrap=True)
        follow_scale(self.due, 1.2)
        self.processing = make(QLabel, self, objectName="processingText", wordWrap=True)
        self.fee = make(QLabel, self, objectName="feeText", wordWrap=True)
        follow_scale(self.fee, 1.2)
        self.warning = make(QLabel, self, objectName="calendarWarning", wordWrap=True)
        self.warning.setStyleSheet("color: #7a5200;")
        self.errors = {key: FieldError(key, self) for key in ("sets", "pages", "copies", "fee")}
        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Số bộ hồ sơ"), self), 0, 0)
        grid.addWidget(self.pages_label, 0, 1)
        grid.addWidget(self.copies_label, 0, 2)
        grid.addWidget(self.sets_box, 1, 0)
        grid.addWidget(self.pages_box, 1, 1)
        grid.addWidget(self.copies_box, 1, 2)
        grid.addWidget(self.errors["sets"], 2, 0)
        grid.addWidget(self.errors["pages"], 2, 1)
        grid.addWidget(self.errors["copies"], 2, 2)
        grid.addWidget(QLabel(self.tr("Hẹn trả kết quả:"), self), 3, 0)
        grid.addWidget(self.due, 3, 1, 1, 2)
        grid.addWidget(self.processing, 4, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Phí, lệ phí:"), self), 5, 0)
        grid.addWidget(self.fee, 5, 1, 1, 2)
        grid.addWidget(self.errors["fee"], 6, 0, 1, 3)
        grid.addWidget(self.warning, 7, 0, 1, 3)
        for box in (self.pages_box, self.copies_box):
            box.valueChanged.connect(lambda _v: self.refresh())
        for key, box in (("sets", self.sets_box), ("pages", self.pages_box), ("copies", self.copies_box)):
            box.valueChanged.connect(lambda _v, k=key: self.set_error(k, ""))
        self.reload_rules()

    def inputs(self) -> list[QWidget]:
        return [self.sets_box, self.pages_box, self.copies_box]

    def reload_rules(self) -> None:
        """Read the calendar and opening hours again (after the settings changed)."""
        store = self._session.store
        self._calendar = load_calendar(store)
        self._hours = office_hours(ServiceContext(store=store, data_dir=self._session.data_dir))
        self.refresh()

    def set_procedure(self, procedure: Procedure | None) -> None:
        self._procedure = procedure
        kind = procedure.fee.kind if procedure else ""
        per_page = kind == "per_page"
        per_copy = procedure is not None and procedure.fee.per_copy
        for widget in (self.pages_label, self.pages_box):
            widget.setVisible(per_page)
        for widget in (self.copies_label, self.copies_box):
            widget.setVisible(per_copy)
        self.refresh()

    def set_channel(self, channel: str) -> None:
        if channel != self.channel:
            self.channel = channel
            self.refresh()

    def pages(self) -> int | None:
        return (self.pages_box.value() or None) if self.pages_box.isVisibleTo(self) else None

    def copies(self) -> int:
        return self.copies_box.value() if self.copies_box.isVisibleTo(self) else 1

    def sets(self) -> int:
        return self.sets_box.value()

    def reset_counts(self) -> None:
        self.sets_box.setValue(1)
        self.pages_box.setValue(0)
        self.copies_box.setValue(1)
        for key in self.errors:
            self.set_error(key, "")

    def set_error(self, field: str, message: str) -> None:
        if field in self.errors:
            self.errors[field].set_message(message)

    def refresh(self) -> None:
        lang = self._session.lang
        procedure = self._procedure
        if procedure is None:
            self.due.setText("—")
            self.processing.clear()
            self.fee.setText("—")
            self.warning.clear()
            return
        preview = compute_preview(procedure, self._calendar, self._hours, self.channel, self.pages(),
                                  self.copies(), self._session.clock.now(), lang)
        self.due.setText(f"<b>{preview.due_text}</b>")
        self.processing.setText(self.tr("Thời hạn giải quyết: {text}").format(text=preview.processing_text))
        self.fee.setText(f"<b>{preview.fee_text}</b>")
        self.warning.setText(self.tr("⚠ Lịch nghỉ lễ năm {year} chưa được công bố: ngày hẹn là tạm tính.").format(
            year=preview.due.year) if preview.provisional and preview.due else "")
        self.warning.setVisible(preview.provisional)
