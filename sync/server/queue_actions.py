"""The office queue's use cases on the hub: issue, call next, call a number, recall, no-show, finish, transfer.

The rules are the desktop's own (its domain's queue module, handed in by the hub's composition root as
:class:`~sync.server.queue_rules.QueueRules`): letters, number series, priority groups, who is called next,
recall and no-show limits — not a second copy, and no import of the app from here. What differs
is where time comes from: the hub's clock stamps every step, so a counter PC whose clock is ten minutes off
changes nothing in the order. Each action runs in the route's one write transaction (``BEGIN IMMEDIATE`` on
SQLite): the read of who waits and the write of who is called cannot interleave with another counter's, and
the queue event for the province is written in that same transaction into the server's ordinary events
table, so the hub's upstream forwarder sends it on like any other event.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync.protocol import constants as c
from sync.protocol.canonical import event_body_hash
from sync.protocol.queue_events import queue_payload
from sync.protocol.timefmt import parse_time
from sync.server import queue_counter_owner
from sync.server import queue_store as qs
from sync.server.db import Tx
from sync.server.devices import Device
from sync.server.queue_days import OFFICE_OFFSET, office_day, serving_at
from sync.server.queue_rules import QueueRules

ORDER_FIELDS = "id, letter, priority, arrival_at, seq"  # what the fairness rule reads of a waiting ticket


def _seconds(start: str | None, end: str) -> int | None:
    if not start:
        return None
    return max(0, int((parse_time(end) - parse_time(start)).total_seconds()))


def public(row: dict[str, Any]) -> dict[str, Any]:
    """A ticket as devices see it (the desktop's ``Ticket`` fields)."""
    keys = (
        "id",
        "day",
        "number",
        "letter",
        "priority_group",
        "state",
        "issued_at",
        "arrival_at",
        "called_at",
        "counter",
        "clerk",
        "recalls",
        "transfers",
    )
    return {k: row.get(k) for k in keys}


def _event(tx: Tx, device: Device, kind: str, row: dict[str, Any], now: str, counter: int | None, **extra: Any) -> None:
    """The protocol queue event, stored as accepted in the events table, and its line in the screens' log."""
    payload = queue_payload(row, counter, now, **extra)
    event_id = str(uuid.uuid4())
    tx.execute(
        "INSERT INTO events (id, device_id, office_code, kind, aggregate_id, body_hash, payload, created_at,"
        " received_at, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id,
            device.id,
            device.office_code,
            kind,
            row["id"],
            event_body_hash(kind, row["id"], payload, now),
            json.dumps(payload, ensure_ascii=False),
            now,
            now,
            c.RESULT_ACCEPTED,
        ),
    )
    qs.log(tx, device.office_code, event_id, kind, row, counter, now)


def insert_waiting(
    tx: Tx,
    device: Device,
    ticket_id: str,
    day: str,
    number: str,
    letter: str,
    group: str,
    source: str,
    arrival: str,
    now: str,
) -> dict[str, Any]:
    """A new waiting ticket of the office (issued here, or adopted from a PC): the row, with its ``seq``."""
    row: dict[str, Any] = {
        "id": ticket_id,
        "office_code": device.office_code,
        "day": day,
        "number": number,
        "letter": letter,
        "priority_group": group,
        "priority": int(bool(group)),
        "state": "waiting",
        "source": source,
        "device_id": device.id,
        "issued_at": arrival,
        "arrival_at": arrival,
        "queued_at": arrival,
        "updated_at": now,
    }
    row["seq"] = qs.insert_ticket(tx, row)
    return row


def fresh(row: dict[str, Any]) -> dict[str, Any]:
    """A ticket just put in the queue, as devices see it."""
    return public({**row, "called_at": None, "counter": None, "clerk": "", "recalls": 0, "transfers": 0})


def _close(tx: Tx, device: Device, row: dict[str, Any], state: str, now: str) -> dict[str, Any]:
    spent = _seconds(row["called_at"], now)
    fields: dict[str, Any] = {"state": state, "finished_at": now, "updated_at": now}
    if state == "served":
        fields["service_seconds"] = (row["service_seconds"] or 0) + (spent or 0)
    qs.update_ticket(tx, row["id"], fields)
    kind = c.QUEUE_FINISHED if state == "served" else c.QUEUE_NO_SHOW
    _event(tx, device, kind, row, now, row["counter"], service_seconds=spent)
    return {**row, **fields}


