"""The office recovery key, shown once when the office is set up in the app (as ``motcua init`` prints it).

Why a screen of its own: whoever holds the key can open every backup of the office, and without it a backup
cannot be opened on a new PC after the old one died. So it is shown once, large and selectable, with the printable
sheet (letters and a QR code) to save for the supervisor's drawer; the store marks it shown in the audit log.
"""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.recovery_key import RecoverySheet
from app.ui.widgets import make


class RecoveryKeyDialog(QDialog):
    def __init__(self, sheet: RecoverySheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.setWindowTitle(self.tr("Khóa khôi phục của đơn vị"))
        layout = QVBoxLayout(self)
        layout.addWidget(make(QLabel, self.tr(
            "Ghi lại hoặc in khóa này và cất ở nơi an toàn (tủ của người phụ trách). Khóa chỉ hiện một lần: cần nó "
            "để mở bản sao lưu trên máy mới khi máy này hỏng."), wordWrap=True))
        key = make(QLabel, sheet.key_text, objectName="recoveryKeyText", wordWrap=True)
        font = QFont("DejaVu Sans Mono")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        key.setFont(font)
        key.setTextInteractionFlags(key.textInteractionFlags() | key.textInteractionFlags().TextSelectableByMouse)
        layout.addWidget(key)
        self.saved = make(QLabel, "", objectName="recoverySheetSaved", wordWrap=True)
        layout.addWidget(self.saved)
        save = QPushButton(self.tr("Lưu tờ khóa để in (PDF)…"))
        save.clicked.connect(self._save)
        done = QPushButton(self.tr("Tôi đã cất khóa"))
        done.setDefault(True)
        done.clicked.connect(self.accept)
        layout.addWidget(save)
        layout.addWidget(done)

    def save_to(self, path: str) -> None:
        """Readable by its owner only (POSIX): whoever reads it opens every backup of the office."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            if os.name == "posix":
                os.fchmod(fh.fileno(), 0o600)  # a file it replaces kept its old mode
            fh.write(self.sheet.pdf(datetime.now()))
        self.saved.setText(self.tr("Đã lưu: %1").replace("%1", path))

    def _save(self) -> None:
        title = self.tr("Lưu tờ khóa khôi phục")
        path, _ = QFileDialog.getSaveFileName(self, title, "khoa-khoi-phuc.pdf", "PDF (*.pdf)")
        if path:
            self.save_to(path)

    @classmethod
    def ask(cls, parent: QWidget | None, sheet: RecoverySheet) -> None:
        """Show the key until the user confirms it is put away."""
        cls(sheet, parent).exec()
