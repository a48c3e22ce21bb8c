"""A clerk's whole dossier by keyboard alone, in the Vietnamese interface (issue 17): sign in, take a ticket
call, receive, print, search, change status, return the result, lock. Only key events: no mouse event is sent,
and no command is called directly — what the test does is what a clerk's fingers can do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.status import Status
from app.services.queue import issue_ticket
from app.store import dossiers
from tests.ui.conftest import press, type_text, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier




def focused() -> Any:
    return QApplication.focusWidget()


def tab_to(found: Callable[[QWidget], bool], within: QWidget | None = None, limit: int = 60) -> Any:
    """Press Tab until the focused widget is the one wanted (as a clerk would), failing after ``limit``.

    ``within``: follow that window's own focus widget — the keys go to it whether or not the offscreen platform
    still counts it as the active window (on a loaded machine activation can lag behind)."""
    def current() -> Any:
        return within.focusWidget() if within is not None else focused()

    for _ in range(limit):
        if current() is not None and found(current()):
            return current()
        press(current(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; stuck at {current()!r} in {QApplication.activeWindow()!r}")


def test_login_to_returned_result_by_keyboard(vi: None, session: Any, qtbot: Any, font_family: str, ctx: Any,
                                              clerk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.main_window import MainWindow

    monkeypatch.setattr("app.ui.dialogs.Confirm.ask", classmethod(lambda cls, *a: True))  # "Có" on Enter
    window = MainWindow(session, font_family)
    qtbot.addWidget(window, before_close_func=lambda w: w.intake_page.clear_form())
    window.resize(1366, 740)
    window.show()
    qtbot.waitUntil(lambda: focused() is window.lock_page.username, timeout=15_000)

    # sign in as the clerk (not the admin: the receipt must carry her name)
    type_text(focused(), "lan")
    press(focused(), Qt.Key.Key_Return)
    type_text(focused(), "mat-khau-lan")
    with qtbot.waitSignal(window.ready, timeout=15_000):
        press(focused(), Qt.Key.Key_Return)
    # the lock page hands the keyboard to the working page; the offscreen platform may do so late
    qtbot.waitUntil(lambda: focused() is not None and window.isAncestorOf(focused()), timeout=15_000)

    # a citizen took ticket A001 at the kiosk; F6 calls it and the intake form gets ready
    issue_ticket(ctx, "A")
    with qtbot.waitSignal(window.queue.ticket_called, timeout=15_000):
        press(focused(), Qt.Key.Key_F6)
    wait_idle(qtbot, session)
    page = window.intake_page
    assert window.pages.currentWidget() is page and "A001" in page.banner.label.text()
    press(focused(), Qt.Key.Key_F2)
    assert focused() is page.picker.search

    # receive: procedure, person, the documents table passed with Tab, Ctrl+Enter
    type_text(focused(), "khai sinh")
    press(focused(), Qt.Key.Key_Return)
    type_text(focused(), "Vàng Thị Mỷ")
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "002190012345")
    tab_to(lambda w: w is page.documents.table)
    press(focused(), Qt.Key.Key_Down)
    press(focused(), Qt.Key.Key_Tab)  # leaves the table
    assert not page.documents.table.isAncestorOf(focused()) and focused() is not page.documents.table
    press(focused(), Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, session)
    [row] = session.store.query("SELECT code, received_by, status FROM dossiers")
    assert row["received_by"] == "lan" and page.banner.kind == "ok"
    qtbot.waitUntil(lambda: any((session.data_dir / "printouts").glob("receipt-*.pdf")), timeout=15_000)

    # later: the result is back. Find the dossier from the list, open it with Enter
    press(focused(), Qt.Key.Key_F3)
    press(focused(), Qt.Key.Key_F, CTRL)
    assert focused() is window.list_page.search
    type_text(focused(), "vang thi my")
    with qtbot.waitSignal(window.list_page.open_requested, timeout=15_000):
        press(focused(), Qt.Key.Key_Return)
    dialog = window.commands._dialogs[-1]
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isAncestorOf(focused()), timeout=15_000)

    # status by keyboard: processing, processed, returned (each button reached with Tab, pressed with Space)
    for target in (Status.PROCESSING, Status.PROCESSED, Status.RETURNED):
        # the dialog redraws its moves when the store tells it (a queued signal): wait for this move's button,
        # enabled, before looking for it with Tab — under load the redraw comes after the status is stored
        qtbot.waitUntil(lambda t=target: (b := dialog.move_buttons.get(t)) is not None and b.isEnabled()
                        and b.isVisible() and dialog.focusWidget() is not None, timeout=15_000)
        button = tab_to(lambda w, t=target: w is dialog.move_buttons.get(t), within=dialog)
        press(button, Qt.Key.Key_Space)
        wait_idle(qtbot, session)
        qtbot.waitUntil(lambda t=target: dossiers.by_code(session.store, row["code"])["status"] == int(t),
                        timeout=15_000)
    assert window.commands.customer is not None and window.commands.customer.isVisible()  # the rating asked
    press(dialog.focusWidget(), Qt.Key.Key_Escape)  # closes the dossier (the rating window took no keys)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)

    # leaving the counter: Ctrl+L
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=15_000)
    press(focused() or window, Qt.Key.Key_L, CTRL)
    assert window.locked
    window.commands.customer.close()
