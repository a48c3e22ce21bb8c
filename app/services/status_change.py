"""Moving a dossier through the national status codes, only along the domain's status machine.

Refusal, supplement requests and stops need a reason (checked before anything is written). The event, the audit
row and the outbox event are written with the status in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.status import Status, check_transition
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.store import audit, dossiers, outbox

_FINISHING = {Status.NOT_RECEIVED, Status.WITHDRAWN, Status.STOPPED, Status.PROCESSED}


@dataclass(frozen=True)
class StatusResult:
    dossier: dict[str, Any]
    from_status: Status
    to_status: Status
    reason: str
    changes: Changes


def change_status(ctx: ServiceContext, code: str, target: Status | int, reason: str | None = None) -> StatusResult:
    store = ctx.store
    target = Status(int(target))
    current_row = dossiers.by_code(store, code)
    current = Status(current_row["status"])
    cleaned = check_transition(current, target, reason)
    now = iso(ctx.clock.now())
    changes: dict[str, Any] = {"status": int(target), "updated_at": now}
    if target in _FINISHING and not current_row["finished_at"]:
        changes["finished_at"] = now
    if target == Status.RETURNED:
        changes["returned_at"] = now
    if target == Status.SUPPLEMENT:
        changes["supplement_count"] = current_row["supplement_count"] + 1
    event_id = new_id()  # the history row and the outbox event share it: the change is known when it comes back
    with store.transaction():
        dossiers.update(store, current_row["id"], changes)
        dossiers.add_event(
            store,
            {
                "id": event_id,
                "dossier_id": current_row["id"],
                "kind": "status",
                "from_status": int(current),
                "to_status": int(target),
                "reason": cleaned,
                "actor": ctx.actor.username,
                "at": now,
            },
        )
        audit.append(
            store,
            at=now,
            actor=ctx.actor.username,
            action="dossier.status",
            object_type="dossier",
            object_id=current_row["code"],
            detail={"from": int(current), "to": int(target), "reason": cleaned},
        )
        outbox.append(
            store,
            event_id=event_id,
            kind="dossier.status_changed",
            aggregate_id=current_row["id"],
            payload={
                "dossier_id": current_row["id"],
                "code": current_row["code"],
                "from_status": int(current),
                "to_status": int(target),
                "reason": cleaned,
                "at": now,
                "actor": ctx.actor.username,
            },
            created_at=now,
        )
    updated = {**current_row, **changes}
    return StatusResult(updated, current, target, cleaned, Changes(dossier_ids=(current_row["id"],)))
