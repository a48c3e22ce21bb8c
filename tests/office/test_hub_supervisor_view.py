"""The supervisor window on a PC of an office with a hub: its queue section shows the office's figures, read
from a real hub process on the session's network worker; with the hub switched off the queue section says in
one line that its figures are missing (tiles blank, no pop-up), the rest of the window is painted, and a
statistics export is still written and says it has no queue part."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.context import Actor
from sync.server.db import Database
from tests.office.helpers import office_day
from tests.sync.serverproc import CentralProcess

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                        "This plugin does not support raise")]


@pytest.fixture
def office(hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path,
           qapp: Any) -> Iterator[tuple[CentralProcess, Any]]:
    """The office's day on the hub, and an app session of its counter PC 1 with a supervisor logged in."""
    from app.ui.session import AppSession

    proc, db = hub
    sup, one, two = office_day(store_template, tmp_path, db, proc.url)
    for pc in (sup, two):
        pc.store.close()
    session = AppSession(one.data_dir, one.store, lang="vi")
    session.set_actor(Actor("giamsat", "Lê Thị Giám Sát", "supervisor"))
    yield proc, session
    session.close()


def shown(qtbot: Any, view: Any) -> None:
    """Refresh and wait for both halves: the dossiers' figures (store worker) and the queue (network worker)."""
    with qtbot.waitSignals([view.loaded, view.queue_loaded], timeout=20000):
        view.refresh()


def test_the_supervisor_view_of_a_hub_office_shows_the_offices_queue(qtbot: Any,
                                                                       office: tuple[CentralProcess, Any]) -> None:
    from app.ui.supervisor.view import SupervisorView

    proc, session = office
    view = SupervisorView(session)
    qtbot.addWidget(view)
    shown(qtbot, view)
    queue = view.stats["queue"]
    assert queue["source"] == "hub" and queue["total"]["issued"] == 3 and queue["total"]["served"] == 2
    assert [bar[0][0] for bar in view.wait_chart.bars] == ["A", "B"]
    assert view.tiles["wait"].text().endswith("phút") and view.tiles["service"].text().endswith("phút")
    assert view.queue_note.text() == "Hàng đợi: cả bộ phận, theo máy chủ hàng đợi"

    proc.stop()  # the hub PC is switched off
    shown(qtbot, view)
    assert view.stats["queue"]["available"] is False
    assert view.queue_note.text().startswith("⚠ Hàng đợi: không có số liệu – không kết nối được máy chủ hàng đợi")
    assert view.tiles["wait"].text() == view.tiles["service"].text() == "–" and view.wait_chart.bars == []
    assert view.tiles["received"].text() == str(view.stats["received"]), "the dossiers' figures are painted"
    assert view.message.text() == ""
    with qtbot.waitSignal(view.exported, timeout=20000) as blocker:
        view.export("stats:csv")
    assert Path(blocker.args[0]).is_file()
    assert "Tệp thiếu phần hàng đợi: không kết nối được máy chủ hàng đợi" in view.message.text()
