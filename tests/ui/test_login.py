"""Signing in, locking with Ctrl+L or after idle time, and getting back to the work exactly as it was."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.ui.actions import ActionKey
from app.ui.main_window import MainWindow
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import press, type_text, wait_idle


def make_window(session: Any, qtbot: Any, font_family: str) -> MainWindow:
    window = MainWindow(session, font_family)
    qtbot.addWidget(window, before_close_func=lambda w: w.intake_page.clear_form())
    window.show()
    return window


def sign_in(window: MainWindow, qtbot: Any, user: str, password: str) -> None:
    page = window.lock_page
    page.username.setFocus()
    type_text(page.username, user)
    press(page.username, Qt.Key.Key_Return)
    type_text(page.password, password)
    press(page.password, Qt.Key.Key_Return)
    wait_idle(qtbot, window.session)


def test_starts_locked_and_signs_in(session: Any, qtbot: Any, font_family: str, clerk: Any) -> None:
    window = make_window(session, qtbot, font_family)
    assert window.locked and not window.command_actions[ActionKey.NEW_DOSSIER].isEnabled()
    assert window.command_actions[ActionKey.QUIT].isEnabled()
    sign_in(window, qtbot, "lan", "sai-mat-khau")
    assert window.locked and "sai tên đăng nhập hoặc mật khẩu" in window.lock_page.error.text()
    window.lock_page.username.clear()
    sign_in(window, qtbot, "lan", "mat-khau-lan")
    assert not window.locked
    assert session.actor.username == "lan" and session.actor.role == "clerk"
    assert "Nguyễn Thị Lan" in window.status.clerk.text()
    assert not window.command_actions[ActionKey.SETTINGS].isEnabled()  # clerks do not change office settings


def test_five_wrong_passwords_lock_the_account_for_a_while(
    session: Any, qtbot: Any, font_family: str, clerk: Any
) -> None:
    window = make_window(session, qtbot, font_family)
    for _ in range(5):
        window.lock_page.username.clear()
        sign_in(window, qtbot, "lan", "sai-mat-khau")
    window.lock_page.username.clear()
    sign_in(window, qtbot, "lan", "mat-khau-lan")
    assert window.locked and "tạm khoá" in window.lock_page.error.text()
    session.clock.advance(seconds=31)
    window.lock_page.username.clear()
    sign_in(window, qtbot, "lan", "mat-khau-lan")
    assert not window.locked


def test_ctrl_l_locks_and_keeps_the_form(session: Any, qtbot: Any, font_family: str) -> None:
    window = make_window(session, qtbot, font_family)
    sign_in(window, qtbot, "admin", ADMIN_PASSWORD)
    window.show_intake()
    window.intake_page.applicant.name.setText("Vũ Thị Thu")
    press(window.intake_page.applicant.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert not window.pages.isVisible()  # nothing of the work shows while locked
    assert window.lock_page.username.text() == "admin"
    type_text(window.lock_page.password, ADMIN_PASSWORD)
    press(window.lock_page.password, Qt.Key.Key_Return)
    wait_idle(qtbot, session)
    assert not window.locked and window.pages.currentWidget() is window.intake_page
    assert window.intake_page.applicant.name.text() == "Vũ Thị Thu"


def test_idle_time_locks(session: Any, qtbot: Any, font_family: str) -> None:
    window = make_window(session, qtbot, font_family)
    sign_in(window, qtbot, "admin", ADMIN_PASSWORD)
    window.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
