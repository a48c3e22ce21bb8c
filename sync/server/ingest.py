"""Storing pushed events exactly once and answering each one on its own.

Event ids are claimed first, all in one ``INSERT … ON CONFLICT DO NOTHING RETURNING id``, so two deliveries of
the same batch racing each other on PostgreSQL serialise on those rows instead of both applying them. An
*accepted* id is final: the same body gets the same answer again, another body gets a conflict. A *rejected*
id wrote nothing, so it is evaluated afresh when it comes again: that is how a supervisor's fixed event goes
through. Dossiers are inserted in one statement too; a push costs a handful of statements, not a few per event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sync.protocol import constants as c
from sync.protocol.canonical import event_body_hash
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import normalise
from sync.protocol.validation import Problem, check_event
from sync.server.db import Tx
from sync.server.devices import Device
from sync.server.feed import NewChange, emit
from sync.server.status import apply_status

Result = dict[str, Any]
_T, _I = "text", "integer"
_EVENT_COLUMNS = [
    (name, _T)
    for name in (
        "id",
        "device_id",
        "office_code",
        "kind",
        "aggregate_id",
        "body_hash",
        "payload",
        "created_at",
        "received_at",
        "result",
        "error",
        "message",
    )
]
_DOSSIER_COLUMNS = [
    ("id", _T),
    ("code", _T),
    ("office_code", _T),
    ("device_id", _T),
    ("status", _I),
    ("status_at", _T),
    ("data", _T),
    ("received_at", _T),
    ("updated_at", _T),
]
_CONFLICT = Problem(c.ERR_CONFLICT, "this event id was accepted before with another body")


@dataclass
class _Item:
    ev: WireEvent
    body_hash: str
    payload_json: str
    problem: Problem | None
    final: Result | None = None  # answered from an earlier delivery


def _answer(event_id: str, problem: Problem | None, result: str | None = None) -> Result:
    if problem is None:
        return {"id": event_id, "result": c.RESULT_ACCEPTED}
    return {"id": event_id, "result": result or c.RESULT_REJECTED, "error": problem.error, "message": problem.message}


def _row(item: _Item, device: Device, now: str) -> tuple[Any, ...]:
    ev = item.ev
    problem = item.problem
    result = c.RESULT_REJECTED if problem else c.RESULT_ACCEPTED
    return (
        ev.id,
        device.id,
        device.office_code,
        ev.kind,
        ev.aggregate_id,
        item.body_hash,
        item.payload_json,
        ev.created_at,
        now,
        result,
        problem.error if problem else None,
        problem.message if problem else None,
    )


def _claim(tx: Tx, device: Device, items: list[_Item], now: str) -> None:
    """Record every event; an id seen before gets its final answer, or (if it was rejected) its new body."""
    claimed = {
        r["id"]
        for r in tx.insert_many(
            "events",
            _EVENT_COLUMNS,
            [_row(i, device, now) for i in items],
            "ON CONFLICT (id) DO NOTHING RETURNING id",
        )
    }
    seen = [i for i in items if i.ev.id not in claimed]
    if not seen:
        return
    marks = ", ".join("?" * len(seen))
    previous = {
        r["id"]: r
        for r in tx.all(
            f"SELECT id, office_code, body_hash, result FROM events WHERE id IN ({marks})" + tx.for_update,
            [i.ev.id for i in seen],
        )
    }
    for item in seen:
        prev = previous[item.ev.id]
        if prev["result"] == c.RESULT_ACCEPTED:
            same = prev["office_code"] == device.office_code and prev["body_hash"] == item.body_hash
            item.final = _answer(item.ev.id, None) if same else _answer(item.ev.id, _CONFLICT, c.RESULT_CONFLICT)
        else:  # rejected before: this delivery is evaluated afresh
            event_id, *values = _row(item, device, now)
            tx.execute(
                "UPDATE events SET device_id = ?, office_code = ?, kind = ?, aggregate_id = ?, body_hash = ?, "
                "payload = ?, created_at = ?, received_at = ?, result = ?, error = ?, message = ? "
                "WHERE id = ?",
                (*values, event_id),
            )


def _receive(tx: Tx, device: Device, items: list[_Item], now: str, out: list[NewChange]) -> None:
    rows = []
    for item in items:
        p = item.ev.payload
        received_at = normalise(p["received_at"])
        rows.append(
            (
                p["id"],
                p["code"],
                device.office_code,
                device.id,
                p["status"],
                received_at,
                item.payload_json,
                received_at,
                now,
            )
        )
    inserted = {
        r["id"]
        for r in tx.insert_many(
            "dossiers",
            _DOSSIER_COLUMNS,
            rows,
            "ON CONFLICT DO NOTHING RETURNING id",
        )
    }
    for item, row in zip(items, rows, strict=True):
        p = item.ev.payload
        if p["id"] in inserted:
            inserted.discard(p["id"])  # the same dossier twice in one push: only the first is new
            out.append(NewChange(c.CHANGE_DOSSIER, p["id"], item.payload_json, row[5], device.office_code, device.id))
        elif tx.one("SELECT id FROM dossiers WHERE id = ?", (p["id"],)):
            item.problem = Problem("dossier_exists", f"id: dossier {p['id']} was received before with another event")
        else:
            item.problem = Problem("code_taken", f"code: {p['code']} is already used by another dossier")


def ingest(tx: Tx, device: Device, events: Sequence[WireEvent], now: str) -> list[Result]:
    """Apply a batch in one transaction; one answer per event, in order."""
    firsts: dict[str, WireEvent] = {}
    for ev in events:
        firsts.setdefault(ev.id, ev)
    items = [
        _Item(
            ev,
            event_body_hash(ev.kind, ev.aggregate_id, ev.payload, ev.created_at),
            json.dumps(ev.payload, ensure_ascii=False),
            check_event(ev.id, ev.kind, ev.aggregate_id, ev.payload, ev.created_at, device.office_code),
        )
        for ev in firsts.values()
    ]
    _claim(tx, device, items, now)
    todo = [i for i in items if i.final is None and i.problem is None]
    out: list[NewChange] = []
    _receive(tx, device, [i for i in todo if i.ev.kind == c.EVENT_DOSSIER_RECEIVED], now, out)
    for item in todo:  # status changes after the dossiers of the same push exist
        if item.ev.kind == c.EVENT_STATUS_CHANGED:
            item.problem = apply_status(
                tx, device.office_code, item.ev.payload, source="device", origin=device.id, out=out
            )
    late = [i for i in todo if i.problem is not None]  # valid, but refused by what is stored
    tx.executemany(
        "UPDATE events SET result = ?, error = ?, message = ? WHERE id = ?",
        [(c.RESULT_REJECTED, i.problem.error, i.problem.message, i.ev.id) for i in late if i.problem],
    )
    emit(tx, out)
    answers = {i.ev.id: i for i in items}
    results = []
    for ev in events:
        item = answers[ev.id]
        first = item.final or _answer(ev.id, item.problem)
        if ev is not item.ev and event_body_hash(ev.kind, ev.aggregate_id, ev.payload, ev.created_at) != item.body_hash:
            first = _answer(ev.id, _CONFLICT, c.RESULT_CONFLICT)  # the same id twice in one push, two bodies
        results.append(first)
    return results
