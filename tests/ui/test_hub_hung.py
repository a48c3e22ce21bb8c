"""An office hub that hangs (it accepts the connection and never answers: a frozen PC, a half-dead Wi-Fi
bridge) while the clerk receives a dossier. The queue panel's read of the hub waits its whole timeout; the
receive (Ctrl+Enter) must not wait behind it: the dossier is stored and its receipt produced while that read
is still outstanding. The kiosk and the waiting-room screen on such a hub say what is going on and keep the
GUI thread free. The hub is a real listening socket (tests/helpers/hung_server.py), the window the real one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.queue_backend import remember
from app.services.sync_bridge import build_engine
from app.store import dossiers
from sync.client.store import SyncState
from tests.conftest import OFFICE_CODE
from tests.helpers.hung_server import HungServer
from tests.ui.conftest import press

pytestmark = pytest.mark.slow


def enrolled_with(ctx: Any, url: str) -> None:
    """This PC as enrolled with an office hub at ``url`` that hosts the queue (what ``motcua enroll`` leaves)."""
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    engine.store.save_state(SyncState(server_url=url, device_id=str(uuid.uuid4()), office_code=OFFICE_CODE, slot=3))
    engine.credentials.save("token-of-this-pc")
    remember(ctx, True)


@pytest.fixture
def hung_hub(ctx: Any, session: Any) -> Iterator[HungServer]:
    server = HungServer()
    enrolled_with(ctx, server.url)
    yield server
    server.close()  # a read still waiting ends now (refused), so the session closes without a timeout


def test_a_receive_does_not_wait_for_a_hub_that_hangs(hung_hub: HungServer, window: Any, qtbot: Any,
                                                       session: Any) -> None:
    panel = window.queue
    assert panel is not None and panel.on_hub
    qtbot.waitUntil(lambda: hung_hub.connections() >= 1, timeout=5000)  # the panel's first read: never answered
    assert panel._reading
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.applicant.name.setText("Nguyễn Thị Hồng Đào")
    page.applicant.id_number.setText("001190012345")
    page.applicant.id_number.setFocus()
    with qtbot.waitSignal(page.receipts.printer.done, timeout=8000):  # the hub's read times out after ~10 s
        press(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dossiers.count(session.store) == 1 and page.banner.kind == "ok"
    assert panel._reading and session.network.pending >= 1, "the hub's read is still outstanding"
    assert not session.tasks.busy, "nothing of the intake waits on the hub"


def gui_thread_free(qtbot: Any) -> None:
    """A timer of the GUI thread fires: nothing on it waits for the hub."""
    from PySide6.QtCore import QTimer

    fired: list[bool] = []
    QTimer.singleShot(50, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)


def test_the_kiosk_on_a_hub_that_hangs_says_the_touch_was_taken(hung_hub: HungServer, session: Any,
                                                                  qtbot: Any) -> None:
    from app.ui.queue.kiosk import KioskWindow

    kiosk = KioskWindow(session)
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk._services_timer.stop()
    kiosk._show_services([("A", "Hộ tịch")])  # as last read from the hub
    kiosk.choose("A")
    assert not kiosk.services.isEnabled() and "Đang lấy số" in kiosk.prompt.text()
    qtbot.waitUntil(lambda: hung_hub.connections() >= 1, timeout=5000)
    gui_thread_free(qtbot)
    assert kiosk._busy and session.network.busy and not session.tasks.busy
    hung_hub.close()  # the hub PC is gone for good: this PC numbers its own ticket (device slot 3)
    qtbot.waitUntil(lambda: not kiosk._busy, timeout=20_000)
    assert kiosk.result_number.text() == "3A001" and kiosk.prompt.text() == kiosk._invite
    qtbot.waitUntil(lambda: not session.tasks.busy and not session.network.busy, timeout=10_000)  # printed


def test_the_screen_on_a_hub_that_hangs_says_so_and_keeps_its_gui_free(hung_hub: HungServer, session: Any,
                                                                        qtbot: Any) -> None:
    from app.paths import resource
    from app.ui.queue.announcer import Announcer
    from app.ui.queue.display import DisplayWindow
    from app.ui.queue.entry import hub_feed
    from app.ui.queue.speech import ClipSet
    from tests.queue.conftest import RecordingPlayer

    feed = hub_feed(session)
    assert feed is not None
    window = DisplayWindow(session, Announcer(ClipSet(resource("sounds", "vi")), RecordingPlayer()), feed=feed)
    qtbot.addWidget(window, before_close_func=lambda w: w.close())
    window.show()
    qtbot.waitUntil(lambda: hung_hub.connections() >= 1, timeout=5000)  # the stream asked, nothing answers
    gui_thread_free(qtbot)
    assert window.hub_lost and window.flash.isVisible()
    assert "Mất kết nối với máy chủ hàng đợi" in window.flash.text()
