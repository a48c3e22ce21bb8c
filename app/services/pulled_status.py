"""Status changes pulled from the feed: the current status from the last one, the history from every one.

Why: one page of the feed may hold several status changes of a dossier (finished late at the province, then
reopened). Setting the status from each in turn would walk a dossier through old statuses when a whole feed is
read again after a restore; setting it only from the last lost the finish: the device had no ``finished_at``
and no finishing step in its history, so its on-time figures (``app/domain/ontime.py`` reads the history)
differed from the province's. So the last change of a dossier in a page sets its status, and every change of
the page that names its event (``event_id``, sent by servers since the field was added) is kept in the history
once, under that id: a change read again, or the device's own change coming back (its history row and its
outbox event share the id, ``status_change.py``), is known and skipped. ``finished_at`` is the first finishing
time and is never cleared by a reopening, as the province counts it. Changes from a server that sends no
``event_id`` are applied as before (the last one only).
"""

from __future__ import annotations

from typing import Any

from app.domain.status import Status
from app.domain.timezone import stored_time_text
from app.services.ids import new_id
from app.store import audit, dossiers, outbox
from app.store.db import Store

# RETURNED too: the province may return a result straight from "in progress" (its set-status takes any code)
FINISHED = {Status.NOT_RECEIVED, Status.WITHDRAWN, Status.STOPPED, Status.PROCESSED, Status.RETURNED}


def known(store: Store, event_id: str | None) -> bool:
    """Whether this device already holds the change ``event_id`` (pulled before, or made here)."""
    return bool(event_id) and (dossiers.has_event(store, str(event_id)) or outbox.has_event(store, str(event_id)))


def apply_pulled_status(store: Store, dossier_id: str, data: dict[str, Any], now: str, actor: str,
                        *, current: bool) -> bool:
    """Apply one pulled status change; ``current``: it is the dossier's last in its page (it sets the status),
    else it only goes into the history. False when nothing changed here."""
    row = dossiers.find_by_id(store, dossier_id)
    event_id = data.get("event_id") or None
    if row is None or known(store, event_id) or (not current and event_id is None):
        return False
    target = Status(int(data["status"]))
    if current and target == row["status"]:
        return True  # already so here: its history has it (a change this device made before ids were shared)
    at = stored_time_text(data.get("at")) or now
    update: dict[str, Any] = {}
    if current:
        update["status"] = int(target)
    if target in FINISHED and not row["finished_at"]:
        update["finished_at"] = at
    if target == Status.RETURNED and (current or not row["returned_at"]):
        update["returned_at"] = at
    if update:
        dossiers.update(store, dossier_id, {**update, "updated_at": now})
    by = f"central:{data.get('actor') or data.get('source') or ''}"
    from_status = data.get("from_status") if data.get("from_status") is not None else row["status"]
    dossiers.add_event(store, {
        "id": event_id or new_id(), "dossier_id": dossier_id, "kind": "status", "from_status": from_status,
        "to_status": int(target), "reason": data.get("reason") or "", "actor": by, "at": at,
        "data": {"source": data.get("source")},
    })
    audit.append(store, at=now, actor=actor, action="dossier.status", object_type="dossier", object_id=row["code"],
                 detail={"from": from_status, "to": int(target), "by": by, **({} if current else {"history": True})})
    return True

