"""The intake form on a ticket kiosk or waiting-room screen (enrolled with no device slot): saving a dossier is
refused on the banner, says why, and stores nothing; what was typed stays."""

from __future__ import annotations

from typing import Any

from app.services.sync_bridge import StoreSyncBridge
from app.store import dossiers, outbox
from sync.client.store import SyncState
from tests.conftest import OFFICE_CODE
from tests.ui.conftest import wait_idle


def test_a_dossier_on_a_pc_without_a_slot_is_refused_on_the_banner(window: Any, qtbot: Any, session: Any) -> None:
    StoreSyncBridge(session.store).save_state(SyncState(server_url="https://hub.lan:8443", device_id="k1",
                                                        office_code=OFFICE_CODE, office_name="UBND", slot=None))
    page = window.intake_page
    window.show_intake()
    page.picker.search.setText("2.000884")
    page.picker.choose_current()
    page.applicant.name.setText("Lê Văn Tám")
    page.applicant.id_number.setText("001190012345")
    page.receive()
    wait_idle(qtbot, session)
    assert page.banner.kind == "error"
    assert "máy cấp số hoặc màn hình phòng chờ" in page.banner.label.text()
    assert dossiers.count(session.store) == 0 and outbox.counts(session.store)["pending"] == 0
    assert page.applicant.name.text() == "Lê Văn Tám" and page.receive_button.isEnabled()
