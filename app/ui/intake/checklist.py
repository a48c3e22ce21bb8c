"""The documents table of the intake form, with "add another paper" and its message line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.procedures import Procedure
from app.ui.intake.documents import NAME, DocumentRow, DocumentsModel, rows_for
from app.ui.widgets import FieldError, make


class ChecklistTable(QTableView):
    """A table that never keeps Tab: from a cell or from an open count editor, Tab goes to the next field.

    Qt's item views cycle Tab through their cells (and an editor's Tab opens the next cell's editor), so a
    keyboard-only clerk could never reach the receive button (issue 17).
    """

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        forward = {QAbstractItemDelegate.EndEditHint.EditNextItem: True,
                   QAbstractItemDelegate.EndEditHint.EditPreviousItem: False}.get(hint)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if forward is not None else hint)
        if forward is not None:
            self.focusNextPrevChild(forward)


class DocumentsPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.table = make(ChecklistTable, self, objectName="documentsTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        # Tab leaves the table (issue 17): arrows move between cells, Space ticks, typing edits a count.
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.full_text = make(QLabel, self, objectName="documentFullText", wordWrap=True)
        self.full_text.setStyleSheet("color: #333; background: #f6f8fa; padding: 4px;")
        self.full_text.hide()
        self.table.selectionModel().currentRowChanged.connect(self._show_full_text)
        self.error = FieldError("documents", self)
        self.hint = QLabel(self.tr("Dấu cách: đánh dấu/bỏ đánh dấu; gõ số để sửa số bản."), self)
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)  # never widens the form (the queue dock needs the room at 1366 px)
        self.add_button = make(QPushButton, self.tr("+ Giấy tờ khác"), self, objectName="addDocument")
        self.add_button.clicked.connect(self.add_other)
        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.model.modelReset.connect(self._fit_rows)
        self.model.dataChanged.connect(lambda *_: self._fit_rows())
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.full_text)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    def set_procedure(self, procedure: Procedure | None, channel: str) -> None:
        """Show the procedure's checklist for ``channel``, keeping the clerk's ticks for papers listed again."""
        previous = {r.name: r for r in self.model.rows()}
        rows: list[DocumentRow] = []
        if procedure is not None:
            for row in rows_for(procedure.documents_for(channel), channel):
                rows.append(previous.get(row.name, row))
        self.model.set_rows(rows)
        self.set_error("")
        self.changed.emit()

    def add_other(self) -> None:
        row = self.model.add_row(self.tr("Giấy tờ khác"))
        index = self.model.index(row, NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        self._fit_rows()

    def _show_full_text(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The whole legal text of the row the cursor is on (rows show its head only)."""
        text = self.model.data(self.model.index(current.row(), NAME), Qt.ItemDataRole.ToolTipRole) \
            if current.isValid() else ""
        self.full_text.setText(text or "")
        self.full_text.setVisible(bool(text))

    def set_error(self, message: str) -> None:
        self.error.set_message(message)

    def _fit_rows(self) -> None:
        """Rows as tall as their (shortened) text, at most four lines."""
        self.table.resizeRowsToContents()
        limit = self.fontMetrics().lineSpacing() * 4 + 6
        for row in range(self.model.rowCount()):
            if self.table.rowHeight(row) > limit:
                self.table.setRowHeight(row, limit)
