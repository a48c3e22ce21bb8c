"""The first start after an upgrade encrypts an old plain store in place: say so on screen while it runs.

Why: on a commune PC a store of several years takes minutes to re-write, before the window can open; with
nothing on screen the clerk thinks the app hung and starts it again (or switches the PC off). The work itself is
:func:`app.store.encrypt.ensure_encrypted`, unchanged, run in a thread while a small window names each step;
``open_store`` then finds nothing left to encrypt.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.store import driver
from app.store.db import DB_FILENAME
from app.store.encrypt import ensure_encrypted
from app.ui.store_opener import STEP_TEXT


def needs_encryption(data_dir: Path) -> bool:
    path = Path(data_dir) / DB_FILENAME
    try:
        return path.is_file() and path.stat().st_size > 0 and driver.is_plaintext(path)
    except OSError:
        return False


def encrypt_with_progress(app: QApplication, data_dir: Path, lang: str) -> bool:
    """Encrypt a plain store in ``data_dir`` with a progress window; True when it did. Errors are raised here, in
    the GUI thread, as ``open_store`` would raise them."""
    if not needs_encryption(data_dir):
        return False
    pick = 1 if lang == "en" else 0
    window = QWidget()
    window.setObjectName("encryptProgress")
    window.setWindowTitle("MotCua")
    window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    label = QLabel(STEP_TEXT["start"][pick], window)
    label.setWordWrap(True)
    label.setMinimumWidth(420)
    bar = QProgressBar(window)
    bar.setRange(0, 0)  # busy: the export cannot say how far it is
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    layout.addWidget(bar)
    window.show()
    step: list[str] = []
    outcome: list[BaseException | bool] = []

    def work() -> None:
        try:
            outcome.append(ensure_encrypted(Path(data_dir), on_step=step.append))
        except BaseException as exc:  # handed to the GUI thread below
            outcome.append(exc)

    worker = threading.Thread(target=work, name="encrypt-store", daemon=True)
    worker.start()
    shown = ""
    while worker.is_alive():
        if step and step[-1] != shown:
            shown = step[-1]
            label.setText(STEP_TEXT.get(shown, STEP_TEXT["start"])[pick])
        app.processEvents()
        time.sleep(0.03)
    window.close()
    window.deleteLater()
    result = outcome[0] if outcome else False
    if isinstance(result, BaseException):
        raise result
    return bool(result)
