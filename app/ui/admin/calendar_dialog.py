"""The holiday calendar on a screen: see a year's days off and make-up days, mark or remove a day, import a file.

Why: due dates are counted on this calendar, and until now only ``motcua calendar …`` could change it (issue
17). The edits call :mod:`app.services.calendar_admin` (supervisors only, audited); a provisional year is said
so, because due dates counted on it may move when the government announces the year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.calendar_admin import remove_day, set_day
from app.services.calendar_file import import_calendar_file
from app.services.calendar_source import load_calendar
from app.services.context import ServiceContext
from app.ui.error_form import ErrorForm, no_default_button
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.session import AppSession
from app.ui.widgets import make

KIND_LABELS = {"holiday": QT_TRANSLATE_NOOP("CalendarDialog", "Ngày lễ, Tết (nghỉ)"),
               "compensatory": QT_TRANSLATE_NOOP("CalendarDialog", "Nghỉ bù"),
               "swapped_off": QT_TRANSLATE_NOOP("CalendarDialog", "Nghỉ hoán đổi"),
               "makeup_workday": QT_TRANSLATE_NOOP("CalendarDialog", "Làm bù (đi làm)")}
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


class CalendarDialog(QDialog):
    acted = Signal()

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("calendarDialog")
        self.setWindowTitle(self.tr("Lịch ngày nghỉ, ngày làm bù"))
        self.setMinimumWidth(900)
        today = session.clock.now().date()
        self.year = make(QSpinBox, self, objectName="calendarYear", minimum=2000, maximum=2100, value=today.year)
        self.status = make(QLabel, self, objectName="calendarStatus", wordWrap=True)
        self.table = make(QTableWidget, 0, 4, self, objectName="calendarTable")
        self.table.setHorizontalHeaderLabels([self.tr("Ngày"), self.tr("Thứ"), self.tr("Loại"), self.tr("Tên")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)  # ~8 rows at any text size
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.remove_button = make(QPushButton, self.tr("Bỏ ngày đã chọn"), self, objectName="removeDay")

        self.day = make(QDateEdit, QDate(today.year, today.month, today.day), self, objectName="markDate",
                        calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.kind = make(QComboBox, self, objectName="markKind")
        for key, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), key)
        self.name = make(QLineEdit, self, objectName="markName")
        self.name.setPlaceholderText(self.tr("ví dụ: Nghỉ Tết Nguyên đán"))
        self.mark_button = make(QPushButton, self.tr("Ghi ngày này"), self, objectName="markDay")
        self.mark_form = ErrorForm(session)
        self.mark_form.add("date", self.tr("Ngày"), self.day)
        self.mark_form.add("kind", self.tr("Loại ngày"), self.kind)
        self.mark_form.add("name", self.tr("Tên ngày"), self.name)
        self.mark_form.errors["role"] = self.mark_form.errors["name"]
        self.mark_form.fields["role"] = self.name

        self.path = make(QLineEdit, self, objectName="importPath")
        self.path.setPlaceholderText(self.tr("đường dẫn tệp lịch (holidays.json)"))
        self.browse_button = make(QPushButton, self.tr("Chọn tệp…"), self, objectName="browseCalendar")
        self.import_button = make(QPushButton, self.tr("Nhập lịch từ tệp"), self, objectName="importCalendar")
        self.import_form = ErrorForm(session)
        self.import_form.add("file", self.tr("Tệp lịch đã công bố"), self.path)
        close = make(QPushButton, self.tr("Đóng"), self, objectName="calendarClose")

        top = QHBoxLayout()
        top.addWidget(make(QLabel, self.tr("Năm"), self, buddy=self.year))
        top.addWidget(self.year)
        top.addWidget(self.status, 1)
        mark = QGroupBox(self.tr("Đánh dấu một ngày"), self)
        m = QVBoxLayout(mark)
        m.addLayout(self.mark_form)
        m.addWidget(self.mark_button)
        m.addWidget(self.mark_form.general)
        imp = QGroupBox(self.tr("Nhập lịch đã công bố"), self)
        i = QVBoxLayout(imp)
        i.addLayout(self.import_form)
        row = QHBoxLayout()
        row.addWidget(self.browse_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        i.addLayout(row)
        i.addWidget(self.import_form.general)
        sides = QHBoxLayout()
        sides.addWidget(mark, 1)
        sides.addWidget(imp, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button)
        layout.addLayout(sides)
        layout.addWidget(close)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.remove_button.clicked.connect(self.remove_selected)
        self.mark_button.clicked.connect(self.mark)
        self.name.returnPressed.connect(self.mark)
        self.browse_button.clicked.connect(self.browse)
        self.import_button.clicked.connect(self.import_file)
        self.path.returnPressed.connect(self.import_file)
        close.clicked.connect(self.accept)
        no_default_button(self)
        self.entries: list[date] = []
        self.reload()

    def reload(self) -> None:
        year = self.year.value()
        calendar = load_calendar(self.session.store)
        entries = calendar.entries(year)
        self.entries = [e.day for e in entries]
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            name = e.name_vi + (self.tr(" (tạm tính)") if e.provisional else "")
            for c, text in enumerate((f"{e.day:%d/%m/%Y}", WEEKDAYS[e.day.weekday()],
                                      self.tr(KIND_LABELS.get(str(e.kind), str(e.kind))), name)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if not entries:
            self.status.setText(self.tr("Chưa có ngày nghỉ nào của năm {y} trong lịch.").format(y=year))
        elif calendar.year_status(year) == "provisional":
            self.status.setText(self.tr("⚠ Lịch năm {y} còn tạm tính: hạn trả có thể đổi khi Nhà nước công bố.")
                                .format(y=year))
        else:
            self.status.setText(self.tr("Lịch năm {y} đã công bố: {n} ngày.").format(y=year, n=len(entries)))
        self.remove_button.setEnabled(bool(entries))

    def _run(self, form: ErrorForm, op: Callable[[ServiceContext], object], ok: str) -> None:
        form.run(self, op, ok, self.reload, self.acted.emit)

    def mark(self) -> None:
        q = self.day.date()
        day, kind, name = date(q.year(), q.month(), q.day()), str(self.kind.currentData()), self.name.text()
        self.year.setValue(day.year)
        self._run(self.mark_form, lambda ctx: set_day(ctx, day, kind, name),
                  self.tr("✓ Đã ghi ngày {d}.").format(d=f"{day:%d/%m/%Y}"))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.entries):
            return
        day = self.entries[rows[0].row()]
        self._run(self.mark_form, lambda ctx: remove_day(ctx, day),
                  self.tr("✓ Đã bỏ ngày {d}.").format(d=f"{day:%d/%m/%Y}"))

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp lịch"), "", "JSON (*.json)")
        if path:
            self.path.setText(path)
            self.import_button.setFocus()

    def import_file(self) -> None:
        from pathlib import Path

        text = self.path.text().strip()
        if not text:
            self.import_form.clear()
            self.import_form.errors["file"].set_message(self.tr("Hãy chọn tệp lịch."))
            return
        self._run(self.import_form, lambda ctx: import_calendar_file(ctx, Path(text)),
                  self.tr("✓ Đã nhập các năm có trong tệp {f}; các năm khác giữ nguyên.").format(f=Path(text).name))
