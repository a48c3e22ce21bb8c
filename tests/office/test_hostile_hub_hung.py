"""Hostile network case at a counter: the hub PC hangs (or drops off the LAN) while a clerk's queue panel is open.
Every read of the hub then takes seconds (timeouts), and the panel polls every 2 s on its network worker, where
its own actions also run: the reads must not pile up behind each other. (That a receive does not wait behind
them at all, the intake writing on the other worker: tests/ui/test_hub_hung.py.)
The hub is a real process, frozen with SIGSTOP and thawed with SIGCONT."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from app.services.context import Actor
from app.ui.session import AppSession
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_a_hung_hub_keeps_one_read_on_the_worker_however_often_the_panel_polls(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path, qtbot
) -> None:
    from app.ui.queue.panel import QueuePanel

    proc, db = hub
    pc = device(store_template, tmp_path / "counter", db, proc.url, Actor("giamsat", "", "supervisor"))
    q = remote(pc)
    q.set_counter(pc, 3, ["A"])
    q.issue_ticket(pc, "A")
    q.close()
    session = AppSession(pc.data_dir, pc.store, lang="vi")
    session.set_actor(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    panel = QueuePanel(session, counter=3)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and session.network.pending == 0, timeout=5000)
    assert proc.proc is not None
    os.kill(proc.proc.pid, signal.SIGSTOP)  # the hub PC hangs: connections open, nothing answers
    try:
        for _ in range(5):  # ten seconds of the panel's timer
            panel._poll_changes()
        panel.refresh()  # and one after an action of the clerk's: read again once the first is back
        assert session.network.pending == 1, "one read of the hub on the worker, not one per poll"
    finally:
        os.kill(proc.proc.pid, signal.SIGCONT)
    qtbot.waitUntil(lambda: session.network.pending == 0 and not panel._reading, timeout=20_000)
    assert panel.model.rowCount() == 1 and panel.current.text() == "—"
    panel.hide()
