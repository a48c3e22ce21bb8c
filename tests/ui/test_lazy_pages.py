"""The work pages are built after the window's first paint, and whatever asks for them earlier gets them whole."""

from __future__ import annotations

from typing import Any

from app.services.changes import Changes
from app.ui.main_window import INTAKE_PAGE, LIST_PAGE, MainWindow


def make_window(session: Any, qtbot: Any, font_family: str) -> MainWindow:
    window = MainWindow(session, font_family)
    qtbot.addWidget(window, before_close_func=lambda w: w.intake_page.clear_form())
    return window


def test_the_locked_window_paints_before_its_work_pages_are_built(session: Any, qtbot: Any,
                                                                   font_family: str) -> None:
    window = make_window(session, qtbot, font_family)
    assert window.pages.count() == 0  # only the sign-in page so far
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.pages.count() == 2)
    assert window.locked
    assert window.pages.widget(LIST_PAGE) is window.list_page
    assert window.pages.widget(INTAKE_PAGE) is window.intake_page


def test_a_sign_in_before_the_pages_exist_opens_the_list(session: Any, qtbot: Any, font_family: str,
                                                          clerk: Any) -> None:
    window = make_window(session, qtbot, font_family)
    session.changed.emit(Changes(settings=True, dossier_created=True))  # a change report with no pages yet
    window._on_unlocked(clerk)  # what a sign-in does, here before any paint
    assert not window.locked and window.pages.count() == 2
    assert window.pages.currentWidget() is window.list_page
    window.show_intake()
    assert window.pages.currentWidget() is window.intake_page


def test_a_window_closed_before_its_pages_exist_closes_cleanly(session: Any, font_family: str) -> None:
    window = MainWindow(session, font_family)
    window.show()
    assert window.close()  # the pages are not built just to be stopped
