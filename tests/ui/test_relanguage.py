"""The language changes at once, from the settings, with what was on screen carried over (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.services.queue import issue_ticket
from app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import type_text, wait_idle
from tests.ui.seed import seed


@pytest.fixture
def no_translation_left(qapp: QApplication) -> Iterator[None]:
    """The test swaps the app's translators: leave none installed, and the locale as it was."""
    locale = QLocale()
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def window(session: Any, font_family: str) -> Iterator[Any]:
    """The signed-in main window, closed by the test's end whichever window is then showing (the switch
    deletes the first one, so it cannot be left to pytest-qt's own closing)."""
    from app.services.context import Actor
    from app.ui.main_window import MainWindow

    shown = [MainWindow(session, font_family)]
    shown[0].replaced.connect(shown.append)
    shown[0].resize(1280, 760)
    shown[0].show()
    shown[0]._on_unlocked(Actor("admin", "Quản trị viên", "admin"))
    yield shown[0]
    last = shown[-1]
    if shiboken6.isValid(last):
        last.intake_page.clear_form()
        last.close()


def test_language_switches_at_once_keeping_the_screen(no_translation_left: None, window: Any, qtbot: Any,
                                                      session: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = seed(ctx)
    ticket = issue_ticket(ctx, "A").ticket
    window.show_intake()
    page = window.intake_page
    page.serve_ticket(ticket)
    type_text(page.picker.search, "khai sinh")
    page.picker.choose_current()
    type_text(page.applicant.name, "Vàng Thị Mỷ")
    type_text(page.applicant.id_number, "002190012345")
    procedure, ticked = page.picker.code, page.documents.model.rows()
    dossier = window.commands.open_dossier(codes["Trần Thị Yến"])
    assert dossier.isVisible() and window.menuBar().actions()[0].text() == "&Hồ sơ"

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, parent, s: {"language": "en"}))
    with qtbot.waitSignal(window.replaced, timeout=15_000) as swapped:
        window.commands.open_settings()
    new = swapped.args[0]
    wait_idle(qtbot, session)
    assert session.setting("language") == "en" and session.lang == "en"
    # the new window speaks English
    assert new.windowTitle() == "MotCua — One-stop dossier reception"
    assert new.menuBar().actions()[0].text() == "&Dossiers"
    assert new.intake_page.receive_button.text().startswith("Receive")
    # ... and shows what was there: same person signed in, the intake page, the half-filled form, the dossier
    assert not new.locked and session.actor is not None and session.actor.username == "admin"
    assert new.pages.currentWidget() is new.intake_page
    fresh = new.intake_page
    assert fresh.picker.code == procedure and fresh.applicant.name.text() == "Vàng Thị Mỷ"
    assert fresh.applicant.id_number.text() == "002190012345" and fresh.documents.model.rows() == ticked
    assert fresh._ticket == ticket and "A001" in fresh.banner.label.text()
    assert [d.code for d in new.commands._dialogs] == [dossier.code] and new.commands._dialogs[0].isVisible()
    assert new.commands._dialogs[0].windowTitle().startswith("Dossier")
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) and not shiboken6.isValid(dossier), timeout=5000)
    # the session's messages follow too
    assert session.t("vi", "en") == "en"
