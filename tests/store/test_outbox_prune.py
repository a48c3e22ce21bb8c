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


def test_a_sync_acknowledgement_prunes_what_is_past_the_retention(ctx) -> None:
    from datetime import timedelta

    from app.services.sync_bridge import StoreSyncBridge

    receive_dossier(ctx, ReceiveInput("1.004873", "Nguyễn Văn Mạnh", "001085012340"))
    receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Hoa", "001185012346"))
    old, new = outbox.pending(ctx.store)
    long_ago = ctx.clock.now() - timedelta(days=outbox.ACKED_RETENTION_DAYS + 1)
    outbox.mark_acked(ctx.store, [old.id], long_ago.isoformat(timespec="seconds"))
    StoreSyncBridge(ctx.store, ctx.clock).mark_acked([new.id])
    assert outbox.counts(ctx.store) == {"pending": 0, "acked": 1, "rejected": 0}
