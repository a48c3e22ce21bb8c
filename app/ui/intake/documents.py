"""The documents checklist: the procedure's required papers, ticked as handed in, with counts and pages.

Why editable counts: form 01 prints "name × originals / certified copies / photocopies", and the catalogue's
counts are only the usual case; the clerk corrects them to what is on the counter. Conditional papers
("if any") start unticked, except what a counter dossier always has (the application form, the ID card shown);
papers that are only shown to the officer are marked so. A row shows the head of the legal text so that the
whole list fits; the full text is in the tooltip and under the table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.procedures import RequiredDocument
from app.services.receive import DocumentInput
from app.ui.noop import QT_TRANSLATE_NOOP
from app.ui.table_base import FlatTableModel

Index = QModelIndex | QPersistentModelIndex
NAME, ORIGINALS, CERTIFIED, PHOTOCOPIES, PAGES = range(5)
# Short count headers: a 1366 px screen with the queue open and large text has no room for longer ones.
HEADERS = (
    QT_TRANSLATE_NOOP("Documents", "Giấy tờ đã nhận"),
    QT_TRANSLATE_NOOP("Documents", "Chính"),
    QT_TRANSLATE_NOOP("Documents", "Sao CT"),
    QT_TRANSLATE_NOOP("Documents", "Photo"),
    QT_TRANSLATE_NOOP("Documents", "Trang"),
)
MAX_COUNT = 99


@dataclass(frozen=True)
class DocumentRow:
    name: str
    checked: bool
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    pages: int = 0  # 0: not counted
    note: str = ""  # "(nếu có)", "(xuất trình)"

    def to_input(self) -> DocumentInput:
        return DocumentInput(self.name, self.originals, self.certified_copies, self.photocopies,
                             self.pages or None)


FORM_PREFIXES = ("tờ khai", "đơn đề nghị", "đơn yêu cầu", "phiếu yêu cầu")
SHORT_NAME = 70  # characters of legal text shown in a row; the whole text is under the table and in the tooltip


def is_application_form(name: str) -> bool:
    return name.strip().lower().startswith(FORM_PREFIXES)


def ticked_by_default(d: RequiredDocument, channel: str) -> bool:
    """Mandatory papers; at the counter also the application form (the catalogue marks it "if the citizen files
    in person", which a counter dossier always is) and the ID card the citizen shows (issue 17)."""
    if channel == "counter" and (is_application_form(d.name) or (d.present_only and not d.conditional)):
        return True
    return not (d.conditional or d.present_only)


def rows_for(documents: tuple[RequiredDocument, ...], channel: str = "counter") -> list[DocumentRow]:
    """Checklist rows for a procedure's documents: what the dossier surely has first and ticked, then the rest."""
    rows = []
    for d in documents:
        ticked = ticked_by_default(d, channel)
        note = "(xuất trình)" if d.present_only else "(nếu có)" if d.conditional and not ticked else ""
        rows.append(DocumentRow(d.name, ticked, d.originals, d.copies, 0, 0, note))
    return sorted(rows, key=lambda r: (not r.checked, not is_application_form(r.name)))


def short_name(name: str) -> str:
    """The head of a legal paper's description: up to its first sentence, at most ``SHORT_NAME`` characters,
    with one "…" when something was left out (the whole text is under the table and in the tooltip)."""
    head = name
    for stop in (". ", "; ", ", trường hợp", " trong trường hợp", " (nếu", " theo quy định"):
        cut = head.find(stop)
        if cut >= 12:
            head = head[:cut]
    if len(head) > SHORT_NAME:
        head = head[:SHORT_NAME].rsplit(" ", 1)[0]
    return head if head == name else head.rstrip(" ,;:/") + " …"


class DocumentsModel(FlatTableModel):
    """Checkable name column plus editable whole-number counts."""

    CONTEXT = "Documents"
    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []

    def set_rows(self, rows: list[DocumentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def add_row(self, name: str) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(DocumentRow(name, True, 1))
        self.endInsertRows()
        return position

    def checked_inputs(self) -> tuple[DocumentInput, ...]:
        return tuple(r.to_input() for r in self._rows if r.checked)

    # -- Qt model interface --------------------------------------------------------------------------------
    def _count(self) -> int:
        return len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if index.column() == NAME:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if column == NAME:
            # the note stays Vietnamese: it belongs to the legal text, which is Vietnamese in every language
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{short_name(row.name)} {row.note}".strip()
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{row.name} {row.note}".strip()
            if role == Qt.ItemDataRole.EditRole:
                return row.name
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ForegroundRole and not row.checked:
                return QColor("#666666")
            if role == Qt.ItemDataRole.FontRole and row.note:
                font = QFont()
                font.setItalic(not row.checked)
                return font
            return None
        value = (row.originals, row.certified_copies, row.photocopies, row.pages)[column - 1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value if role == Qt.ItemDataRole.EditRole or value else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = self._rows[index.row()], index.column()
        if column == NAME and role == Qt.ItemDataRole.CheckStateRole:
            updated = replace(row, checked=Qt.CheckState(value) == Qt.CheckState.Checked)
        elif column == NAME and role == Qt.ItemDataRole.EditRole:
            name = " ".join(str(value).split())
            if not name:
                return False
            updated = replace(row, name=name)
        elif column != NAME and role == Qt.ItemDataRole.EditRole:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            limit = 9999 if column == PAGES else MAX_COUNT
            if not 0 <= number <= limit:
                return False
            updated = (replace(row, originals=number) if column == ORIGINALS
                       else replace(row, certified_copies=number) if column == CERTIFIED
                       else replace(row, photocopies=number) if column == PHOTOCOPIES
                       else replace(row, pages=number))
            if number and not row.checked:
                updated = replace(updated, checked=True)  # counting a paper means it was handed in
        else:
            return False
        self._rows[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True
