"""A ticket kiosk enrolled with no device slot, with its hub unreachable (a closed port on 127.0.0.1): it has no
prefix to number tickets of its own, so it issues none and says that tickets are issued at the counters."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from app.services.sync_bridge import build_engine
from app.store import tickets
from app.ui.queue.kiosk import KioskWindow
from sync.client.store import SyncState
from tests.conftest import OFFICE_CODE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_level_fail("WARNING")]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_hub_down_a_slotless_kiosk_says_tickets_are_issued_at_the_counters(ctx, session, qtbot):
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    engine.credentials.save("mc1_" + "k" * 43)
    engine.store.save_state(SyncState(server_url=f"http://127.0.0.1:{_closed_port()}", device_id="kiosk-1",
                                      office_code=OFFICE_CODE, office_name="UBND xã Mẫu Sơn", slot=None))
    kiosk = KioskWindow(session)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    with qtbot.waitSignal(kiosk.issuer.failed, timeout=30_000):
        qtbot.mouseClick(kiosk.service_button("A"), Qt.MouseButton.LeftButton)
    assert kiosk.overlay.isVisible() and kiosk.result_number.text() == ""
    assert "số thứ tự được cấp tại các quầy cho đến khi máy chủ hoạt động lại" in kiosk.result_ahead.text()
    assert tickets.tickets_between(ctx.store, "2026-11-16", "2026-11-16") == []
