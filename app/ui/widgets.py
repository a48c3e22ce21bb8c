"""Small building blocks shared by the pages and dialogs: the red message line and the dialog buttons.

Why shared: every message about bad input must look the same everywhere (red, under what it is about, hidden
while there is nothing to say), so clerks learn to look in one place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

ERROR_STYLE = "color: #a4161a;"


class FieldError(QLabel):
    """A one-line message under a field; empty and hidden while the field is fine."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=f"error_{name}", wordWrap=True)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def dialog_buttons(parent: QWidget, accept: Callable[[], None], reject: Callable[[], None],
                   ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """OK (or ``ok``) and Cancel wired to ``accept``/``reject``."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, parent)
    buttons.accepted.connect(accept)
    buttons.rejected.connect(reject)
    return buttons
