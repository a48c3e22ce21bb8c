"""The first start after the upgrade to encryption shows what it is doing while the old store is encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.services.setup import open_store
from app.store import dossiers
from app.ui.encrypt_progress import STEP_TEXT, encrypt_with_progress, needs_encryption
from tests.security.test_encrypt_in_place import legacy  # noqa: F401 - a plain store with a plain backup


class _ShownText(QObject):
    """Collects the progress window's words each time it is shown or painted: events the window must get to be
    seen at all, so nothing depends on a timer firing in time."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Paint) and isinstance(obj, QWidget):
            window = obj.window()
            if window.objectName() == "encryptProgress":
                self.seen.extend(label.text() for label in window.findChildren(QLabel))
        return False


def test_an_old_store_is_encrypted_with_words_on_screen(legacy: tuple[Path, list[str]], qapp: QApplication,  # noqa: F811
                                                        qtbot: Any) -> None:
    data, codes = legacy
    assert needs_encryption(data)
    spy = _ShownText()  # what the window says when it is shown or painted (a 1 ms timer missed it under load)
    qapp.installEventFilter(spy)
    try:
        assert encrypt_with_progress(qapp, data, "vi") is True
    finally:
        qapp.removeEventFilter(spy)
    seen = spy.seen
    assert STEP_TEXT["start"][0] in seen  # "Đang mã hóa dữ liệu của máy lần đầu … Xin đừng tắt máy…"
    assert not needs_encryption(data) and encrypt_with_progress(qapp, data, "vi") is False  # once only
    store = open_store(data)
    try:
        assert store.encrypted and [dossiers.by_code(store, c)["code"] for c in codes] == codes
    finally:
        store.close()
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "encryptProgress" and w.isVisible()]
