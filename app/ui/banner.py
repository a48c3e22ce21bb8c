"""A message strip at the top of a page: what just happened, in words, with the next useful buttons.

Why not a pop-up: a receipt must not wait for the clerk to dismiss a box, and a failed write must leave the form
in front of the clerk, with the reason above it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.widgets import make

Action = Callable[[], object]

STYLES = {
    "ok": "QFrame#banner { background: #dcf5e3; border: 1px solid #8cc9a0; border-radius: 4px; }",
    "error": "QFrame#banner { background: #fde0dc; border: 1px solid #e59a92; border-radius: 4px; }",
    "info": "QFrame#banner { background: #eef4ff; border: 1px solid #b7c9ef; border-radius: 4px; }",
    "warn": "QFrame#banner { background: #fff4d6; border: 1px solid #e0b84f; border-radius: 4px; }",
}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = make(QLabel, self, objectName="bannerText", wordWrap=True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str,
                     buttons: tuple[tuple[str, Action], ...] = ()) -> None:
        """Show ``text`` styled as ``kind`` ("ok", "error", "info") with optional (label, action) buttons."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for label, action in buttons:
            button = QPushButton(label, self)
            button.clicked.connect(action)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.kind = kind
        self.setStyleSheet(STYLES.get(kind, STYLES["info"]))
        self.label.setText(text)
        self.show()

    def add_button(self, label: str, action: Action) -> QPushButton:
        button = QPushButton(label, self)
        button.clicked.connect(action)
        self._layout.addWidget(button)
        self._buttons.append(button)
        return button

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()
