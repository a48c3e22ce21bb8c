"""The queue panel in the clerk's window: calling a number opens the intake, and the dossier is linked to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.services.queue import issue_ticket
from app.store import tickets
from app.ui.actions import ActionKey
from tests.ui.conftest import press, wait_idle


def test_called_ticket_is_linked_to_the_dossier(window: Any, qtbot: Any, session: Any, ctx: Any) -> None:
    issued = issue_ticket(ctx, "A")
    with qtbot.waitSignal(window.queue.ticket_called, timeout=5000):
        window.queue.call_next()
    wait_idle(qtbot, session)
    page = window.intake_page
    assert window.pages.currentWidget() is page
    assert issued.ticket.number in page.banner.label.text()
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.applicant.name.setText("Lục Văn Pao")
    page.applicant.id_number.setText("020090012345")
    page.receive()
    wait_idle(qtbot, session)
    dossier = session.store.query_one("SELECT id FROM dossiers")
    assert tickets.dossier_ticket(session.store, dossier["id"]) == issued.ticket.id
    assert "Đã gắn với số thứ tự" in page.banner.label.text()


def test_queue_panel_and_keys(window: Any, qtbot: Any, session: Any, ctx: Any) -> None:
    window.command_actions[ActionKey.QUEUE].trigger()
    assert window.queue_dock.isVisible()
    window.lock()
    assert not window.queue_dock.isVisible()
    assert not set(window.queue.actions()) & set(window.actions())  # no queue keys while locked
    window._on_unlocked(window.session.actor)
    assert window.queue_dock.isVisible()
    window.command_actions[ActionKey.QUEUE].trigger()
    assert not window.queue_dock.isVisible()
    issue_ticket(ctx, "B")
    with qtbot.waitSignal(window.queue.ticket_called, timeout=5000):  # F6 works with the panel hidden
        press(window.list_page.search, Qt.Key.Key_F6)
    wait_idle(qtbot, session)


def test_finishing_the_ticket_clears_now_serving(window: Any, qtbot: Any, session: Any, ctx: Any) -> None:
    issue_ticket(ctx, "A")
    with qtbot.waitSignal(window.queue.ticket_called, timeout=5000):
        window.queue.call_next()
    wait_idle(qtbot, session)
    page = window.intake_page
    assert "Đang phục vụ" in page.banner.label.text()
    with qtbot.waitSignal(window.queue.ticket_released, timeout=5000):
        window.queue.finish()
    wait_idle(qtbot, session)
    assert page.banner.kind == "" and page._ticket is None  # no stale "now serving", nothing linked by mistake
