"""Hostile intake in the real window: text pasted with invisible characters, Ctrl+Enter pressed twice.

The address and the notes are checked by the receiving service, not under their fields while typing; a pasted
zero-width space or terminal escape must come back as a message naming the field and the character by its code
point, with the form kept and nothing stored, and the cursor on the field to fix. Ctrl+Enter twice before the
worker answers must store one dossier.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.conftest import press, type_text, wait_idle


def _fill(window: Any) -> Any:
    page = window.intake_page
    press(window, Qt.Key.Key_F2)
    type_text(page.picker.search, "dang ky khai sinh")
    press(page.picker.search, Qt.Key.Key_Return)
    type_text(page.applicant.name, "Nguyễn Thị Hồng Đào")
    type_text(page.applicant.id_number, "001190012345")
    return page


def _paste(widget: QLineEdit, text: str) -> None:
    QApplication.clipboard().setText(text)
    widget.setFocus()
    press(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _count(session: Any) -> int:
    return int(session.store.scalar("SELECT COUNT(*) FROM dossiers"))


def test_a_pasted_invisible_character_is_named_and_the_form_kept(window: Any, qtbot: Any, session: Any) -> None:
    page = _fill(window)
    _paste(page.applicant.address, "Thôn 1,\u200b xã Mẫu Sơn")
    press(page.applicant.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)
    assert _count(session) == 0
    assert page.banner.kind == "error" and "Địa chỉ" in page.banner.label.text()
    assert "U+200B" in page.banner.label.text()
    assert QApplication.focusWidget() is page.applicant.address
    assert page.applicant.name.text() == "Nguyễn Thị Hồng Đào"  # nothing the clerk typed is lost

    page.applicant.address.clear()
    _paste(page.notes, "hẹn\x1b[31m chiều")
    press(page.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)
    assert _count(session) == 0 and "Ghi chú" in page.banner.label.text() and "U+001B" in page.banner.label.text()
    assert QApplication.focusWidget() is page.notes


def test_pasted_tabs_and_line_breaks_are_received_once_on_two_ctrl_enters(window: Any, qtbot: Any,
                                                                          session: Any) -> None:
    page = _fill(window)
    _paste(page.applicant.address, "Thôn 1,\txã Mẫu Sơn")
    press(page.applicant.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    press(page.applicant.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page.receive_button.click()
    wait_idle(qtbot, session)
    rows = session.store.query("SELECT address FROM dossiers")
    assert [r["address"] for r in rows] == ["Thôn 1, xã Mẫu Sơn"]
