"""The hub's outbox to the province: every accepted row of its events table, exactly once, ids unchanged.

Why the events table and not a queue of its own: whatever the hub accepts (a counter's dossier, a status, an
office queue event) is already stored there with its device's event id and body, in the same transaction as
the change it made. Forwarding them with the same ids and bodies keeps the protocol's idempotency end to end:
a device that once sent an event straight to the province and later again through the hub is answered
"accepted" twice and stored once. ``hub_forwarded`` records each answer the province gave; an event without a
row is sent (again) on the next pass, so a hub killed mid-push resends and nothing is lost or doubled.
"""

from __future__ import annotations

import json
from typing import Any

from sync.client import api
from sync.client.transport import Transport
from sync.protocol.timefmt import utc_now
from sync.server.db import Database

BATCH = 250

_WAITING = (
    "FROM events e WHERE e.office_code = ? AND e.result = 'accepted' AND NOT EXISTS "
    "(SELECT 1 FROM hub_forwarded f WHERE f.office_code = e.office_code AND f.event_id = e.id)"
)
_PENDING = (
    "SELECT e.id, e.kind, e.aggregate_id, e.payload, e.created_at, e.device_id, e.skew_ms "
    f"{_WAITING} ORDER BY e.received_at, e.rowid LIMIT ?"
)


def pending(db: Database, office_code: str, limit: int = BATCH) -> list[dict[str, Any]]:
    with db.transaction(write=False) as tx:
        return tx.all(_PENDING, (office_code, limit))


def any_waiting(db: Database, office_code: str) -> bool:
    """Whether an event still waits to go up (the page uploader lets events go first)."""
    with db.transaction(write=False) as tx:
        return tx.one(f"SELECT 1 {_WAITING} LIMIT 1", (office_code,)) is not None


def encode(row: dict[str, Any]) -> bytes:
    """The event as the device sent it: the stored payload text is embedded as is (same body, same hash); with
    the device that made it and the skew the hub measured on its clock (:mod:`sync.server.origin`)."""
    head = {"id": row["id"], "kind": row["kind"], "aggregate_id": row["aggregate_id"], "created_at": row["created_at"]}
    if row.get("device_id"):
        head["device_id"] = row["device_id"]
    if row.get("skew_ms"):
        head["skew_ms"] = int(row["skew_ms"])
    text = json.dumps(head, ensure_ascii=False)[:-1] + ',"payload":' + row["payload"] + "}"
    return text.encode("utf-8")


def forward_once(db: Database, t: Transport, office_code: str, limit: int = BATCH) -> tuple[int, int]:
    """Send one batch; returns (sent, refused by the province). Raises the transport's errors (nothing marked)."""
    rows = pending(db, office_code, limit)
    if not rows:
        return 0, 0
    answer = api.push(t, [encode(r) for r in rows], utc_now())
    now = utc_now()
    sent = {x["id"] for x in rows}
    marks = [(office_code, r.id, now, r.result, r.error, r.message) for r in answer.results if r.id in sent]
    with db.transaction() as tx:
        tx.executemany(
            "INSERT INTO hub_forwarded (office_code, event_id, forwarded_at, result, error, message) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (office_code, event_id) DO NOTHING",
            marks,
        )
    return len(marks), sum(1 for m in marks if m[3] != "accepted")


def counts(db: Database, office_code: str) -> dict[str, int]:
    """How many events wait to go up, went up, and were refused by the province (for ``hub status``)."""
    with db.transaction(write=False) as tx:
        waiting = tx.scalar(f"SELECT COUNT(*) AS n {_WAITING}", (office_code,))
        done = tx.all(
            "SELECT result, COUNT(*) AS n FROM hub_forwarded WHERE office_code = ? GROUP BY result", (office_code,)
        )
    by = {r["result"]: int(r["n"]) for r in done}
    return {"waiting": int(waiting or 0), "forwarded": sum(by.values()), "refused": sum(
        n for k, n in by.items() if k != "accepted")}
