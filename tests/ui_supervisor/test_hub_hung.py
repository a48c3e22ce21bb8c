"""The supervisor window of a PC whose office hub hangs (accepts the connection, never answers): the dossiers'
figures are painted while the hub's queue read is still outstanding (that read runs on the session's network
worker, not on the store worker nor the GUI thread), the queue line says the hub is being asked, and when the
read fails the line says the queue figures are missing, without a pop-up. A real listening socket."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.services.context import Actor, ServiceContext
from tests.helpers.hung_server import HungServer
from tests.ui.test_hub_hung import enrolled_with


@pytest.fixture
def hung_hub(session: Any) -> Iterator[HungServer]:
    server = HungServer()
    enrolled_with(ServiceContext(session.store, session.data_dir, session.clock, Actor.system()), server.url)
    yield server
    server.close()


def test_the_dossiers_figures_do_not_wait_for_a_hub_that_hangs(hung_hub: HungServer, qtbot: Any,
                                                                 session: Any) -> None:
    from app.ui.supervisor.view import SupervisorView

    session.set_actor(Actor("giamsat", "Lê Thị Giám Sát", "supervisor"))
    view = SupervisorView(session)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    qtbot.waitUntil(lambda: hung_hub.connections() >= 1, timeout=5000)
    assert int(view.tiles["received"].text()) > 0 and view.queue_note.text() == "Đang hỏi máy chủ hàng đợi…"
    assert view.tiles["wait"].text() == "–"
    with qtbot.waitSignal(view.queue_loaded, timeout=20000) as blocker:
        hung_hub.close()  # the read still waiting is refused now, then the retry too
    assert blocker.args[0]["available"] is False
    assert view.queue_note.text().startswith("⚠ Hàng đợi: không có số liệu – không kết nối được máy chủ hàng đợi")
