"""The waiting-room display reacts to calls made elsewhere: board, last calls, banner, one voice per call."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.paths import resource
from app.services import queue_calls as calls
from app.services.queue import issue_ticket
from app.services.queue_config import set_counter
from app.ui.queue.announcer import Announcer
from app.ui.queue.display import DisplayWindow
from app.ui.queue.speech import ClipSet

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


@pytest.fixture
def display(session, player, qtbot):
    voice = Announcer(ClipSet(resource("sounds", "vi")), player)
    window = DisplayWindow(session, voice, poll_ms=60_000)  # the test calls refresh() itself
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    voice.close()


def texts(window, name):
    """The visible labels called ``name`` (labels added to a shown window appear after the next events)."""
    QApplication.processEvents()
    return [w.text() for w in window.findChildren(QLabel, name) if not w.isHidden()]


def test_calls_before_the_screen_started_are_shown_not_spoken(ctx, session, player, qtbot):
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    window = DisplayWindow(session, Announcer(ClipSet(resource("sounds", "vi")), player), poll_ms=60_000)
    qtbot.addWidget(window)
    assert texts(window, "counterNumber") == ["A001"]
    assert player.played == [] and window.flash.isHidden()
    window.announcer.close()


def test_a_call_is_shown_announced_and_highlighted(ctx, supervisor, display, player):
    set_counter(supervisor, 3, ["B"])
    spoken = []
    display.announcer.spoken.connect(lambda number, counter: spoken.append((number, counter)))
    issue_ticket(ctx, "A")
    issue_ticket(ctx, "B")
    display.refresh()
    assert texts(display, "counterName") == ["Quầy 1", "Quầy 3"]
    assert texts(display, "counterNumber") == ["—", "—"]
    assert "A Hộ tịch: 1" in display.footer.text() and "B Chứng thực: 1" in display.footer.text()

    calls.call_next(ctx, 3)
    display.refresh()
    assert spoken == [("B001", 3)] and len(player.played) == 1
    assert display.flash.text() == "Mời số B001 đến quầy 3" and display.flash.isVisible()
    assert texts(display, "counterNumberNew") == ["B001"]
    assert texts(display, "lastCall") == ["B001  →  quầy 3"]

    calls.recall(ctx, 3)
    calls.call_next(ctx, 1)
    display.refresh()
    assert spoken == [("B001", 3)] and len(player.played) == 1  # the voice is busy: the two calls wait
    assert texts(display, "lastCall") == ["A001  →  quầy 1", "B001  →  quầy 3", "B001  →  quầy 3"]
    display.refresh()
    assert display.announcer.pending == 2  # nothing new: nothing queued again


def test_display_follows_the_day(ctx, display):
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    display.refresh()
    ctx.clock.advance(days=1)
    display.refresh(force=True)
    assert texts(display, "counterNumber") == ["—"] and texts(display, "lastCall") == []
    assert "Xin mời lấy số" in display.footer.text()


def test_polling_picks_up_calls(ctx, session, player, qtbot):
    window = DisplayWindow(session, Announcer(ClipSet(resource("sounds", "vi")), player), poll_ms=20)
    qtbot.addWidget(window)
    window.show()
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=3000)
    window.announcer.close()


def test_the_highlight_ends(ctx, display, qtbot):
    issue_ticket(ctx, "A")
    calls.call_next(ctx, 1)
    display.refresh()
    assert texts(display, "counterNumberNew") == ["A001"]
    display._flash_timer.setInterval(10)  # only now: a 10 ms flash could end before a slow machine looks at it
    qtbot.waitUntil(lambda: display.flash.isHidden(), timeout=3000)
    assert texts(display, "counterNumberNew") == [] and texts(display, "counterNumber") == ["A001"]
