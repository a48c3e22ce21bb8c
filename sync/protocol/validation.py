"""Checks one event on its own, before anything is written: the rules a central system must enforce.

Pure functions with no database, so the server can reject a single event with a reason the supervisor can act
on ("status: must be an integer 1-10") while the rest of the batch goes through. Checks that need stored data
(does the dossier exist, is the code taken, does the code's slot belong to the sender) live in the server's
ingest. The device runs the same rules on what it pulls (:mod:`sync.protocol.changes`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sync.protocol.bounds import Invalid, check_size, check_time, check_tree, fail
from sync.protocol.constants import (
    APPLICANT_FIELDS,
    DEFAULT_LIMITS,
    EVENT_APPLICANT_CORRECTED,
    EVENT_DOSSIER_RECEIVED,
    EVENT_STATUS_CHANGED,
    QUEUE_KINDS,
    SLOT_MAX,
    SLOT_MIN,
    STATUS_MAX,
    STATUS_MIN,
    Limits,
)
from sync.protocol.queue_events import check_queue_event

CHANNELS = ("counter", "online", "post")
UNIT_PATTERN = r"[0-9A-Za-z][0-9A-Za-z.]{0,39}"
UNIT_RE = re.compile(rf"^{UNIT_PATTERN}$", re.ASCII)
CODE_RE = re.compile(rf"^(?P<unit>{UNIT_PATTERN})-(?P<day>\d{{6}})-(?P<number>\d{{4}})$", re.ASCII)

# The national status machine (the same table as app/domain/status.py; a test keeps them equal).
STATUS_MOVES: dict[int, tuple[int, ...]] = {
    1: (2, 3),
    2: (4, 3, 5, 6, 7, 8, 9),
    4: (5, 6, 7, 8, 9),
    5: (4, 7, 8),
    6: (4, 7, 9),
    9: (10,),
    3: (),
    7: (),
    8: (),
    10: (),
}


@dataclass(frozen=True)
class Problem:
    """Why an event is rejected: a machine code and an English message that names the field."""

    error: str
    message: str


@dataclass(frozen=True)
class Context:
    """What the receiver knows: the sender's office, its own clock, the limits."""

    office_code: str
    now: datetime
    limits: Limits = DEFAULT_LIMITS

    def window(self, value: Any, field: str) -> datetime:
        return check_time(value, field, self.now, self.limits.past_days, self.limits.future_days)


