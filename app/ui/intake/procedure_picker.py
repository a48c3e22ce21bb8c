"""Choosing the procedure by typing: accent-insensitive, by name or code, most-used first.

Why a list under a search box rather than a combo box: clerks type "khai sinh" or "khai sinh" without
accents, or the code "1.001193", and pick with the arrow keys and Enter; Qt's completer matches only exact
characters (Vietnamese tone marks defeat it), so filtering folds both sides with :func:`app.domain.text.fold`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.domain.text import fold
from app.ui.widgets import make

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLD_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class ProcedureListModel(QAbstractListModel):
    """The catalogue's active procedures in the order the store gives (most used first)."""

    def __init__(self, rows: list[dict[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._folded = [fold(f"{r['code']} {r['name_vi']} {r.get('name_en') or ''}") for r in rows]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._folded = [fold(f"{r['code']} {r['name_vi']} {r.get('name_en') or ''}") for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument idiom
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row['name_vi']}  ·  {row['code']}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row['code']} — {row['name_vi']} ({row.get('sector_vi') or ''})"
        if role == CODE_ROLE:
            return row["code"]
        if role == FOLD_ROLE:
            return self._folded[index.row()]
        return None

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["code"] == code), -1)


class FoldFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose folded text contains every folded word typed (in any order).

    With text typed, the rows where the words appear together come first, then the shorter names (the
    clerk who types "dang ky khai sinh" means the birth registration, not the longer procedure that contains
    it); with nothing typed, the source order (most used first) stands.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._phrase = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self._phrase = " ".join(self._words)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.sort(0 if self._words else -1)

    def _rank(self, index: Index) -> tuple[int, int]:
        key = str(index.data(FOLD_ROLE) or "")
        return (0 if self._phrase in key else 1, len(key))

    def lessThan(self, left: Index, right: Index) -> bool:
        ranks = self._rank(left), self._rank(right)
        return ranks[0] < ranks[1] if ranks[0] != ranks[1] else left.row() < right.row()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        key = self.sourceModel().index(source_row, 0, source_parent).data(FOLD_ROLE) or ""
        return all(word in key for word in self._words)


class ProcedurePicker(QWidget):
    """A search box over the procedure list; Enter or a click chooses. Emits ``chosen(code)``."""

    chosen = Signal(str)

    def __init__(self, rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = ProcedureListModel(rows, self)
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(self.source)
        self.search = make(QLineEdit, self, objectName="procedureSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Gõ tên hoặc mã thủ tục (không cần dấu), ↑↓ để chọn, Enter"))
        self.list = make(QListView, self, objectName="procedureList")
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list.setMinimumHeight(self.fontMetrics().height() * 6)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.selected = make(QLabel, self, objectName="procedureChosen", wordWrap=True)
        self.selected.setStyleSheet("font-weight: bold;")
        self._code = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.selected)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.choose_current)
        self.search.installEventFilter(self)
        self.list.clicked.connect(self._choose_index)
        self.list.activated.connect(self._choose_index)
        self._filter("")

    @property
    def code(self) -> str:
        return self._code

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def choose_current(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        self._choose_index(index)

    def _choose_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.set_code(str(index.data(CODE_ROLE)))
            self.chosen.emit(self._code)

    def set_code(self, code: str, label: str = "") -> None:
        """Mark ``code`` as chosen (without emitting); an empty code clears the choice."""
        self._code = code
        row = self.source.row_of(code) if code else -1
        if row >= 0:
            source_index = self.source.index(row, 0)
            self.list.setCurrentIndex(self.proxy.mapFromSource(source_index))
            self.selected.setText("✓ " + (label or str(source_index.data(Qt.ItemDataRole.ToolTipRole))))
        else:
            self.selected.setText(self.tr("Chưa chọn thủ tục"))

    def reset(self) -> None:
        self.search.clear()
        self.set_code("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the search box move through the list without leaving the box."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}.get(
                Qt.Key(event.key()))
            if step is not None and self.proxy.rowCount():
                row = max(0, min(self.proxy.rowCount() - 1, self.list.currentIndex().row() + step))
                self.list.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return super().eventFilter(watched, event)
