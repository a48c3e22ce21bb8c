"""The first start after the upgrade to encryption shows what it is doing while the old store is encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.services.setup import open_store
from app.store import dossiers
from app.ui.encrypt_progress import STEP_TEXT, encrypt_with_progress, needs_encryption
from tests.security.test_encrypt_in_place import legacy  # noqa: F401 - a plain store with a plain backup


def test_an_old_store_is_encrypted_with_words_on_screen(legacy: tuple[Path, list[str]], qapp: QApplication,  # noqa: F811
                                                        qtbot: Any) -> None:
    data, codes = legacy
    assert needs_encryption(data)
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "encryptProgress" and widget.isVisible():
                seen.extend(label.text() for label in widget.findChildren(QLabel))

    spy = QTimer()
    spy.timeout.connect(look)
    spy.start(1)
    try:
        assert encrypt_with_progress(qapp, data, "vi") is True
    finally:
        spy.stop()
    assert STEP_TEXT["start"][0] in seen  # "Đang mã hóa dữ liệu của máy lần đầu … Xin đừng tắt máy…"
    assert not needs_encryption(data) and encrypt_with_progress(qapp, data, "vi") is False  # once only
    store = open_store(data)
    try:
        assert store.encrypted and [dossiers.by_code(store, c)["code"] for c in codes] == codes
    finally:
        store.close()
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "encryptProgress" and w.isVisible()]
