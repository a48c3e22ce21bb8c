"""The supervisor's queue set-up: services (letter, name, in use), which counter calls which service, options.

One screen and one save (``apply_setup``, one transaction), because these settings only make sense together:
a new service nobody calls, or a counter left calling a service that was switched off, strands citizens.
Names are checked here with the domain's rule, so a mistake is shown next to the table and nothing is lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.queue import MAX_COUNTER, validate_service_name
from app.services.queue_config import QueueSetup, apply_setup
from app.store import tickets
from app.ui.ops import StoreOp
from app.ui.queue.sound_output import choose_output, describe_output
from app.ui.session import AppSession
from app.ui.widgets import FieldError, dialog_buttons, make

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
VOICE_LABELS = (
    ("clips", "Đọc bằng giọng ghi sẵn"),
    ("tts", "Đọc bằng phần mềm đọc (nếu máy có)"),
    ("off", "Chỉ chuông, không đọc"),
)


def _check_item(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _fixed_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


class QueueSetupDialog(QDialog):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueSetupDialog")
        self.setWindowTitle(self.tr("Cấu hình hàng đợi"))
        self.setMinimumSize(760, 640)
        store = session.store

        self.services = QTableWidget(0, 3, self, objectName="servicesTable")
        self.services.setHorizontalHeaderLabels([self.tr("Mã"), self.tr("Tên dịch vụ"), self.tr("Đang dùng")])
        header = self.services.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.services.verticalHeader().hide()
        add_service = QPushButton(self.tr("Thêm dịch vụ"), self, objectName="addService")
        add_service.clicked.connect(lambda: self.add_service(""))

        self.counters = QTableWidget(0, 1, self, objectName="countersTable")
        self.counters.setHorizontalHeaderLabels([self.tr("Quầy")])
        self.counters.horizontalHeader().setMinimumSectionSize(36)
        self.counters.horizontalHeader().setDefaultSectionSize(44)  # 26 letters fit without scrolling
        self.counters.verticalHeader().hide()
        add_counter = QPushButton(self.tr("Thêm quầy"), self, objectName="addCounter")
        add_counter.clicked.connect(lambda: self.add_counter(set()))

        self.recalls = QSpinBox(self, objectName="recalls", minimum=0, maximum=10)
        self.recalls.setValue(int(tickets.get_setting(store, "recalls_before_no_show")))
        self.voice = QComboBox(self, objectName="voice")
        for key, text in VOICE_LABELS:
            self.voice.addItem(self.tr(text), key)
        self.voice.setCurrentIndex(max(0, self.voice.findData(tickets.get_setting(store, "voice"))))
        self.chime = QCheckBox(self.tr("Chuông trước mỗi lần gọi"), self, objectName="chime")
        self.chime.setChecked(bool(tickets.get_setting(store, "chime")))
        vi, en = describe_output(*choose_output())  # a PC without sound says so, before anyone picks a voice
        self.sound_note = make(QLabel, session.t(vi, en), self, objectName="soundNote", wordWrap=True)

        self.error = FieldError("service", self)
        layout = QVBoxLayout(self)
        for title, table, button in (
            (self.tr("Dịch vụ (chữ cái đứng đầu số thứ tự)"), self.services, add_service),
            (self.tr("Quầy gọi những dịch vụ nào"), self.counters, add_counter),
        ):
            box = QGroupBox(title, self)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            inner.addWidget(button)
            layout.addWidget(box, 2)
        form = QFormLayout()
        form.addRow(self.tr("Số lần gọi lại trước khi đánh dấu vắng mặt"), self.recalls)
        form.addRow(self.tr("Màn hình chờ"), self.voice)
        form.addRow("", self.chime)
        form.addRow("", self.sound_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.accept, self.reject))

        for row in tickets.list_services(store, include_inactive=True):
            self.add_service(row["letter"], row["name_vi"], bool(row["active"]))
        for row in tickets.list_counters(store):
            self.add_counter(set(row["letters"]), row["counter"])

    # -- rows and columns ----------------------------------------------------------------------------------
    def letters(self) -> list[str]:
        return [self.services.item(r, 0).text() for r in range(self.services.rowCount())]

    def add_service(self, letter: str, name: str = "", active: bool = True) -> None:
        used = set(self.letters())
        letter = letter or next((x for x in LETTERS if x not in used), "")
        if not letter:
            return
        row = self.services.rowCount()
        self.services.insertRow(row)
        self.services.setItem(row, 0, _fixed_item(letter))
        self.services.setItem(row, 1, QTableWidgetItem(name))
        self.services.setItem(row, 2, _check_item(active))
        column = self.counters.columnCount()
        self.counters.insertColumn(column)
        self.counters.setHorizontalHeaderItem(column, QTableWidgetItem(letter))
        for r in range(self.counters.rowCount()):
            self.counters.setItem(r, column, _check_item(False))
        if not name:
            self.services.editItem(self.services.item(row, 1))

    def add_counter(self, letters: set[str], counter: int | None = None) -> None:
        numbers = [int(self.counters.item(r, 0).text()) for r in range(self.counters.rowCount())]
        counter = counter or (max(numbers, default=0) + 1)
        if counter > MAX_COUNTER:
            return
        row = self.counters.rowCount()
        self.counters.insertRow(row)
        self.counters.setItem(row, 0, _fixed_item(str(counter)))
        for column, letter in enumerate(self.letters(), start=1):
            self.counters.setItem(row, column, _check_item(letter in letters))

    # -- result --------------------------------------------------------------------------------------------
    def setup(self) -> QueueSetup:
        services = tuple(
            (
                self.services.item(r, 0).text(),
                self.services.item(r, 1).text(),
                self.services.item(r, 2).checkState() == Qt.CheckState.Checked,
            )
            for r in range(self.services.rowCount())
        )
        active = {letter for letter, _name, on in services if on}
        counters = {
            int(self.counters.item(r, 0).text()): tuple(
                letter
                for c, letter in enumerate(self.letters(), start=1)
                if letter in active and self.counters.item(r, c).checkState() == Qt.CheckState.Checked
            )
            for r in range(self.counters.rowCount())
        }
        options: dict[str, Any] = {
            "recalls_before_no_show": self.recalls.value(),
            "voice": self.voice.currentData(),
            "chime": self.chime.isChecked(),
        }
        return QueueSetup(services, counters, options)

    def accept(self) -> None:
        for letter, name, _active in self.setup().services:
            try:
                validate_service_name(name)
            except ValidationError as exc:
                self.error.set_message(f"{letter}: {exc.reason_vi}")
                return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, session: AppSession) -> QueueSetup | None:
        dialog = cls(session, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        return dialog.setup() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_queue_setup(parent: QWidget | None, session: AppSession) -> None:
    """Open the set-up (for a supervisor's menu item) and save it through the worker."""
    setup = QueueSetupDialog.ask(parent, session)
    if setup is not None:
        StoreOp(parent, session, lambda ctx: apply_setup(ctx, setup)).run()
