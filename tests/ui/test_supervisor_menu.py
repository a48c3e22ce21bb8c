"""The supervisor's view and the queue set-up are reachable from the main window, for supervisors only."""

from __future__ import annotations

from typing import Any

import pytest

from app.services.context import Actor
from app.ui.actions import ActionKey
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def test_admin_opens_the_supervisor_view(window: Any, qtbot: Any, session: Any) -> None:
    action = window.command_actions[ActionKey.SUPERVISOR]
    assert action.isEnabled()
    action.trigger()
    view = window.commands._supervisor
    assert view is not None and view.isVisible()
    wait_idle(qtbot, session)
    view.close()


def test_clerk_sees_supervision_greyed_out(window: Any) -> None:
    window.commands.apply_role(Actor("lan", "Nguyễn Thị Lan", "clerk"))
    assert not window.command_actions[ActionKey.SUPERVISOR].isEnabled()
    assert not window.command_actions[ActionKey.QUEUE_SETUP].isEnabled()


def test_supervisor_resends_a_rejected_event(window: Any, qtbot: Any, session: Any) -> None:
    from app.services.receive import ReceiveInput, receive_dossier
    from app.store import outbox

    ctx = session.write_context()
    receive_dossier(ctx, ReceiveInput("1.004873", "Lê Văn Tám", "001085012345"))
    event = outbox.pending(session.store)[0]
    outbox.mark_rejected(session.store, event.id, "code_taken: mã hồ sơ đã được thiết bị khác dùng")
    window.command_actions[ActionKey.SYNC_REJECTED].trigger()
    dialog = window.commands._rejected
    assert dialog.table.rowCount() == 1
    assert "code_taken" in dialog.table.item(0, 2).text()
    dialog.table.selectRow(0)
    dialog.resend_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    assert [e.id for e in outbox.pending(session.store)] == [event.id]
    assert session.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.resend'") == 1
    dialog.close()


def test_clerk_cannot_resend(ctx: Any) -> None:
    from app.domain.errors import ValidationError
    from app.services.sync_admin import resend

    with pytest.raises(ValidationError) as err:
        resend(ctx, "any")
    assert err.value.field == "role"


def test_pulled_changes_kept_aside_are_shown_with_the_reason(window: Any, qtbot: Any, session: Any) -> None:
    """``motcua sync held`` on a screen: what this PC could not take from the server, and why."""
    from app.store import sync_held

    with session.store.transaction():
        sync_held.add(session.store, "dossier_status", "0b4a6a4e-7f0f-4a51-9d7e-0d3f6f2d2c11", {"status": 99},
                      "2026-11-16T08:00:00+07:00", "invalid_field: status: must be an integer 1–10",
                      "2026-11-16T09:00:00+07:00")
    window.command_actions[ActionKey.SYNC_REJECTED].trigger()
    dialog = window.commands._rejected
    held = dialog.findChild(type(dialog.table), "heldTable")
    assert held.rowCount() == 1 and held.item(0, 0).text() == "Trạng thái hồ sơ"
    assert "must be an integer 1–10" in held.item(0, 2).text()
    assert "Thay đổi tải về bị giữ lại: 1" in held.parent().info.text()
    dialog.close()
