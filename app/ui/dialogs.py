"""Small question dialogs, each with one ``ask()`` class method (pytest-qt's advice: tests replace the
dialog's ``ask``, not the world)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain.status import REASON_MAX
from app.ui.widgets import FieldError, dialog_buttons, make


class ReasonDialog(QDialog):
    """Asks for the written reason of a refusal, a supplement request or a stop (printed on the form)."""

    def __init__(self, title: str, prompt: str, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reasonDialog")
        self.setMinimumWidth(520)
        self._required = required
        self.prompt = make(QLabel, prompt, self, wordWrap=True)
        self.text = make(QPlainTextEdit, self, objectName="reasonText")
        self.text.setTabChangesFocus(True)
        self.error = FieldError("reason", self)
        self.buttons = dialog_buttons(self, self.accept, self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.text, self.error, self.buttons):
            layout.addWidget(widget)

    def reason(self) -> str:
        return " ".join(self.text.toPlainText().split(" ")).strip()

    def accept(self) -> None:
        reason = self.reason()
        if self._required and not reason:
            self.error.set_message(self.tr("Phải ghi lý do."))
            self.text.setFocus()
            return
        if len(reason) > REASON_MAX:
            self.error.set_message(self.tr("Lý do dài quá {n} ký tự.").format(n=REASON_MAX))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, required: bool = True) -> str | None:
        """The reason typed, or None if the clerk cancelled."""
        dialog = cls(title, prompt, required, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


class Confirm:
    """A yes/no question."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
