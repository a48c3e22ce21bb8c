"""The table of citizens waiting for a counter's services, in the order they will be called.

A plain list model: a counter's line is at most a few hundred rows, re-read in one indexed query when the
queue changes, so the row-id/fetch-on-demand design of the dossier list would buy nothing here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.queue import PRIORITY_GROUPS
from app.services.queue import Ticket

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Số", "Dịch vụ", "Ưu tiên", "Đã chờ")


class WaitingModel(QAbstractTableModel):
    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang  # priority group names come from the domain in both languages
        self._rows: list[Ticket] = []
        self._now: datetime | None = None

    def set_tickets(self, rows: list[Ticket], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def ticket(self, row: int) -> Ticket | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return t.number
            if column == 1:
                return t.letter
            if column == 2:
                return PRIORITY_GROUPS[t.priority_group][self._lang == "en"] if t.priority else ""
            if column == 3 and self._now is not None:
                minutes = int((self._now - datetime.fromisoformat(t.arrival_at)).total_seconds() // 60)
                return self.tr("{m} phút").format(m=max(0, minutes))
        if role == Qt.ItemDataRole.UserRole:
            return t.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 2:
            return Qt.AlignmentFlag.AlignCenter
        return None
