"""Opening a dossier's details in the app writes one "viewed" audit row naming the clerk and the dossier."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import wait_idle
from tests.ui.seed import seed


def test_opening_the_detail_dialog_records_a_view(window: Any, ctx: Any, session: Any, qtbot: Any) -> None:
    codes = seed(ctx)
    code = codes["Trần Thị Yến"]
    window.commands.open_dossier(code)
    wait_idle(qtbot, session)
    rows = session.store.query(
        "SELECT actor, action, object_id FROM audit_log WHERE action = 'dossier.view' AND object_id = ?", (code,)
    )
    assert len(rows) == 1 and rows[0]["actor"] == session.actor.username
