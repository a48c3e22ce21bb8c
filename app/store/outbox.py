"""The sync outbox: events written in the same transaction as the change they describe.

Nothing is deleted before the server acknowledges it; rejected events stay with their reason until a
supervisor fixes and re-sends them. Acknowledged events are deleted after ``ACKED_RETENTION_DAYS``
(:func:`prune_acknowledged`): they are never sent again, the server keeps its own copy, and what the office
must keep is the dossier rows, their history (``dossier_events``) and the audit trail, which stay whole. Kept
forever they were 40 % of a store (2 KB of JSON per dossier). The sync engine reaches this table only
through the adapter in ``app/services/sync_bridge.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.store.db import Store
from app.store.jsonutil import dumps, loads

ACKED_RETENTION_DAYS = 30  # recent acknowledged events stay for diagnostics (what was sent, when)


@dataclass(frozen=True)
class OutboxEvent:
    seq: int
    id: str
    kind: str
    aggregate_id: str
    payload: dict[str, Any]
    created_at: str
    state: str
    attempts: int
    reject_reason: str


def append(
    store: Store, *, event_id: str, kind: str, aggregate_id: str, payload: dict[str, Any], created_at: str
) -> None:
    """Queue one event; must run inside the caller's write transaction."""
    store.conn.execute(
        "INSERT INTO outbox (id, kind, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        (event_id, kind, aggregate_id, dumps(payload), created_at),
    )


def _event(row: dict[str, Any]) -> OutboxEvent:
    return OutboxEvent(
        row["seq"],
        row["id"],
        row["kind"],
        row["aggregate_id"],
        loads(row["payload"], {}),
        row["created_at"],
        row["state"],
        row["attempts"],
        row["reject_reason"],
    )


def pending(store: Store, limit: int = 500) -> list[OutboxEvent]:
    rows = store.query("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?", (limit,))
    return [_event(r) for r in rows]


def rejected(store: Store) -> list[OutboxEvent]:
    return [_event(r) for r in store.query("SELECT * FROM outbox WHERE state = 'rejected' ORDER BY seq")]


def has_event(store: Store, event_id: str) -> bool:
    """Whether this device made (and still keeps) the event ``event_id``."""
    return store.scalar("SELECT 1 FROM outbox WHERE id = ?", (event_id,)) is not None


def has_unsent(store: Store, aggregate_id: str) -> bool:
    """Whether the device still has its own change of this aggregate to send (pending or rejected): a pulled
    change must not overwrite it. State first: the (state, seq) index leaves only the few unacknowledged rows."""
    return (
        store.scalar(
            "SELECT 1 FROM outbox WHERE state IN ('pending', 'rejected') AND aggregate_id = ? LIMIT 1",
            (aggregate_id,),
        )
        is not None
    )


def counts(store: Store) -> dict[str, int]:
    rows = store.query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
    out = {"pending": 0, "acked": 0, "rejected": 0}
    out.update({r["state"]: r["n"] for r in rows})
    return out


def mark_acked(store: Store, event_ids: list[str], at: str) -> None:
    with store.transaction():
        store.conn.executemany(
            "UPDATE outbox SET state = 'acked', acked_at = ? WHERE id = ? AND state = 'pending'",
            [(at, i) for i in event_ids],
        )


def mark_rejected(store: Store, event_id: str, reason: str) -> None:
    with store.transaction():
        store.conn.execute("UPDATE outbox SET state = 'rejected', reject_reason = ? WHERE id = ?", (reason, event_id))


def mark_attempt(store: Store, event_ids: list[str], error: str) -> None:
    with store.transaction():
        store.conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
            [(error, i) for i in event_ids],
        )


def requeue(store: Store, event_id: str, payload: dict[str, Any] | None = None) -> None:
    """Send a rejected event again (after a supervisor's fix)."""
    with store.transaction():
        if payload is not None:
            store.conn.execute("UPDATE outbox SET payload = ? WHERE id = ?", (dumps(payload), event_id))
        store.conn.execute(
            "UPDATE outbox SET state = 'pending', reject_reason = '' WHERE id = ? AND state = 'rejected'",
            (event_id,),
        )


def resend_acknowledged(store: Store) -> int:
    """Every acknowledged event still held back to pending, in its order (the server it went to was restored
    from an older backup; sync/hub/generation.py). Inside the caller's transaction; how many."""
    cur = store.conn.execute("UPDATE outbox SET state = 'pending', acked_at = NULL WHERE state = 'acked'")
    return int(cur.rowcount)


def prune_acknowledged(store: Store, before: str, batch: int = 5000) -> int:
    """Delete up to ``batch`` events acknowledged before ``before`` (ISO time); how many were deleted.

    Call it after the acknowledgements are written (each sync round) with ``before`` = now minus
    ``ACKED_RETENTION_DAYS``; pending and rejected events are never touched. Freed pages are reused by new rows,
    so the file stops growing by the outbox's share.
    """
    with store.transaction():
        cur = store.conn.execute(
            "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE state = 'acked' AND acked_at < ?"
            " ORDER BY seq LIMIT ?)",
            (before, batch),
        )
    return int(cur.rowcount)
