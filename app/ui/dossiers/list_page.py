"""The dossier list page: quick filters, status and procedure choices, search as you type, and the table.

A keyboard-mode barcode scanner types the receipt's dossier code and Enter: if the text is the code of a
stored dossier, the page asks for it to be opened. Typing while the table has focus goes to the search box,
so a scan works wherever the focus is on this page.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.numbers import grouped
from app.domain.status import Status
from app.services import ui_support
from app.services.changes import Changes
from app.store import catalog, dossiers
from app.ui.dossiers.filters import LABELS, QuickFilter, list_filter
from app.ui.dossiers.list_model import DossierTableModel
from app.ui.flow import FlowLayout
from app.ui.session import AppSession
from app.ui.widgets import FieldError, make

SEARCH_DELAY_MS = 40  # coalesces a burst of keys (a scanner types ~100 characters a second)
SEARCH_PAGE = 500
CODE_SHAPE = re.compile(r"^[0-9A-Z.]+-\d{6}-\d{4}$", re.IGNORECASE)
UNIT_CODE_START = re.compile(r"^\d{3}\.\d")  # "000.00.12.H62-…": the unit code part of a dossier code
WORD = re.compile(r"\w+")
# What each column must show in full (the procedure column takes the rest of the width).
COLUMN_SAMPLES = ("000.00.12.H62-261120-0008", "Nguyễn Thị Hồng Đào", "", "20/11/2026 12:05", "20/11/2026 12:05",
                  "Đã trả kết quả", "✓ Xong trễ hạn")
# narrowed when room runs out, before the procedure disappears: the code (cut on its left, where every code of
# the office repeats the same unit prefix), the name, the status; never the dates nor the on-time badge
GIVING_COLUMNS = (0, 1, 5)


class CodeDelegate(QStyledItemDelegate):
    """Dossier codes cut on the left: "…261120-0008" still tells the dossiers apart."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class DossierListPage(QWidget):
    open_requested = Signal(str)  # a dossier code

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = DossierTableModel(session.store, session.clock.now(), session.lang, self)
        self._timer = make(QTimer, self, singleShot=True, interval=SEARCH_DELAY_MS,
                             timeout=lambda: self.refresh(typing=True))
        self._build()
        self._load_procedures()

    # -- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = make(QLineEdit, self, objectName="dossierSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Tìm theo mã hồ sơ, họ tên, số định danh, điện thoại, thủ tục… "
                                               "(quét mã vạch giấy tiếp nhận để mở hồ sơ)"))
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._on_enter)
        self.message = FieldError("list", self)

        self.quick = make(QButtonGroup, self, exclusive=True)
        filters = FlowLayout()  # wraps in large text beside the queue panel instead of widening the window
        for i, key in enumerate(QuickFilter):
            button = make(QPushButton, QCoreApplication.translate("Filters", LABELS[key]), self, checkable=True)
            button.setObjectName(f"filter_{key.value}")
            self.quick.addButton(button, i)
            filters.addWidget(button)
        self.quick.button(0).setChecked(True)
        self.quick.idClicked.connect(lambda _id: self.refresh())
        choices = QHBoxLayout()  # beside the search box: the filter row stays narrow enough for the queue dock
        self.status_box = make(QComboBox, self, objectName="statusFilter")
        self.status_box.addItem(self.tr("Mọi trạng thái"), None)
        for status in Status:
            self.status_box.addItem(f"{int(status)}. {status.label(self._session.lang)}", int(status))
        self.status_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.procedure_box = make(QComboBox, self, objectName="procedureFilter")
        for box in (self.status_box, self.procedure_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)
        self.procedure_box.currentIndexChanged.connect(lambda _i: self.refresh())
        choices.addWidget(self.search, 1)
        choices.addWidget(self.status_box)
        choices.addWidget(self.procedure_box)

        self.table = make(QTableView, self, objectName="dossierTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(0, CodeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.count_label = make(QLabel, self, objectName="listCount")

        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.message)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _fit_columns(self) -> None:
        """Column widths and row height from the text they hold, so the large-text mode keeps every column."""
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        header = self.table.horizontalHeader()
        widths = {c: metrics.horizontalAdvance(s) + 24 for c, s in enumerate(COLUMN_SAMPLES) if s}
        # the procedure column (stretched) keeps room for a name: in large text on 1366 px the fixed columns
        # took it all (issue 17); see GIVING_COLUMNS
        room = self.width() - 60 - metrics.horizontalAdvance("Thủ tục đăng ký khai sinh")
        give = {c: w for c, w in widths.items() if c in GIVING_COLUMNS}
        excess = sum(widths.values()) - room
        if room > 0 and give and excess > 0:
            factor = max(0.55, 1 - excess / sum(give.values()))
            widths.update({c: int(w * factor) for c, w in give.items()})
        for column, width in widths.items():
            header.resizeSection(column, width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _load_procedures(self) -> None:
        current = self.procedure_box.currentData()
        self.procedure_box.blockSignals(True)
        self.procedure_box.clear()
        self.procedure_box.addItem(self.tr("Mọi thủ tục"), None)
        for row in catalog.list_rows(self._session.store):
            self.procedure_box.addItem(f"{row['code']} — {row['name_vi']}", row["code"])
        self.procedure_box.setCurrentIndex(max(0, self.procedure_box.findData(current)))
        self.procedure_box.blockSignals(False)

    # -- queries ----------------------------------------------------------------------------------------
    def quick_filter(self) -> QuickFilter:
        return list(QuickFilter)[max(0, self.quick.checkedId())]

    def set_quick_filter(self, key: QuickFilter) -> None:
        self.quick.button(list(QuickFilter).index(key)).setChecked(True)
        self.refresh()

    def current_filter(self) -> dossiers.ListFilter:
        return list_filter(self.quick_filter(), self._session.clock.now(), self.status_box.currentData(),
                           self.procedure_box.currentData())

    def refresh(self, typing: bool = False) -> None:
        """Run the current filter and search again (keeps the selected dossier selected when still listed).

        While the clerk is typing (``typing``) the query is :func:`as_you_type`'s; Enter searches the whole text.
        """
        self._timer.stop()
        selected = self._selected_code()
        text = as_you_type(self.search.text()) if typing else self.search.text().strip()
        store = self._session.store
        flt = self.current_filter()
        if text and self.quick_filter() is QuickFilter.TODAY:
            # a citizen back for a result was received on another day: "today" is where the list starts, not a
            # limit on searches (issue 17); filters the clerk chose on purpose still apply
            flt = list_filter(QuickFilter.ALL, self._session.clock.now(), self.status_box.currentData(),
                              self.procedure_box.currentData())
        if text:
            self.model.set_query(lambda limit: ui_support.search_filtered(store, text, flt, limit),
                                 self._session.clock.now(), page=SEARCH_PAGE)
        else:
            self.model.set_query(lambda limit: dossiers.list_seqs(store, flt, limit=limit), self._session.clock.now())
        self._show_count(flt, bool(text))
        if not text:
            self.message.set_message("")
        if selected:
            self._select_code(selected)

    def _show_count(self, flt: dossiers.ListFilter, searching: bool) -> None:
        n = grouped(self.model.rowCount())
        if searching and self.model.partial and not self.model.has_more:
            text = self.tr("{n} hồ sơ khớp trong các hồ sơ mới nhất; hồ sơ cũ hơn chưa được xét (gõ thêm để thu hẹp)"
                           ).format(n=n)
        elif not self.model.has_more:
            text = self.tr("{n} hồ sơ").format(n=n)
        elif searching:
            text = self.tr("{n} hồ sơ mới nhất khớp (gõ thêm để thu hẹp)").format(n=n)
        elif flt == dossiers.ListFilter():
            total = grouped(dossiers.count(self._session.store))
            text = self.tr("{n} hồ sơ mới nhất trong {total} (cuộn xuống cuối để xem thêm)").format(n=n, total=total)
        else:
            text = self.tr("{n} hồ sơ mới nhất (cuộn xuống cuối để xem thêm)").format(n=n)
        self.count_label.setText(text)

    def stop(self) -> None:
        """The window is closing: no search may run on a store about to close."""
        self._timer.stop()

    def apply_changes(self, changes: Changes) -> None:
        """A write happened: re-query for new dossiers, re-read rows in place for changed ones."""
        if changes.catalog:
            self._load_procedures()
        if changes.dossier_created:
            self.refresh()
        elif changes.dossier_ids:
            self.model.refresh_dossiers(changes.dossier_ids, self._session.clock.now())

    # -- opening a dossier ----------------------------------------------------------------------------------
    def _on_enter(self) -> None:
        text = self.search.text().strip()
        code = ui_support.find_code(self._session.store, text)
        if code is None and not CODE_SHAPE.match(text):
            self.refresh()
            if self.model.rowCount() == 1:
                code = self.model.code_at(0)
        if code is None:
            if CODE_SHAPE.match(text):
                self.message.set_message(self.tr("Không có hồ sơ mã {code} trong máy này.").format(
                    code=text.upper()))
            return
        self.message.set_message("")
        self.search.selectAll()  # the next scan replaces this one
        self.open_requested.emit(code)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.code_at(index.row()))

    def _selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.code_at(rows[0].row()) if rows else None

    def _select_code(self, code: str) -> None:
        for row in range(min(self.model.rowCount(), 200)):
            if self.model.code_at(row) == code:
                self.table.selectRow(row)
                return

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Printable keys typed on the table go to the search box (type-to-search, scanner anywhere)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None and key_event.text().isprintable() and key_event.text().strip() \
                    and not key_event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
                self.search.setFocus()
                self.search.insert(key_event.text())
                return True
        return super().eventFilter(watched, event)


def as_you_type(text: str) -> str:
    """The part of a half-typed search worth running on a big store.

    A last word of one character is left out (a one-letter prefix matches most dossiers and costs a full index
    scan; the next letter narrows it anyway), and so is the unit code in front of a dossier code, which every
    dossier of the office shares: "000.00.12.H62-2611" searches "2611".
    """
    text = text.strip()
    if UNIT_CODE_START.match(text):
        text = text.partition("-")[2]
    words = WORD.findall(text)
    if words and len(words[-1]) < 2:
        words = words[:-1]
    return " ".join(words)