def _call(
    rules: QueueRules,
    tx: Tx,
    device: Device,
    row: dict[str, Any],
    counter: int,
    now: str,
    clerk: str,
    out_of_order: bool,
) -> dict[str, Any]:
    current = serving_at(rules, tx, device.office_code, now, counter)  # carried over midnight too
    if current:
        queue_counter_owner.check(rules, tx, device, current, now)  # another running PC serves it there
    closed = _close(tx, device, current, "served", now) if current else None
    fields: dict[str, Any] = {
        "state": "called",
        "counter": counter,
        "clerk": clerk,
        "called_at": now,
        "recalls": 0,
        "finished_at": None,
        "updated_at": now,
    }
    if row["first_called_at"] is None:
        fields["first_called_at"] = now
        fields["wait_seconds"] = _seconds(row["arrival_at"], now)
    qs.update_ticket(tx, row["id"], fields)
    wait = _seconds(row["queued_at"], now)
    _event(tx, device, c.QUEUE_CALLED, row, now, counter, wait_seconds=wait, out_of_order=out_of_order or None)
    return {"ticket": public({**row, **fields}), "counter": counter, "closed": closed["number"] if closed else None}


def _call_row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": r["seq"],
        "number": r["number"],
        "counter": r["counter"],
        "at": r["at"],
        "recall": r["kind"] == c.QUEUE_RECALLED,
    }


def new_calls(tx: Tx, office: str, now: str, after: int) -> list[dict[str, Any]]:
    return [_call_row(r) for r in qs.calls_after(tx, office, office_day(now), after)]


def to_local(moment: str) -> str:
    """A hub time (UTC) as the desktop shows times: Vietnam time with its offset."""
    return (parse_time(moment) + OFFICE_OFFSET).replace(tzinfo=None).isoformat(timespec="seconds") + "+07:00"


def options(tx: Tx, office: str) -> dict[str, Any]:
    return {
        "recalls_before_no_show": int(qs.option(tx, office, "recalls_before_no_show", 2)),
        "voice": qs.option(tx, office, "voice", "clips"),
        "chime": bool(qs.option(tx, office, "chime", True)),
    }


