"""Applying a status change to a central dossier, from a device or from the back office.

Statuses can arrive late or out of order (a device offline for a day, a delayed retry), so the one with the
later time wins; equal times are decided by the event id, so the result never depends on arrival order. The
time is the *server's* view of when the change was made (:func:`sync.server.ingest.order_time`: the device's
clock corrected by its measured skew, never later than the moment the server received it), so a PC whose
clock says next year cannot freeze a dossier. When a device's change arrives after a newer one, the office is
sent the current status back, because the sender has shown the older one to its clerk.

Every status change in the feed names the event that set it (``event_id``, additive): a device that reads
several changes of one dossier in a page sets its current status from the last but keeps each in its history
once (a dossier finished and reopened keeps its first finishing time, as the province's history has it), and
knows its own changes when they come back.
"""

from __future__ import annotations

from typing import Any

from sync.protocol import constants as c
from sync.protocol.validation import Problem
from sync.server.db import Tx
from sync.server.dossier_lock import lock_dossier
from sync.server.feed import NewChange


def _data(
    row: dict[str, Any], status: int, from_status: int | None, reason: str, at: str, actor: str, source: str,
    event_id: str,
) -> dict[str, Any]:
    return {
        "event_id": event_id.lstrip("!") or None,  # the back office's key has "!" in front (see below)
        "dossier_id": row["id"],
        "code": row["code"],
        "status": status,
        "from_status": from_status,
        "reason": reason,
        "at": at,
        "actor": actor,
        "source": source,
    }


def apply_status(
    tx: Tx,
    office_code: str,
    payload: dict[str, Any],
    *,
    source: str,
    origin: str | None,
    out: list[NewChange],
    at: str,
    event_id: str,
    force: bool = False,
) -> Problem | None:
    """Set ``payload['to_status']`` at server-view time ``at`` unless a later status is already there; ``force``
    is the back office (it always wins)."""
    row, problem = lock_dossier(tx, office_code, payload, "id, code, status, status_at, status_reason, status_event")
    if row is None:
        return problem
    if force:
        at = max(at, row["status_at"])
    elif (at, event_id) < (row["status_at"], row["status_event"]):
        current = _data(row, row["status"], None, row["status_reason"], row["status_at"], "", "central",
                        row["status_event"])
        out.append(NewChange(c.CHANGE_DOSSIER_STATUS, row["id"], current, row["status_at"], office_code, None))
        return None
    reason = payload.get("reason") or ""
    tx.execute(
        "UPDATE dossiers SET status = ?, status_at = ?, status_reason = ?, status_event = ?, updated_at = ? "
        "WHERE id = ? AND office_code = ?",
        # The back office's key sorts before any event id: a device change of the same second, made after the
        # device saw the back office's status, still wins.
        (payload["to_status"], at, reason, event_id if not force else "!" + event_id, at, row["id"], office_code),
    )
    data = _data(row, payload["to_status"], row["status"], reason, at, payload.get("actor") or "", source, event_id)
    out.append(NewChange(c.CHANGE_DOSSIER_STATUS, row["id"], data, at, office_code, origin))
    return None
