"""The supplement request dialog: the papers still needed, one per line, and the reason (both printed on form 02).

Why its own dialog rather than the one-box reason dialog: the clerk typed one document per line but the move's
reason is stored as one line, so form 02 printed them merged and left "Lý do" empty. Here the documents and the
reason are separate fields, and :mod:`app.domain.supplement` writes them into the stored reason so that form 02
prints one row per document with the reason beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain import supplement
from app.domain.status import REASON_MAX
from app.ui.widgets import FieldError, dialog_buttons, make


class SupplementDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("supplementDialog")
        self.setMinimumWidth(560)
        documents_label = make(QLabel, self.tr("Giấy tờ cần bổ sung, hoàn thiện (mỗi giấy tờ một dòng):"), self,
                               wordWrap=True)
        self.documents = make(QPlainTextEdit, self, objectName="supplementDocuments")
        self.documents.setTabChangesFocus(True)
        documents_label.setBuddy(self.documents)
        self.documents_error = FieldError("documents", self)
        reason_label = make(QLabel, self.tr("Lý do (in ở cột “Lý do” của phiếu mẫu 02):"), self, wordWrap=True)
        self.reason = make(QLineEdit, self, objectName="supplementReason")
        self.reason.setPlaceholderText(self.tr("ví dụ: bản chụp không rõ nét, cần nộp bản sao có chứng thực"))
        reason_label.setBuddy(self.reason)
        self.reason_error = FieldError("reason", self)
        self.buttons = dialog_buttons(self, self.accept, self.reject)
        layout = QVBoxLayout(self)
        for widget in (documents_label, self.documents, self.documents_error, reason_label, self.reason,
                       self.reason_error, self.buttons):
            layout.addWidget(widget)

    def lines(self) -> list[str]:
        return [line for line in self.documents.toPlainText().splitlines() if line.strip()]

    def text(self) -> str:
        """The stored reason: ``"doc 1; doc 2 | Lý do: why"``."""
        return supplement.encode(self.lines(), self.reason.text())

    def accept(self) -> None:
        missing_documents, missing_reason = not self.lines(), not self.reason.text().strip()
        self.documents_error.set_message(self.tr("Phải ghi ít nhất một giấy tờ.") if missing_documents else "")
        self.reason_error.set_message(self.tr("Phải ghi lý do.") if missing_reason else "")
        if not missing_documents and not missing_reason and len(self.text()) > REASON_MAX:
            self.reason_error.set_message(self.tr("Nội dung dài quá {n} ký tự.").format(n=REASON_MAX))
            return
        if missing_documents or missing_reason:
            (self.documents if missing_documents else self.reason).setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> str | None:
        """The encoded request, or None if the clerk cancelled."""
        dialog = cls(title, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
