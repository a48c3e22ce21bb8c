"""Storing pushed events exactly once and answering each one on its own.

Event ids are claimed first, all in one ``INSERT … ON CONFLICT DO NOTHING RETURNING id``, so two deliveries of
the same batch racing each other on PostgreSQL serialise on those rows instead of both applying them. An
*accepted* id is final: the same body gets the same answer again, another body gets a conflict. A *rejected*
id wrote nothing, so it is evaluated afresh when it comes again: that is how a supervisor's fixed event goes
through. Dossiers are inserted in one statement too; a push costs a handful of statements, not a few per event.

Nothing a device sends can fail the batch: every event is validated alone against the receiver's clock
(:func:`sync.protocol.validation.check_event`), and what a rejected event carries is stored escaped (a lone
surrogate or a NUL cannot break the insert). Time is the server's: each event is stamped with the moment it
was received, and the order of status changes uses the device's time corrected by the skew its push shows
(``sent_at``), capped at that moment (:func:`order_time`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sync.protocol import constants as c
from sync.protocol.canonical import body_hash_of, event_body_hash, fast_canonical_json
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import format_utc, parse_time
from sync.protocol.validation import Problem, check_event, code_parts
from sync.server import origin
from sync.server.correction import apply_corrections
from sync.server.db import Tx
from sync.server.devices import ROLE_HUB, Device, held_slots
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
] + [("skew_ms", "bigint"), ("origin_device", _T)]
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
    ("status_event", _T),
]
_CONFLICT = Problem(c.ERR_CONFLICT, "this event id was accepted before with another body")


@dataclass
class _Item:
    ev: WireEvent
    body_hash: str
    payload_json: str
    problem: Problem | None
    final: Result | None = None  # answered from an earlier delivery


def _storable(text: str) -> str:
    """Text any database takes: lone surrogates and NULs escaped (only rejected events can carry them)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\u0000")


def device_skew(sent_at: str | None, now: str) -> timedelta:
    """How far the device's clock is behind the server's, from the ``sent_at`` of its push; zero when the
    device is within CLOCK_TRUST_SECONDS (network latency is not skew) or says nothing usable."""
    if not sent_at:
        return timedelta(0)
    try:
        skew = parse_time(now) - parse_time(sent_at)
    except ValueError:
        return timedelta(0)
    return skew if abs(skew.total_seconds()) > c.CLOCK_TRUST_SECONDS else timedelta(0)


def order_time(device_time: str, skew: timedelta, now: str) -> str:
    """The server's view of when a device did something: its clock corrected by its skew, never later than the
    moment the server received it (a clock ahead cannot win every comparison), to the whole second (devices
    write seconds; the back office's milliseconds must not beat a change made in the same second)."""
    try:
        moment = min(parse_time(device_time) + skew, parse_time(now))
    except (ValueError, OverflowError):
        moment = parse_time(now)
    return format_utc(moment.replace(microsecond=0))


@dataclass
class Delivery:
    """One push: a device's events, stored with other pushes in one transaction by :func:`ingest_many`."""

    device: Device
    events: Sequence[WireEvent]
    sent_at: str | None = None
    skew: timedelta = timedelta(0)
    items: list[_Item] = field(default_factory=list)


def _answer(event_id: str, problem: Problem | None, result: str | None = None) -> Result:
    if problem is None:
        return {"id": event_id, "result": c.RESULT_ACCEPTED}
    return {"id": event_id, "result": result or c.RESULT_REJECTED, "error": problem.error, "message": problem.message}


def _row(item: _Item, device: Device, now: str, skew: timedelta) -> tuple[Any, ...]:
    ev = item.ev
    problem = item.problem
    result = c.RESULT_REJECTED if problem else c.RESULT_ACCEPTED
    safe = _storable if problem else str
    return (
        ev.id,
        device.id,
        device.office_code,
        safe(ev.kind),
        safe(ev.aggregate_id),
        item.body_hash,
        item.payload_json,
        safe(ev.created_at),
        now,
        result,
        problem.error if problem else None,
        _storable(problem.message) if problem else None,
        origin.skew_ms(origin.event_skew(device, skew, ev)),
        origin.origin_of(device, ev),
    )


def _claim(tx: Tx, deliveries: Sequence[Delivery], now: str) -> None:
    """Record every event; an id seen before gets its final answer, or (if it was rejected) its new body. The
    deliveries share no event id within an office (:mod:`sync.server.push_batch` keeps such pushes apart)."""
    claimed = {
        (r["office_code"], r["id"])
        for r in tx.insert_many(
            "events",
            _EVENT_COLUMNS,
            [_row(i, d.device, now, d.skew) for d in deliveries for i in d.items],
            "ON CONFLICT (office_code, id) DO NOTHING RETURNING office_code, id",
        )
    }
    for d in deliveries:
        seen = [i for i in d.items if (d.device.office_code, i.ev.id) not in claimed]
        if seen:
            _seen_before(tx, d.device, seen, now, d.skew)


