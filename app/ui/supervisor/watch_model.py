"""The overdue and due-soon lists of the supervisor view: a flat model over the rows the statistics return.

Why a model over a capped list: the lists come already cut to the most urgent 500 rows by
:mod:`app.reports.stats`, so a plain list behind a ``QAbstractTableModel`` is enough (and passes
``qtmodeltester``); the view never fills a widget item by item.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain.status import Status
from app.printing.text import clock
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.table_base import FlatTableModel

Index = QModelIndex | QPersistentModelIndex
KEYS = ("code", "applicant", "phone", "procedure", "due_at", "status", "hours_late")


class WatchListModel(FlatTableModel):
    CONTEXT = "SupervisorView"
    HEADERS: tuple[str, ...] = (
        QT_TRANSLATE_NOOP("SupervisorView", "Mã hồ sơ"), QT_TRANSLATE_NOOP("SupervisorView", "Người nộp"),
        QT_TRANSLATE_NOOP("SupervisorView", "Điện thoại"), QT_TRANSLATE_NOOP("SupervisorView", "Thủ tục"),
        QT_TRANSLATE_NOOP("SupervisorView", "Hẹn trả"), QT_TRANSLATE_NOOP("SupervisorView", "Trạng thái"),
        QT_TRANSLATE_NOOP("SupervisorView", "Số giờ trễ"))

    def __init__(self, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang  # the status column in the window's language (the export's "status" is Vietnamese)
        self.items: list[dict[str, Any]] = []

    def _count(self) -> int:
        return len(self.items)

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()  # the whole list is replaced by a fresh answer, not edited
        self.items = list(items)
        self.endResetModel()

    def code_at(self, row: int) -> str | None:
        return str(self.items[row]["code"]) if 0 <= row < len(self.items) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not (0 <= index.row() < len(self.items) and 0 <= index.column() < len(KEYS)):
            return None
        value = self.items[index.row()][KEYS[index.column()]]
        if KEYS[index.column()] == "due_at" and value:
            return clock(datetime.fromisoformat(value))
        if KEYS[index.column()] == "status" and "status_code" in self.items[index.row()]:
            return Status(self.items[index.row()]["status_code"]).label(self.lang)
        return str(value)


class DueSoonModel(WatchListModel):
    """The due-soon list: nothing is late there yet, so no "hours late" column (issue 17)."""

    HEADERS: tuple[str, ...] = WatchListModel.HEADERS[:-1]
