"""The Qt part of ``motcua selftest``: lives in app/ui because only the UI layer may import PySide6."""

from __future__ import annotations

import os


def qt_check(sample_text: str) -> str:
    """Start a QApplication on the offscreen platform and load the modules the app uses."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import __version__ as pyside_version
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["motcua-selftest"])
    label = QLabel(sample_text)
    label.adjustSize()
    QPrinter()
    return f"PySide6 {pyside_version}, platform {QApplication.platformName()}, {type(app).__name__} started"