def _text(p: dict[str, Any], field: str, ctx: Context, *, required: bool = False, max_len: int = 500) -> str:
    """A text field of at most ``max_len`` characters. Its characters are not looked at again: every caller
    (:func:`check_event`, :func:`sync.protocol.changes.check_change`) ran :func:`check_tree` over the whole
    payload first, which refuses control characters and lone surrogates anywhere in it, naming the path (a
    push's ten payloads spent a fifth of their validation searching each field again)."""
    value = p.get(field, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise fail(field, "must be a string")
    if required and not value.strip():
        raise fail(field, "must not be empty")
    if len(value) > max_len:
        raise fail(field, f"longer than {max_len} characters")
    return value


def _int(p: dict[str, Any], field: str, lo: int, hi: int, *, optional: bool = False) -> int | None:
    value = p.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < lo or value > hi:
        raise fail(field, f"must be an integer {lo}–{hi}")
    return value


def _uuid(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) > 64:
        raise fail(field, "must be a UUID string")
    try:
        uuid.UUID(value)
    except ValueError:
        raise fail(field, "must be a UUID") from None
    return value


def code_parts(code: Any, field: str = "code") -> tuple[str, date, int]:
    """A dossier code ``<unit>-YYMMDD-XXXX`` with a real calendar day: (unit, day, number)."""
    match = CODE_RE.match(code) if isinstance(code, str) else None
    if not match:
        raise fail(field, "must look like <unit>-YYMMDD-XXXX")
    day = match["day"]
    try:
        when = date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
    except ValueError:
        raise fail(field, f"{day} is not a calendar day") from None
    number = int(match["number"])
    if number % 1000 == 0:
        raise fail(field, f"number {match['number']} is not issued")
    return match["unit"], when, number


def check_code(code: Any, field: str = "code") -> str:
    """A well-formed dossier code; returns its unit."""
    return code_parts(code, field)[0]


def _local_day(text: str) -> date:
    """The calendar day in the timestamp's own offset (the device's local day, which its codes carry)."""
    return datetime.fromisoformat(text).date()


def _documents(p: dict[str, Any], ctx: Context) -> None:
    documents = p.get("documents", [])
    if not isinstance(documents, list) or len(documents) > ctx.limits.max_list:
        raise fail("documents", f"must be a list of at most {ctx.limits.max_list} documents")
    for i, doc in enumerate(documents):
        if not isinstance(doc, dict):
            raise fail(f"documents[{i}]", "must be an object")
        try:
            _text(doc, "name", ctx, required=True, max_len=500)
            for name in ("originals", "certified_copies", "photocopies"):
                _int(doc, name, 0, ctx.limits.max_copies, optional=True)
            _int(doc, "pages", 0, ctx.limits.max_pages, optional=True)
        except Invalid as exc:
            raise Invalid(exc.error, f"documents[{i}].{exc.message}") from None


def _dossier_received(p: dict[str, Any], aggregate_id: str, ctx: Context) -> None:
    if _uuid(p.get("id"), "id") != aggregate_id:
        raise fail("id", "must equal the event's aggregate_id")
    office = _text(p, "office_code", ctx, required=True, max_len=40)
    if office != ctx.office_code:
        raise Invalid("office_mismatch", f"office_code: {office} is not this device's office {ctx.office_code}")
    unit, day, number = code_parts(p.get("code"))
    if unit != office:
        raise fail("code", f"must start with the office code {office}")
    _text(p, "procedure_code", ctx, required=True, max_len=64)
    _text(p, "procedure_name", ctx, max_len=1000)
    _text(p, "applicant_name", ctx, required=True, max_len=200)
    for name in ("id_number", "phone", "email", "received_by", "birth_date", "sex"):
        _text(p, name, ctx, max_len=120)
    _text(p, "address", ctx, max_len=500)
    _text(p, "notes", ctx, max_len=4000)
    if p.get("channel") not in CHANNELS:
        raise fail("channel", "must be counter, online or post")
    _int(p, "status", STATUS_MIN, STATUS_MAX)
    received = ctx.window(p.get("received_at"), "received_at")
    if abs((day - _local_day(p["received_at"])).days) > 1:
        raise fail("code", f"its day {day:%Y-%m-%d} is not the day the dossier was received")
    if p.get("due_at") is not None:
        due = check_time(p["due_at"], "due_at", ctx.now, ctx.limits.past_days, ctx.limits.due_future_days)
        if due < received - timedelta(days=1):
            raise fail("due_at", "is before the dossier was received")
    _int(p, "fee_vnd", 0, ctx.limits.max_fee_vnd, optional=True)
    _int(p, "pages", 0, ctx.limits.max_pages, optional=True)
    slot = _int(p, "device_slot", SLOT_MIN, SLOT_MAX)
    if number // 1000 != slot:
        raise fail("code", f"number {number:04d} is not in device slot {slot}'s range")
    _documents(p, ctx)


def _status_changed(p: dict[str, Any], aggregate_id: str, ctx: Context) -> None:
    if _uuid(p.get("dossier_id"), "dossier_id") != aggregate_id:
        raise fail("dossier_id", "must equal the event's aggregate_id")
    check_code(p.get("code"))
    before = _int(p, "from_status", STATUS_MIN, STATUS_MAX, optional=True)
    after = _int(p, "to_status", STATUS_MIN, STATUS_MAX)
    if before is not None and after not in STATUS_MOVES[before]:
        raise fail("to_status", f"a dossier cannot move from status {before} to {after}")
    _text(p, "reason", ctx, max_len=2000)
    _text(p, "actor", ctx, max_len=120)
    ctx.window(p.get("at"), "at")


def _queue(kind: str) -> Callable[[dict[str, Any], str, Context], None]:
    def check(p: dict[str, Any], aggregate_id: str, ctx: Context) -> None:
        check_queue_event(kind, p, aggregate_id, _uuid, ctx.window)

    return check


def _applicant_corrected(p: dict[str, Any], aggregate_id: str, ctx: Context) -> None:
    """The corrected applicant fields (only those that changed), why, who and when."""
    if _uuid(p.get("dossier_id"), "dossier_id") != aggregate_id:
        raise fail("dossier_id", "must equal the event's aggregate_id")
    check_code(p.get("code"))
    fields = p.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise fail("fields", "must be an object with at least one corrected field")
    unknown = sorted(set(fields) - set(APPLICANT_FIELDS))
    if unknown:
        raise fail("fields", f"{unknown[0][:64]!r} is not an applicant field that can be corrected")
    try:
        _text(fields, "applicant_name", ctx, required="applicant_name" in fields, max_len=200)
        for name in ("id_number", "phone", "email"):
            _text(fields, name, ctx, max_len=120)
        _text(fields, "address", ctx, max_len=500)
    except Invalid as exc:
        raise Invalid(exc.error, f"fields.{exc.message}") from None
    _text(p, "reason", ctx, required=True, max_len=500)
    _text(p, "actor", ctx, max_len=120)
    ctx.window(p.get("at"), "at")


_CHECKS: dict[str, Callable[[dict[str, Any], str, Context], None]] = {
    EVENT_DOSSIER_RECEIVED: _dossier_received,
    EVENT_STATUS_CHANGED: _status_changed,
    **{kind: _queue(kind) for kind in QUEUE_KINDS},
    EVENT_APPLICANT_CORRECTED: _applicant_corrected,
}


def check_event(
    event_id: str,
    kind: str,
    aggregate_id: str,
    payload: Any,
    created_at: str,
    office_code: str,
    *,
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    payload_bytes: int | None = None,
) -> Problem | None:
    """The first problem of one event sent by a device of ``office_code``, or None when it is valid.

    ``now`` is the receiver's clock: device timestamps must lie in a window around it (Limits.past_days,
    Limits.future_days), wide enough for a PC clock a year off, narrow enough to refuse 2099 or year 1.
    ``payload_bytes``: the payload's compact JSON length when the caller has it (saves serialising it again).
    """
    ctx = Context(office_code, now or datetime.now(UTC), limits)
    try:
        _uuid(event_id, "id")
        check_tree(kind, "kind", limits)
        check_tree(aggregate_id, "aggregate_id", limits)
        ctx.window(created_at, "created_at")
        check = _CHECKS.get(kind)
        if check is None:
            return Problem("unknown_kind", f"kind: {kind[:64]!r} is not an event this server knows")
        if not isinstance(payload, dict):
            raise fail("payload", "must be an object")
        check_tree(payload, "payload", limits)
        check_size(payload, "payload", limits, payload_bytes)
        check(payload, aggregate_id, ctx)
    except Invalid as exc:
        return Problem(exc.error, exc.message)
    return None
