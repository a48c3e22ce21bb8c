"""Storing pushed events exactly once and answering each one on its own.

The event id is claimed first (``INSERT … ON CONFLICT DO NOTHING``), so two deliveries of the same batch
racing each other on PostgreSQL serialise on that row instead of both applying it. An *accepted* id is final:
the same body gets the same answer again, another body gets a conflict. A *rejected* id wrote nothing, so it
is evaluated afresh when it comes again: that is how a supervisor's fixed event goes through.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sync.protocol import constants as c
from sync.protocol.canonical import event_body_hash
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import normalise
from sync.protocol.validation import Problem, check_event
from sync.server.devices import Device
from sync.server.feed import NewChange, emit
from sync.server.status import apply_status

Result = dict[str, Any]


def _answer(event_id: str, result: str, problem: Problem | None = None) -> Result:
    if problem is None:
        return {"id": event_id, "result": result}
    return {"id": event_id, "result": result, "error": problem.error, "message": problem.message}


def _claim(tx: Any, device: Device, ev: WireEvent, body_hash: str, now: str, problem: Problem | None) -> Result | None:
    """Record the event; returns the final answer when the id was already accepted, else None."""
    result = c.RESULT_REJECTED if problem else c.RESULT_ACCEPTED
    values = (
        device.id,
        device.office_code,
        ev.kind,
        ev.aggregate_id,
        body_hash,
        json.dumps(ev.payload, ensure_ascii=False),
        ev.created_at,
        now,
        result,
        problem.error if problem else None,
        problem.message if problem else None,
    )
    claimed = tx.one(
        "INSERT INTO events (device_id, office_code, kind, aggregate_id, body_hash, payload, created_at, "
        "received_at, result, error, message, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING RETURNING id",
        (*values, ev.id),
    )
    if claimed:
        return None
    prev = tx.one("SELECT office_code, body_hash, result FROM events WHERE id = ?" + tx.for_update, (ev.id,))
    assert prev is not None
    if prev["result"] == c.RESULT_ACCEPTED:
        if prev["office_code"] == device.office_code and prev["body_hash"] == body_hash:
            return _answer(ev.id, c.RESULT_ACCEPTED)
        return _answer(
            ev.id,
            c.RESULT_CONFLICT,
            Problem(c.ERR_CONFLICT, "this event id was accepted before with another body"),
        )
    tx.execute(
        "UPDATE events SET device_id = ?, office_code = ?, kind = ?, aggregate_id = ?, body_hash = ?, "
        "payload = ?, created_at = ?, received_at = ?, result = ?, error = ?, message = ? WHERE id = ?",
        (*values, ev.id),
    )
    return None


def _receive(tx: Any, device: Device, ev: WireEvent, now: str, out: list[NewChange]) -> Problem | None:
    p = ev.payload
    received_at = normalise(p["received_at"])
    inserted = tx.one(
        "INSERT INTO dossiers (id, code, office_code, device_id, status, status_at, data, received_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        (
            p["id"],
            p["code"],
            device.office_code,
            device.id,
            p["status"],
            received_at,
            json.dumps(p, ensure_ascii=False),
            received_at,
            now,
        ),
    )
    if not inserted:
        if tx.one("SELECT id FROM dossiers WHERE id = ?", (p["id"],)):
            return Problem("dossier_exists", f"id: dossier {p['id']} was received before with another event")
        return Problem("code_taken", f"code: {p['code']} is already used by another dossier")
    out.append(NewChange(c.CHANGE_DOSSIER, p["id"], p, received_at, device.office_code, device.id))
    return None


def _one(tx: Any, device: Device, ev: WireEvent, now: str, out: list[NewChange]) -> Result:
    problem = check_event(ev.id, ev.kind, ev.aggregate_id, ev.payload, ev.created_at, device.office_code)
    final = _claim(tx, device, ev, event_body_hash(ev.kind, ev.aggregate_id, ev.payload, ev.created_at), now, problem)
    if final is not None:
        return final
    if problem is None:
        if ev.kind == c.EVENT_DOSSIER_RECEIVED:
            problem = _receive(tx, device, ev, now, out)
        else:
            problem = apply_status(tx, device.office_code, ev.payload, source="device", origin=device.id, out=out)
        if problem is not None:
            tx.execute(
                "UPDATE events SET result = ?, error = ?, message = ? WHERE id = ?",
                (c.RESULT_REJECTED, problem.error, problem.message, ev.id),
            )
    return _answer(ev.id, c.RESULT_REJECTED if problem else c.RESULT_ACCEPTED, problem)


def ingest(tx: Any, device: Device, events: Sequence[WireEvent], now: str) -> list[Result]:
    """Apply a batch in one transaction; one answer per event, in order."""
    out: list[NewChange] = []
    # The same id twice in one batch is answered like a repeated delivery: the first claim is visible here.
    results = [_one(tx, device, ev, now, out) for ev in events]
    emit(tx, out)
    return results
