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
