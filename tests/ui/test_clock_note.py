"""The intake form warns when the last sync found this PC's clock off the server's, and asks before a receipt
whose date and due date would be an hour or more wrong; it never blocks a clerk who says go on."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.status_bar import SyncState
from tests.ui.conftest import press, type_text, wait_idle


def fill(page: Any) -> None:
    page.picker.search.setFocus()
    type_text(page.picker.search, "dang ky khai sinh")
    press(page.picker.search, Qt.Key.Key_Return)
    type_text(page.applicant.name, "Nguyễn Thị Hồng Đào")
    type_text(page.applicant.id_number, "001190012345")


def stored(session: Any) -> int:
    return int(session.store.query("SELECT count(*) AS n FROM dossiers")[0]["n"])


def test_a_pc_a_day_ahead_is_named_and_the_clerk_is_asked_first(
    window: Any, qtbot: Any, session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.intake_page
    window.show_intake()
    window.set_sync_state(SyncState(True, session.clock.now(), -(26 * 3600 + 5)))  # server minus PC: PC ahead
    assert page.clock_note.isVisible()
    assert "nhanh 1 ngày 2 giờ" in page.clock_note.text()
    asked: list[str] = []

    def answer(cls: Any, parent: Any, title: str, text: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # "Không" the first time, "Có" the second

    monkeypatch.setattr("app.ui.dialogs.Confirm.ask", classmethod(answer))
    fill(page)
    press(page.receive_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)
    assert stored(session) == 0 and page.applicant.name.text()  # "Không": nothing written, the form kept
    assert "Giờ trên máy" in asked[0] and "nhanh 1 ngày 2 giờ" in asked[0]
    press(page.receive_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, session)
    assert stored(session) == 1 and len(asked) == 2  # "Có": received, as the clerk chose


def test_ten_minutes_slow_is_shown_without_a_question(window: Any, qtbot: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    window.set_sync_state(SyncState(True, session.clock.now(), 600.0))
    assert page.clock_note.isVisible() and "chậm 10 phút" in page.clock_note.text()
    fill(page)
    press(page.receive_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # no dialog expected
    wait_idle(qtbot, session)
    assert stored(session) == 1


def test_a_right_clock_or_none_measured_shows_nothing(window: Any, session: Any) -> None:
    page = window.intake_page
    window.show_intake()
    for skew in (None, 30.0, -299.0):
        window.set_sync_state(SyncState(True, session.clock.now(), skew))
        assert not page.clock_note.isVisible()
    window.set_sync_state(SyncState(False, None, 7200.0))  # offline now, but the last round measured it
    assert page.clock_note.isVisible() and "chậm 2 giờ" in page.clock_note.text()
    window.set_sync_state(SyncState(True, session.clock.now(), 1.0))  # the clock was set right: gone
    assert not page.clock_note.isVisible()


def test_the_form_built_after_the_measurement_shows_it(session: Any, qtbot: Any, font_family: str) -> None:
    from app.services.context import Actor
    from app.ui.main_window import MainWindow

    win = MainWindow(session, font_family)
    qtbot.addWidget(win, before_close_func=lambda w: w.intake_page.clear_form())
    win.set_sync_state(SyncState(False, None, -3 * 86400.0))  # before any page is built
    win.show()
    win._on_unlocked(Actor("admin", "Quản trị viên", "admin"))
    win.show_intake()
    assert win.intake_page.clock_note.isVisible() and "nhanh 3 ngày" in win.intake_page.clock_note.text()


def test_the_gap_reads_in_days_hours_and_minutes_in_both_languages() -> None:
    from app.ui.format import clock_gap

    assert clock_gap(-(86400 + 7200 + 60)) == "nhanh 1 ngày 2 giờ 1 phút"
    assert clock_gap(-(86400 + 7200 + 60), "en") == "1 day 2 h 1 min ahead"
    assert clock_gap(3 * 3600) == "chậm 3 giờ" and clock_gap(600, "en") == "10 min behind"
    assert clock_gap(20.0) == "chậm 1 phút"  # never "chậm " with nothing after it
