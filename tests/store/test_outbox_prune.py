"""Acknowledged sync events are pruned after the retention; pending, rejected events and the audit trail stay."""

from __future__ import annotations

from app.services.receive import ReceiveInput, receive_dossier
from app.store import audit, outbox


def test_prune_only_old_acknowledged_events(ctx) -> None:
    for i in range(5):
        receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Mạnh", f"00108501234{i}"))
    events = outbox.pending(ctx.store)
    audit_before = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    outbox.mark_acked(ctx.store, [events[0].id, events[1].id], "2026-10-01T08:00:00+07:00")
    outbox.mark_acked(ctx.store, [events[2].id], "2026-11-15T08:00:00+07:00")
    outbox.mark_rejected(ctx.store, events[3].id, "bad")
    assert outbox.prune_acknowledged(ctx.store, before="2026-10-17T00:00:00+07:00") == 2
    assert outbox.counts(ctx.store) == {"pending": 1, "acked": 1, "rejected": 1}
    assert outbox.prune_acknowledged(ctx.store, before="2026-10-17T00:00:00+07:00") == 0  # second run: nothing
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log") == audit_before
    assert audit.verify(ctx.store).ok
