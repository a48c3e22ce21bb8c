"""Scanning the documents of the dossier just received, from the intake screen, without leaving the keyboard.

The intake form is being reworked on its own, so it is not edited here: this module listens to its ``received``
signal and adds one shortcut (Ctrl+F8, next to the queue's F-keys) that opens the scanned-pages window of the last
dossier received; there F8 scans the next page into the selected document.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.ui.attachments.panel import PagesPanel
from app.ui.session import AppSession

OPEN_KEY = "Ctrl+F8"


class PagesDialog(QDialog):
    def __init__(self, session: AppSession, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagesDialog")
        self.setWindowTitle(self.tr("Trang đã quét — {code}").format(code=code))
        self.resize(900, 560)
        self.panel = PagesPanel(session, code, self)
        QVBoxLayout(self).addWidget(self.panel)


class IntakePages(QObject):
    """Remembers the last dossier the intake page received and opens its pages on Ctrl+F8."""

    def __init__(self, page: QWidget, session: AppSession) -> None:
        super().__init__(page)
        self.page = page
        self.session = session
        self.last_code: str | None = None
        self.dialog: PagesDialog | None = None
        page.received.connect(self._remember)  # type: ignore[attr-defined]
        self.shortcut = QShortcut(QKeySequence(OPEN_KEY), page, self.open)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _remember(self, code: str) -> None:
        self.last_code = code

    def open(self) -> PagesDialog | None:
        if self.last_code is None:
            return None
        self.dialog = PagesDialog(self.session, self.last_code, self.page)
        self.dialog.show()
        return self.dialog


def attach_pages_shortcut(page: QWidget, session: AppSession) -> IntakePages:
    return IntakePages(page, session)