class QueueActions:
    """The use cases, bound to the office queue's rules (:class:`~sync.server.queue_rules.QueueRules`)."""

    def __init__(self, rules: QueueRules) -> None:
        self.rules = rules

    def ensure_services(self, tx: Tx, office: str) -> None:
        """A new office starts with the desktop's default services (a supervisor changes them afterwards)."""
        if not qs.services(tx, office, include_inactive=True):
            for position, (letter, vi, en) in enumerate(self.rules.DEFAULT_SERVICES):
                qs.save_service(tx, office, letter, vi, en, position, True)

    def service_of(self, tx: Tx, office: str, letter: str) -> dict[str, Any]:
        code = self.rules.validate_letter(letter)
        self.ensure_services(tx, office)
        rows = qs.services(tx, office)
        for s in rows:
            if s["letter"] == code:
                return s
        raise self.rules.unknown_service(code, ", ".join(f"{s['letter']} {s['name_vi']}" for s in rows))

    def issue(
        self, tx: Tx, device: Device, now: str, letter: str, group: str, source: str, ticket_id: str
    ) -> dict[str, Any]:
        svc = self.service_of(tx, device.office_code, letter)
        group = self.rules.validate_priority_group(group)
        office, day = device.office_code, office_day(now)
        number = self.rules.next_in_series(qs.last_number(tx, office, day, svc["letter"]), svc["letter"])
        qs.set_last_number(tx, office, day, svc["letter"], number)
        number_text = self.rules.format_number(svc["letter"], number)
        row = insert_waiting(tx, device, ticket_id, day, number_text, svc["letter"], group, source, now, now)
        ahead = qs.count_before(tx, office, day, self._waiting(row), self.rules.order_key)
        serving = sum(1 for ctr in qs.counters(tx, office) if svc["letter"] in ctr["letters"])
        wait = self.rules.estimate_wait_minutes(ahead, None, serving)
        _event(tx, device, c.QUEUE_ISSUED, row, now, None, source=source or None)
        return {
            "ticket": fresh(row),
            "service_name": svc["name_vi"],
            "ahead": ahead,
            "wait_minutes": wait,
        }

    def _waiting(self, row: dict[str, Any]) -> Any:
        return self.rules.Waiting(row["id"], row["letter"], bool(row["priority"]), row["arrival_at"], int(row["seq"]))

    def _letters(self, tx: Tx, office: str, counter: int) -> list[str]:
        self.rules.validate_counter(counter)
        self.ensure_services(tx, office)
        letters = qs.counter_letters(tx, office, counter)
        if not letters:
            raise self.rules.no_services(counter)
        return letters

    def _current(self, tx: Tx, device: Device, counter: int, now: str) -> dict[str, Any]:
        """The ticket ``device`` serves at ``counter`` (not one another running PC called there)."""
        self.rules.validate_counter(counter)
        row = serving_at(self.rules, tx, device.office_code, now, counter)
        if row is None:
            raise self.rules.not_serving(counter)
        queue_counter_owner.check(self.rules, tx, device, row, now)
        return row

    def call_next(self, tx: Tx, device: Device, now: str, counter: int, clerk: str) -> dict[str, Any]:
        """The next citizen for ``counter`` by the domain's rule: priority by law first, then first come."""
        office, day = device.office_code, office_day(now)
        letters = self._letters(tx, office, counter)
        candidates = [self._waiting(r) for r in qs.heads(tx, office, day, letters, ORDER_FIELDS)]
        chosen = self.rules.pick_next(candidates, letters)
        if chosen is None:
            raise self.rules.nobody_waiting(letters, counter)
        row = qs.ticket(tx, office, chosen.ticket_id)
        assert row is not None
        return _call(self.rules, tx, device, row, counter, now, clerk, False)

    def _by_number(self, tx: Tx, office: str, day: str, text: str) -> dict[str, Any]:
        row = qs.by_number(tx, office, day, self.rules.normal_number(text))
        if row is None:
            raise self.rules.no_ticket(text)
        return row

    def call_number(self, tx: Tx, device: Device, now: str, counter: int, number: str, clerk: str) -> dict[str, Any]:
        """Serve out of order: a waiting (or earlier no-show) ticket, by its number."""
        office, day = device.office_code, office_day(now)
        self._letters(tx, office, counter)
        row = self._by_number(tx, office, day, number)
        if row["state"] not in ("waiting", "no_show"):
            raise self.rules.not_callable(row["number"], row["state"])
        return _call(self.rules, tx, device, row, counter, now, clerk, True)

    def recall(self, tx: Tx, device: Device, now: str, counter: int) -> dict[str, Any]:
        office = device.office_code
        row = self._current(tx, device, counter, now)
        self.rules.check_recall(row["recalls"], int(qs.option(tx, office, "recalls_before_no_show", 2)))
        fields = {"recalls": row["recalls"] + 1, "updated_at": now}
        qs.update_ticket(tx, row["id"], fields)
        _event(tx, device, c.QUEUE_RECALLED, row, now, counter, recall=fields["recalls"])
        return {"ticket": public({**row, **fields}), "counter": counter, "closed": None}

    def no_show(self, tx: Tx, device: Device, now: str, counter: int) -> dict[str, Any]:
        office = device.office_code
        row = self._current(tx, device, counter, now)
        self.rules.check_no_show(row["recalls"], int(qs.option(tx, office, "recalls_before_no_show", 2)))
        return {"ticket": public(_close(tx, device, row, "no_show", now))}

    def finish(self, tx: Tx, device: Device, now: str, counter: int) -> dict[str, Any]:
        row = self._current(tx, device, counter, now)
        return {"ticket": public(_close(tx, device, row, "served", now))}

    def transfer(
        self, tx: Tx, device: Device, now: str, counter: int, to_letter: str, number: str | None
    ) -> dict[str, Any]:
        """Send a ticket to another service's line (called at whichever counter PC serves it), keeping its arrival."""
        office, day = device.office_code, office_day(now)
        target = self.service_of(tx, office, to_letter)
        self.rules.validate_counter(counter)
        row = self._current(tx, device, counter, now) if number is None else self._by_number(tx, office, day, number)
        self.rules.check_transfer(row["number"], row["state"], row["letter"], target["letter"])
        spent = _seconds(row["called_at"], now) if row["state"] == "called" else None
        fields = self.rules.transferred(row, target["letter"], now, spent)
        qs.update_ticket(tx, row["id"], fields)
        _event(
            tx,
            device,
            c.QUEUE_TRANSFERRED,
            row,
            now,
            row["counter"] or counter,
            service_seconds=spent,
            to_service=target["letter"],
        )
        return {"ticket": public({**row, **fields})}

    def board(self, tx: Tx, office: str, now: str, last: int = 6) -> dict[str, Any]:
        """What a waiting-room screen shows, with the log position it is up to date with."""
        day = office_day(now)
        self.ensure_services(tx, office)
        return {
            "day": day,
            "serving": [[r["counter"], r["number"]] for r in qs.serving(tx, office, day)],
            "last_calls": [_call_row(r) for r in qs.last_calls(tx, office, day, last)],
            "waiting": qs.waiting_counts(tx, office, day),
            "services": {s["letter"]: s["name_vi"] for s in qs.services(tx, office)},
            "counters": [ctr["counter"] for ctr in qs.counters(tx, office) if ctr["letters"]],
            "voice": qs.option(tx, office, "voice", "clips"),
            "chime": qs.option(tx, office, "chime", True),
            "last_seq": qs.last_seq(tx, office),
        }

    def waiting_list(self, tx: Tx, office: str, now: str, counter: int | None) -> list[dict[str, Any]]:
        day = office_day(now)
        letters = None if counter is None else self._letters(tx, office, counter)
        rows = qs.waiting(tx, office, day, letters)
        return [public(r) for r in rows]

    def desk(self, tx: Tx, office: str, now: str, counter: int) -> dict[str, Any]:
        """What a clerk's queue panel shows: the counter's services, its current ticket, the waiting list."""
        self.rules.validate_counter(counter)
        self.ensure_services(tx, office)
        day = office_day(now)
        letters = qs.counter_letters(tx, office, counter)
        current = serving_at(self.rules, tx, office, now, counter)
        return {
            "letters": letters,
            "current": public(current) if current else None,
            "waiting": [public(r) for r in qs.waiting(tx, office, day, letters)],
            "services": [{"letter": s["letter"], "name": s["name_vi"]} for s in qs.services(tx, office)],
        }

    def set_options(
        self, tx: Tx, office: str, recalls: int | None, voice: str | None, chime: bool | None
    ) -> dict[str, Any]:
        for key, value in self.rules.queue_options(recalls, voice, chime).items():
            qs.set_option(tx, office, key, value)
        return options(tx, office)

    def config(self, tx: Tx, office: str) -> dict[str, Any]:
        self.ensure_services(tx, office)
        return {
            "services": [
                {
                    "letter": s["letter"],
                    "name": s["name_vi"],
                    "name_en": s["name_en"],
                    "active": bool(s["active"]),
                    "position": s["position"],
                }
                for s in qs.services(tx, office, include_inactive=True)
            ],
            "counters": qs.counters(tx, office),
            **options(tx, office),
        }

    def save_service(self, tx: Tx, office: str, letter: str, name: str, name_en: str, active: bool) -> dict[str, Any]:
        code = self.rules.validate_letter(letter)
        name_vi = self.rules.validate_service_name(name)
        self.ensure_services(tx, office)
        existing = {s["letter"]: s for s in qs.services(tx, office, include_inactive=True)}
        position = existing[code]["position"] if code in existing else len(existing)
        qs.save_service(tx, office, code, name_vi, name_en.strip(), position, active)
        return {"letter": code, "name": name_vi, "active": active}

    def save_counter(self, tx: Tx, office: str, counter: int, letters: list[str], name: str) -> dict[str, Any]:
        self.rules.validate_counter(counter)
        codes = [self.rules.validate_letter(x) for x in letters]
        for code in codes:
            self.service_of(tx, office, code)
        qs.save_counter(tx, office, counter, name.strip(), codes)
        return {"counter": counter, "letters": codes}