def _seen_before(tx: Tx, device: Device, seen: list[_Item], now: str, skew: timedelta) -> None:
    marks = ", ".join("?" * len(seen))
    previous = {
        r["id"]: r
        for r in tx.all(
            f"SELECT id, office_code, body_hash, result FROM events WHERE office_code = ? AND id IN ({marks})"
            + tx.for_update,
            [device.office_code, *(i.ev.id for i in seen)],
        )
    }
    for item in seen:
        prev = previous[item.ev.id]
        if prev["result"] == c.RESULT_ACCEPTED:
            same = prev["office_code"] == device.office_code and prev["body_hash"] == item.body_hash
            item.final = _answer(item.ev.id, None) if same else _answer(item.ev.id, _CONFLICT, c.RESULT_CONFLICT)
        else:  # rejected before: this delivery is evaluated afresh
            event_id, *values = _row(item, device, now, skew)
            tx.execute(
                "UPDATE events SET device_id = ?, office_code = ?, kind = ?, aggregate_id = ?, body_hash = ?, "
                "payload = ?, created_at = ?, received_at = ?, result = ?, error = ?, message = ?, skew_ms = ?, "
                "origin_device = ? "
                "WHERE office_code = ? AND id = ?",
                (*values, device.office_code, event_id),
            )


def _own_slot(tx: Tx, device: Device, items: list[_Item]) -> list[_Item]:
    """Codes are numbered in the sender's slot (one it holds or held): another device's numbers are refused. An
    office hub forwards every slot of its office (it checks its own devices' slots at its edge); a slotless
    device was refused before (:func:`sync.server.origin.check_makers`)."""
    if device.role == ROLE_HUB:
        return items
    slots = held_slots(tx, device.office_code, device.id) | {device.slot}
    good = []
    for item in items:
        number = code_parts(item.ev.payload["code"])[2]
        if number // 1000 in slots:
            good.append(item)
        else:
            item.problem = Problem(
                "code_not_in_slot",
                f"code: number {number:04d} is in slot {number // 1000}, which device slot {device.slot} never held",
            )
    return good


def _receive(tx: Tx, received: Sequence[tuple[Delivery, list[_Item]]], now: str, out: list[NewChange]) -> None:
    """The dossiers of every delivery's receptions in one insert; a dossier already there is refused per event."""
    rows = []
    for d, items in received:
        items[:] = _own_slot(tx, d.device, items)
        for item in items:
            p = item.ev.payload
            received_at = order_time(p["received_at"], origin.event_skew(d.device, d.skew, item.ev), now)
            rows.append(
                (
                    p["id"],
                    p["code"],
                    d.device.office_code,
                    origin.origin_of(d.device, item.ev) or d.device.id,  # the counter that received it, not its hub
                    p["status"],
                    received_at,
                    item.payload_json,
                    received_at,
                    now,
                    item.ev.id,
                )
            )
    inserted = {
        (r["office_code"], r["id"])
        for r in tx.insert_many(
            "dossiers",
            _DOSSIER_COLUMNS,
            rows,
            "ON CONFLICT DO NOTHING RETURNING office_code, id",
        )
    }
    made = iter(rows)
    for d, items in received:
        office = d.device.office_code
        for item, row in zip(items, made, strict=False):
            p = item.ev.payload
            if (office, p["id"]) in inserted:
                inserted.discard((office, p["id"]))  # the same dossier twice: only the first is new
                out.append(NewChange(c.CHANGE_DOSSIER, p["id"], item.payload_json, row[5], office, d.device.id))
            elif _came_down_first(tx, office, p, row[3]):
                pass  # the reception of a dossier a restored hub had back from the province's feed first: accepted
            elif tx.one("SELECT id FROM dossiers WHERE office_code = ? AND id = ?", (office, p["id"])):
                item.problem = Problem(
                    "dossier_exists", f"id: dossier {p['id']} was received before with another event"
                )
            else:
                item.problem = Problem("code_taken", f"code: {p['code']} is already used by another dossier")


def _came_down_first(tx: Tx, office: str, p: dict[str, Any], maker: str) -> bool:
    """The dossier is here with the same code and no maker: it came down the province's feed (a hub restored
    from a backup pulls again what it forwarded after it); this event is its reception, and names the maker."""
    return tx.execute(
        "UPDATE dossiers SET device_id = ? WHERE office_code = ? AND id = ? AND code = ? AND device_id IS NULL",
        (maker, office, p["id"], p["code"]),
    ) == 1


