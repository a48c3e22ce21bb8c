"""Validation of queue events (``queue.issued`` … ``queue.finished``): one ticket's step, with its time.

Why in the protocol: the province learns waiting and serving times per office, service and counter only from
these events, whether they come from an office hub or from a PC that runs its own queue. They are checked at
the edge like dossier events, so a malformed one is rejected alone with the field named.

Payload (every kind): ``ticket_id`` (UUID, equal to the event's aggregate_id), ``day`` (the office's
calendar day, YYYY-MM-DD), ``number`` ("A012"; a PC working while its hub is down prefixes its device slot,
"3A012", so its numbers can never meet the hub's), ``service`` (one letter A–Z), ``priority_group``
("" or a key such as "elderly"), ``counter`` (1–99, or null for ``queue.issued``), ``at`` (when it happened).
Optional: ``wait_seconds``, ``service_seconds`` (non-negative integers), ``to_service`` (transfers: a letter),
``recall`` (recall count), ``source`` (kiosk | counter | cli | hub), ``out_of_order`` (true: a clerk called
this number out of the fair order).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sync.protocol.bounds import fail

NUMBER_RE = re.compile(r"^[0-9]?[A-Z][0-9]{3,4}$", re.ASCII)
_GROUP_RE = re.compile(r"^[a-z_]{0,40}$", re.ASCII)
_LETTER_RE = re.compile(r"^[A-Z]$", re.ASCII)
MAX_COUNTER = 99
MAX_SECONDS = 7 * 24 * 3600  # a wait or a service longer than a week is a broken clock, not a citizen


def _letter(p: dict[str, Any], field: str) -> None:
    value = p.get(field)
    if not isinstance(value, str) or not _LETTER_RE.match(value):
        raise fail(field, "must be one letter A–Z")


def _seconds(p: dict[str, Any], field: str) -> None:
    value = p.get(field)
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_SECONDS:
        raise fail(field, f"must be an integer 0–{MAX_SECONDS}")


def check_queue_event(kind: str, p: dict[str, Any], aggregate_id: str, check_uuid: Any, window: Any) -> None:
    """Raise :class:`~sync.protocol.bounds.Invalid` naming the first bad field of a queue event's payload."""
    if check_uuid(p.get("ticket_id"), "ticket_id") != aggregate_id:
        raise fail("ticket_id", "must equal the event's aggregate_id")
    day = p.get("day")
    try:
        date.fromisoformat(day) if isinstance(day, str) and len(day) == 10 else date.fromisoformat("x")
    except ValueError:
        raise fail("day", "must be a calendar day YYYY-MM-DD") from None
    number = p.get("number")
    if not isinstance(number, str) or not NUMBER_RE.match(number):
        raise fail("number", "must look like A012 (or 3A012 from a PC working without its hub)")
    _letter(p, "service")
    group = p.get("priority_group", "")
    if not isinstance(group, str) or not _GROUP_RE.match(group):
        raise fail("priority_group", "must be empty or a priority group key")
    counter = p.get("counter")
    needs_counter = kind != "queue.issued"
    if counter is None and needs_counter:
        raise fail("counter", "must be given")
    if counter is not None and (
        not isinstance(counter, int) or isinstance(counter, bool) or not 1 <= counter <= MAX_COUNTER
    ):
        raise fail("counter", f"must be an integer 1–{MAX_COUNTER}")
    window(p.get("at"), "at")
    _seconds(p, "wait_seconds")
    _seconds(p, "service_seconds")
    if p.get("recall") is not None:
        recall = p["recall"]
        if not isinstance(recall, int) or isinstance(recall, bool) or not 0 <= recall <= 100:
            raise fail("recall", "must be an integer 0–100")
    if kind == "queue.transferred":
        _letter(p, "to_service")
    if p.get("out_of_order") not in (None, True, False):
        raise fail("out_of_order", "must be true or false")
    source = p.get("source", "")
    if source not in ("", "kiosk", "counter", "cli", "hub"):
        raise fail("source", "must be kiosk, counter, cli or hub")


def queue_payload(row: dict[str, Any], counter: int | None, at: str, **extra: Any) -> dict[str, Any]:
    """The payload of a queue event for ticket ``row`` (its id, day, number, letter, priority group); extras
    that are None are left out. The local queue and the hub build their events with it."""
    payload: dict[str, Any] = {
        "ticket_id": row["id"],
        "day": row["day"],
        "number": row["number"],
        "service": row["letter"],
        "priority_group": row["priority_group"],
        "counter": counter,
        "at": at,
    }
    payload.update({k: v for k, v in extra.items() if v is not None})
    return payload
