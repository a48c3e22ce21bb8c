"""Issue 17's blocking keyboard points, in the Vietnamese interface with its translation installed.

The translation matters: ``motcua_vi.qm`` renames Qt's own key names, which is what broke Ctrl+Enter there
while it worked in English.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store import dossiers
from tests.ui.conftest import press, type_text, wait_idle


def focused() -> Any:
    return QApplication.focusWidget()


def _fill(page: Any) -> None:
    page.picker.search.setFocus()
    type_text(page.picker.search, "1.001193")
    press(page.picker.search, Qt.Key.Key_Return)
    type_text(focused(), "Nguyễn Văn An")
    page.applicant.id_number.setFocus()
    type_text(page.applicant.id_number, "001190012345")


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_enter_receives_in_vietnamese(vi: None, window: Any, qtbot: Any, session: Any, key: Qt.Key) -> None:
    page = window.intake_page
    press(window, Qt.Key.Key_F2)
    _fill(page)
    press(focused(), key, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)
    assert dossiers.count(session.store) == 1
    assert page.banner.kind == "ok"


def test_shortcuts_parse_whatever_the_translation(vi: None, window: Any) -> None:
    from app.ui.actions import ActionKey

    for key in ActionKey:
        action = window.command_actions[key]
        from app.ui.actions import SPECS

        assert len(action.shortcuts()) == len(SPECS[key].shortcuts)
        assert all(not s.isEmpty() for s in action.shortcuts())


def test_tab_leaves_the_documents_table_and_reaches_receive(vi: None, window: Any) -> None:
    page = window.intake_page
    window.show_intake()
    _fill(page)
    table = page.documents.table
    assert page.documents.model.rowCount() > 1
    table.setFocus()
    table.setCurrentIndex(page.documents.model.index(0, 0))
    press(table, Qt.Key.Key_Tab)
    assert focused() is not table and not table.isAncestorOf(focused())
    table.setFocus()
    press(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is not table and not table.isAncestorOf(focused())
    # typing a count opens an editor in the cell: Tab still leaves the table
    table.setFocus()
    table.setCurrentIndex(page.documents.model.index(0, 1))
    press(table, Qt.Key.Key_2)
    assert table.isAncestorOf(focused())
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is not table and not table.isAncestorOf(focused())
    assert page.documents.model.rows()[0].originals == 2
    # from the table, Tab goes on until the receive button, no mouse needed
    table.setFocus()
    for _ in range(12):
        press(focused(), Qt.Key.Key_Tab)
        if focused() is page.receive_button:
            break
    assert focused() is page.receive_button


def test_ctrl_l_locks_the_supervisor_window_too(vi: None, window: Any, qtbot: Any, session: Any) -> None:
    from app.services.context import Actor
    from app.ui.actions import ActionKey

    window.command_actions[ActionKey.SUPERVISOR].trigger()
    view = window.commands._supervisor
    wait_idle(qtbot, session)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    press(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # pressed in the supervisor window itself
    assert window.locked
    assert not view.isVisible()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not window)
    assert not window.command_actions[ActionKey.SUPERVISOR].isEnabled()
    window.lock_page.unlocked.emit(Actor("admin", "Quản trị viên", "admin"))  # the same person comes back
    assert view.isVisible()
    window.lock()
    window.lock_page.unlocked.emit(Actor("lan", "Nguyễn Thị Lan", "clerk"))  # somebody else signs in
    assert not view.isVisible()
