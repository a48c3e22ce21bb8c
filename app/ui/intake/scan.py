"""Recognising an ID card's QR code typed by a keyboard-mode scanner into whatever field has the focus.

How: the scanner types the card's 12-digit number, then "|", then the other fields, then Enter. The catcher
watches key presses on the form's inputs; when "|" follows at least 12 digits typed in a row, it knows a scan
has started: it puts the field back as it was before those digits, swallows every key up to Enter (or a short
pause), and hands the whole text over. A paste of QR text into a field is caught the same way. So the raw text
never stays in a field, and the clerk never has to move the focus before scanning.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QWidget

from app.domain.cccd import looks_like_cccd_qr
from app.ui.widgets import make

PAUSE_MS = 400  # a scan with no Enter suffix ends after this pause
ID_DIGITS = 12
_QR_IN_TEXT = re.compile(r"\d{12}\|[^\r\n]*")


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QAbstractSpinBox):
        return widget.lineEdit().text() if widget.lineEdit() else None
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return None


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    elif isinstance(widget, QAbstractSpinBox) and widget.lineEdit() is not None:
        widget.lineEdit().setText(text)
        widget.interpretText()
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)


class QrScanCatcher(QObject):
    """Install on every input of the form with :meth:`watch`; emits ``scanned(text)`` once per scan."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digits = ""  # the run of digits typed just now
        self._before: tuple[QWidget, str] | None = None  # the field and its text before that run
        self._buffer: str | None = None  # not None while a scan is being swallowed
        self._timer = make(QTimer, self, singleShot=True, interval=PAUSE_MS, timeout=self._finish)

    @property
    def capturing(self) -> bool:
        return self._buffer is not None

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda text, w=widget: self._check_paste(w, text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QWidget):
            return False
        text = event.text()
        if self._buffer is not None:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._finish()
            else:
                self._buffer += text
                self._timer.start()
            return True
        if text.isdigit() and text.isascii():
            if not self._digits:
                current = _text_of(watched)
                self._before = (watched, current) if current is not None else None
            self._digits += text
            return False
        if text == "|" and len(self._digits) >= ID_DIGITS:
            self._buffer = self._digits[-ID_DIGITS:] + "|"
            if self._before is not None:
                _set_text(*self._before)
            self._digits, self._before = "", None
            self._timer.start()
            return True
        if text:
            self._digits, self._before = "", None
        return False

    def _finish(self) -> None:
        self._timer.stop()
        text, self._buffer = self._buffer, None
        if text:
            self.scanned.emit(text.strip())

    def _check_paste(self, widget: QLineEdit, text: str) -> None:
        """QR text that arrived in one piece (pasted, or an input method) is cut out of the field."""
        if self._buffer is not None or "|" not in text:
            return
        match = _QR_IN_TEXT.search(text)
        if match and looks_like_cccd_qr(match.group(0)):
            widget.blockSignals(True)
            widget.setText(text[:match.start()] + text[match.end():])
            widget.blockSignals(False)
            self._digits, self._before = "", None
            self.scanned.emit(match.group(0).strip())
