"""A ticket kiosk or waiting-room screen stores no citizen's dossier it is sent, not even as a held change.

The server no longer sends them one (tests/sync/test_privacy_feed.py); this is the device's own rule, for an
older hub or province that still does: the PC stands in the public hall and needs none of it.
"""

from __future__ import annotations

from typing import Any

from app.services.sync_bridge import StoreSyncBridge
from app.store import dossiers, sync_held, sync_state
from sync.client.store import IncomingChange
from tests.conftest import OFFICE_CODE
from tests.sync.fakes import dossier_payload


def _changes() -> tuple[list[IncomingChange], list[tuple[IncomingChange, str]]]:
    good, bad = dossier_payload(OFFICE_CODE, 1, 1001), dossier_payload(OFFICE_CODE, 1, 1002)
    status = {"code": good["code"], "to_status": 4, "at": good["received_at"], "reason": "", "actor": "x"}
    return ([IncomingChange("dossier", good["id"], good, good["received_at"]),
             IncomingChange("dossier_status", good["id"], status, good["received_at"])],
            [(IncomingChange("dossier", bad["id"], bad, bad["received_at"]), "id_number: bad")])


def _enrolled(ctx: Any, slot: int | None) -> None:
    with ctx.store.transaction():
        sync_state.put(ctx.store, "state", {"office_code": OFFICE_CODE, "slot": slot, "device_id": "d"})


def test_a_slotless_pc_keeps_no_pulled_dossier(ctx: Any) -> None:
    _enrolled(ctx, None)
    changes, held = _changes()
    StoreSyncBridge(ctx.store, ctx.clock).apply_pulled(changes, "7", held)
    assert not dossiers.exists(ctx.store, changes[0].key)
    assert sync_held.count(ctx.store) == 0
    assert ctx.store.query_one("SELECT COUNT(*) AS n FROM dossiers")["n"] == 0


def test_a_counter_keeps_them(ctx: Any) -> None:
    _enrolled(ctx, 1)
    changes, held = _changes()
    StoreSyncBridge(ctx.store, ctx.clock).apply_pulled(changes, "7", held)
    assert dossiers.exists(ctx.store, changes[0].key)
    assert held[0][0].key in {h.key for h in sync_held.listing(ctx.store)}
