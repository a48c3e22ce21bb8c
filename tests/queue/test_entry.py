"""``motcua --kiosk`` / ``--display``: what the launcher's hand-over builds (without entering the event loop)."""

from __future__ import annotations

import pytest

from app.ui.queue import entry
from app.ui.queue.display import DisplayWindow
from app.ui.queue.kiosk import KioskWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def shown(monkeypatch, qtbot):
    windows = []

    def show(app, window):
        qtbot.addWidget(window)
        windows.append(window)
        return 0

    monkeypatch.setattr(entry, "_show", show)
    return windows


def test_kiosk_issues_as_the_kiosk(qapp, session, shown):
    assert entry.run_kiosk(qapp, session, "DejaVu Sans") == 0
    assert isinstance(shown[0], KioskWindow)
    assert session.actor.username == "kiosk"


def test_display_gets_a_voice(qapp, session, shown):
    assert entry.run_display(qapp, session) == 0
    window = shown[0]
    assert isinstance(window, DisplayWindow) and window.announcer.parent() is window
    assert window.announcer.clips.missing(["moi_so", "chime"]) == []
    window.close()
