"""The status bar hears from background sync: rounds from the runner's thread arrive on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

from app.services.changes import Changes
from app.services.settings_update import save_settings
from app.ui.ops import StoreOp
from app.ui.sync_watch import SyncWatcher
from tests.ui.conftest import wait_idle


class FakeRunner:
    """Stands in for ``sync.client.runner.SyncRunner``: reports what the test tells it, from another thread."""

    def __init__(self, on_round: Any, on_error: Any) -> None:
        self.on_round, self.on_error = on_round, on_error
        self.woken = 0
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def wake(self) -> None:
        self.woken += 1

    def report_from_thread(self, report: Any = None, error: Any = None) -> None:
        thread = threading.Thread(target=lambda: self.on_round(report) if report else self.on_error(error))
        thread.start()
        thread.join()


class Report:
    pushed, rejected, pulled, applied, pending, rejected_total = 3, 0, 0, 0, 0, 0
    clock_offset_s = 420.0


def test_sync_state_reaches_the_status_bar(window: Any, qtbot: Any, session: Any) -> None:
    made: list[FakeRunner] = []

    class Store:
        def close(self) -> None:
            pass

    def factory(_data_dir: Any, on_round: Any, on_error: Any) -> tuple[FakeRunner, Store]:
        made.append(FakeRunner(on_round, on_error))
        return made[-1], Store()

    watcher = SyncWatcher(session, factory)
    watcher.state_changed.connect(window.status.set_sync_state)
    assert not watcher.start()  # no central server set up: nothing to start
    StoreOp(window, session, lambda ctx: save_settings(ctx, {"server_url": "https://motcua.example.vn"})).run()
    wait_idle(qtbot, session)
    assert made and made[0].started  # set up from the window: syncing starts without a restart
    assert not watcher.start()  # already running: not a second runner
    with qtbot.waitSignal(watcher.state_changed, timeout=3000):
        made[0].report_from_thread(Report())
    text = window.status.sync.text()
    assert "Trực tuyến" in text and "đồng bộ lần cuối" in text and "đồng hồ máy chậm 7 phút" in text
    with qtbot.waitSignal(watcher.state_changed, timeout=3000):
        made[0].report_from_thread(error=RuntimeError("offline"))
    assert "Ngoại tuyến" in window.status.sync.text()
    failed = RuntimeError("rejected")
    failed.clock_offset_s = -3 * 3600.0  # type: ignore[attr-defined]  # a failed round measured the clock too
    with qtbot.waitSignal(watcher.state_changed, timeout=3000):
        made[0].report_from_thread(error=failed)
    assert "đồng hồ máy nhanh 3 giờ" in window.status.sync.text()  # 3 hours, not 180 minutes
    session.announce(Changes(dossier_created=True))
    assert made[0].woken == 1  # a new dossier waits in the outbox: sync is asked to send it now
    watcher.stop()
    assert made[0].stopped
