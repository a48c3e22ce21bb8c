"""A catalogue record from the province with a processing time the rules cannot count is held aside."""

from __future__ import annotations

from app.services.receive import ReceiveInput, receive_dossier
from app.services.sync_bridge import StoreSyncBridge
from app.store import catalog, sync_held
from sync.client.store import IncomingChange


def test_the_province_pushing_a_half_day_procedure_is_held_and_receiving_goes_on(ctx) -> None:  # type: ignore[no-untyped-def]
    record = {"code": "1.004873", "name_vi": "Tình trạng hôn nhân", "processing": {"working_days": 0.5}}
    bridge = StoreSyncBridge(ctx.store, ctx.clock)
    assert bridge.apply_pulled([IncomingChange("catalog", "1.004873", record, "x")], "9") == 0
    assert len(sync_held.listing(ctx.store)) == 1
    assert catalog.get(ctx.store, "1.004873").rule.working_days == 3  # the old record stays in force
    assert receive_dossier(ctx, ReceiveInput("1.004873", "Lê An", "001085012345")).dossier["due_at"]