def _item(ev: WireEvent, device: Device, clock: datetime) -> _Item:
    """Validate one event; its payload is serialised once (canonical JSON, by orjson: the same bytes as ``json``'s
    for what validation accepts) for the size check, the body hash and what is stored: serialising it three
    times was a quarter of a push's CPU."""
    try:
        canonical: bytes | None = fast_canonical_json(ev.payload)
    except (RecursionError, ValueError, TypeError):  # validation names what is wrong with it
        canonical = None
    size = None if canonical is None else len(canonical)
    problem = check_event(
        ev.id, ev.kind, ev.aggregate_id, ev.payload, ev.created_at, device.office_code, now=clock, payload_bytes=size
    )
    if problem is not None or canonical is None:
        # A rejected payload may hold what UTF-8 or PostgreSQL cannot store: kept ASCII-escaped, as JSON allows.
        return _Item(
            ev,
            event_body_hash(ev.kind, ev.aggregate_id, ev.payload, ev.created_at),
            json.dumps(ev.payload, ensure_ascii=True),
            problem,
        )
    return _Item(ev, body_hash_of(ev.kind, ev.aggregate_id, canonical, ev.created_at), canonical.decode(), None)


def ingest(
    tx: Tx, device: Device, events: Sequence[WireEvent], now: str, sent_at: str | None = None
) -> list[Result]:
    """Apply a batch in one transaction; one answer per event, in order."""
    return ingest_many(tx, [Delivery(device, events, sent_at)], now)[0]


def ingest_many(tx: Tx, deliveries: Sequence[Delivery], now: str) -> list[list[Result]]:
    """Apply several pushes in one transaction, each answered as if alone: one list of answers per delivery.
    Their statements are shared (one insert per table for all of them), which is what makes a wave of pushes
    cheaper stored together (:mod:`sync.server.push_batch`). Pushes stored together are concurrent: the
    receptions of all of them come before the status changes of any, as they would if they had come in that order."""
    clock = parse_time(now)
    for d in deliveries:
        firsts: dict[str, WireEvent] = {}
        for ev in d.events:
            firsts.setdefault(ev.id, ev)
        d.skew = device_skew(d.sent_at, now)
        d.items = [_item(ev, d.device, clock) for ev in firsts.values()]
    _claim(tx, deliveries, now)
    todos, oks = [], []
    for d in deliveries:
        todo = [i for i in d.items if i.final is None and i.problem is None]
        origin.check_makers(tx, d.device, todo)
        todos.append(todo)
        oks.append([i for i in todo if i.problem is None])
    out: list[NewChange] = []
    receptions = [[i for i in ok if i.ev.kind == c.EVENT_DOSSIER_RECEIVED] for ok in oks]
    _receive(tx, list(zip(deliveries, receptions, strict=True)), now, out)
    late: list[tuple[Any, ...]] = []
    for d, todo, ok in zip(deliveries, todos, oks, strict=True):
        device, skew = d.device, d.skew

        def when(ev: WireEvent, device: Device = device, skew: timedelta = skew) -> str:
            """The server's view of when the event's device made the change."""
            return order_time(ev.payload["at"], origin.event_skew(device, skew, ev), now)

        for item in ok:  # status changes after the dossiers of the same push exist
            if item.ev.kind == c.EVENT_STATUS_CHANGED:
                item.problem = apply_status(
                    tx, device.office_code, item.ev.payload, source="device", origin=device.id, out=out,
                    at=when(item.ev), event_id=item.ev.id,
                )
        apply_corrections(ok, tx, device.office_code, device.id, when, out)
        late += [  # valid, but refused by what is stored
            (c.RESULT_REJECTED, i.problem.error, i.problem.message, device.office_code, i.ev.id)
            for i in todo
            if i.problem is not None
        ]
    tx.executemany("UPDATE events SET result = ?, error = ?, message = ? WHERE office_code = ? AND id = ?", late)
    emit(tx, out)
    return [_results(d) for d in deliveries]


def _results(d: Delivery) -> list[Result]:
    answers = {i.ev.id: i for i in d.items}
    results = []
    for ev in d.events:
        item = answers[ev.id]
        first = item.final or _answer(ev.id, item.problem)
        if ev is not item.ev and event_body_hash(ev.kind, ev.aggregate_id, ev.payload, ev.created_at) != item.body_hash:
            first = _answer(ev.id, _CONFLICT, c.RESULT_CONFLICT)  # the same id twice in one push, two bodies
        results.append(first)
    return results
