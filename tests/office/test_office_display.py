"""The waiting-room screen on its own PC follows the hub's stream: a call made at a counter PC is shown and
spoken within a second; when the hub is killed the screen says it lost the hub instead of showing stale calls,
and it is back by itself within ten seconds of the hub's restart."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.paths import resource
from app.services.context import Actor
from app.services.queue_backend import on_hub
from app.services.setup import open_store
from app.ui.queue.announcer import Announcer
from app.ui.queue.display import DisplayWindow
from app.ui.queue.entry import hub_feed
from app.ui.queue.speech import ClipSet
from app.ui.session import AppSession
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from tests.conftest import OFFICE_CODE
from tests.office.conftest import motcua
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _visible(window: DisplayWindow, name: str) -> list[str]:
    QApplication.processEvents()
    return [w.text() for w in window.findChildren(QLabel, name) if not w.isHidden()]


def test_a_call_arrives_through_the_stream_and_a_lost_hub_is_said_plainly(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path, qtbot, player
) -> None:
    proc, db = hub
    counter = device(store_template, tmp_path / "counter", db, proc.url, Actor("giamsat", "", "supervisor"))
    screen = device(store_template, tmp_path / "screen", db, proc.url, Actor("screen", "", "clerk"))
    q = remote(counter)
    q.set_counter(counter, 2, ["A"])
    q.issue_ticket(counter, "A")
    session = AppSession(screen.data_dir, screen.store, lang="vi")
    feed = hub_feed(session)
    assert feed is not None, "a PC enrolled with a queue host follows the hub"
    window = DisplayWindow(session, Announcer(ClipSet(resource("sounds", "vi")), player), feed=feed)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    spoken: list[tuple[str, int]] = []
    window.announcer.spoken.connect(lambda number, ctr: spoken.append((number, ctr)))
    qtbot.waitUntil(lambda: not window.hub_lost, timeout=5000)
    assert _visible(window, "counterName") == ["Quầy 2"]

    pressed = time.monotonic()
    q.call_next(counter, 2)
    qtbot.waitUntil(lambda: spoken == [("A001", 2)], timeout=1000)  # ≤ 1 s after the key press
    qtbot.waitUntil(lambda: "A001" in _visible(window, "counterNumberNew"), timeout=1000)  # the board follows
    assert time.monotonic() - pressed < 1.0
    assert window.flash.text() == "Mời số A001 đến quầy 2"

    proc.kill()
    qtbot.waitUntil(lambda: window.hub_lost, timeout=8000)
    assert "Mất kết nối với máy chủ hàng đợi" in window.flash.text() and window.flash.isVisible()
    assert "A001" not in _visible(window, "counterNumber") + _visible(window, "lastCall"), "no stale calls"

    proc.start()
    restarted = time.monotonic()
    qtbot.waitUntil(lambda: not window.hub_lost, timeout=10_000)
    assert time.monotonic() - restarted < 10
    assert "A001" in _visible(window, "counterNumber")
    assert spoken == [("A001", 2)], "a call is spoken once, not again after the reconnection"
    window.close()
    window.announcer.close()


def test_the_clerks_panel_on_a_counter_pc_calls_from_the_hubs_queue(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path, qtbot
) -> None:
    from app.ui.queue.panel import QueuePanel

    proc, db = hub
    kiosk = device(store_template, tmp_path / "kiosk", db, proc.url, Actor("giamsat", "", "supervisor"))
    pc = device(store_template, tmp_path / "counter", db, proc.url, Actor("lan", "", "clerk"))
    q = remote(kiosk)
    q.set_counter(kiosk, 5, ["A", "B"])
    q.issue_ticket(kiosk, "B")
    q.issue_ticket(kiosk, "A", "elderly")
    remote(pc).close()  # the counter PC has learnt that its server hosts the queue
    session = AppSession(pc.data_dir, pc.store, lang="vi")
    session.set_actor(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    panel = QueuePanel(session, counter=5)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.on_hub
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert panel.services.count() >= 2, "the hub's services"
    panel.call_next()
    qtbot.waitUntil(lambda: panel.current.text() == "A001", timeout=5000)  # the priority ticket first
    assert "A001" in panel.message.text()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.recall()
    qtbot.waitUntil(lambda: "gọi lại" in panel.message.text(), timeout=5000)
    with db.transaction(write=False) as tx:
        state = tx.scalar("SELECT state FROM queue_tickets WHERE number = 'A001'")
    assert state == "called"
    panel.hide()  # stops its polling before the store closes
    qtbot.waitUntil(lambda: not session.tasks.busy and not session.network.busy, timeout=10_000)
    session.close()


def test_the_kiosk_pc_shows_the_hubs_services_and_prints_the_hubs_number(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path, qtbot
) -> None:
    from app.ui.queue.kiosk import KioskWindow

    proc, db = hub
    sup = device(store_template, tmp_path / "sup", db, proc.url, Actor("giamsat", "", "supervisor"))
    pc = device(store_template, tmp_path / "kiosk", db, proc.url, Actor("kiosk", "", "clerk"))
    q = remote(sup)
    q.save_service(sup, "G", "Hộ khẩu")
    q.issue_ticket(sup, "G")
    remote(pc).close()
    session = AppSession(pc.data_dir, pc.store, lang="vi")
    session.set_actor(Actor("kiosk", "Máy lấy số", "clerk"))
    kiosk = KioskWindow(session)
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.waitUntil(lambda: "G" in kiosk.buttons, timeout=5000)  # a service only the hub has
    with qtbot.waitSignal(kiosk.issuer.printed, timeout=10_000) as printed:
        kiosk.choose("G")
    assert kiosk.result_number.text() == "G002" and "Hộ khẩu" in kiosk.result_service.text()
    assert printed.args[0].path.name == "ticket-G002.pdf"
    with db.transaction(write=False) as tx:
        assert tx.scalar("SELECT source FROM queue_tickets WHERE number = 'G002'") == "kiosk"
    qtbot.waitUntil(lambda: not session.tasks.busy and not session.network.busy, timeout=10_000)
    kiosk._services_timer.stop()  # nothing reads the store after it is closed
    kiosk.close()
    session.close()


def test_a_screen_enrolled_at_the_command_line_knows_its_hub_before_its_first_start(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    """Without it the screen's first start asked the hub whether it hosts the queue before its window existed:
    a hub that hung then kept the TV black for the request's timeouts."""
    proc, db = hub
    folder = tmp_path / "screen"
    shutil.copytree(store_template, folder)
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, OFFICE_CODE, utc_now(), role=devices.ROLE_SCREEN)
    status, _, err = motcua(folder, "enroll", "--server", proc.url, "--code", code, "--json")
    assert status == 0, err
    store = open_store(folder)
    try:
        assert on_hub(store) is True
    finally:
        store.close()
