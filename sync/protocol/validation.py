"""Checks one event on its own, before anything is written: the rules a central system must enforce.

Pure functions with no database, so the server can reject a single event with a reason the supervisor can act
on ("status: must be an integer 1-10") while the rest of the batch goes through. Checks that need stored data
(does the dossier exist, is the code taken) live in the server's ingest.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sync.protocol.constants import (
    EVENT_DOSSIER_RECEIVED,
    EVENT_STATUS_CHANGED,
    SLOT_MAX,
    SLOT_MIN,
    STATUS_MAX,
    STATUS_MIN,
)

CHANNELS = ("counter", "online", "post")
CODE_RE = re.compile(r"^(?P<unit>[0-9A-Za-z][0-9A-Za-z.]{0,39})-(?P<day>\d{6})-(?P<number>\d{4})$")


@dataclass(frozen=True)
class Problem:
    """Why an event is rejected: a machine code and an English message that names the field."""

    error: str
    message: str


class _Invalid(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(error, message)


def _fail(field: str, reason: str) -> _Invalid:
    return _Invalid("invalid_field", f"{field}: {reason}")


def _text(p: dict[str, Any], field: str, *, required: bool = False, max_len: int = 500) -> str:
    value = p.get(field, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _fail(field, "must be a string")
    if required and not value.strip():
        raise _fail(field, "must not be empty")
    if len(value) > max_len:
        raise _fail(field, f"longer than {max_len} characters")
    return value


def _int(p: dict[str, Any], field: str, lo: int, hi: int | None = None, *, optional: bool = False) -> int | None:
    value = p.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < lo or (hi is not None and value > hi):
        raise _fail(field, f"must be an integer {lo}–{hi}" if hi is not None else f"must be an integer ≥ {lo}")
    return value


def _uuid(value: Any, field: str) -> str:
    try:
        uuid.UUID(str(value))
    except ValueError:
        raise _fail(field, "must be a UUID") from None
    if not isinstance(value, str):
        raise _fail(field, "must be a UUID string")
    return value


def _timestamp(p: dict[str, Any], field: str, *, optional: bool = False) -> None:
    value = p.get(field)
    if value is None and optional:
        return
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise _fail(field, "must be an ISO 8601 date-time with a UTC offset")


def check_code(code: Any, field: str = "code") -> str:
    """A dossier code ``<unit>-YYMMDD-XXXX`` with a real calendar day; returns the unit."""
    match = CODE_RE.match(code) if isinstance(code, str) else None
    if not match:
        raise _fail(field, "must look like <unit>-YYMMDD-XXXX")
    day = match["day"]
    try:
        date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
    except ValueError:
        raise _fail(field, f"{day} is not a calendar day") from None
    if match["number"] == "0000":
        raise _fail(field, "number 0000 is not issued")
    return match["unit"]


def _dossier_received(p: dict[str, Any], aggregate_id: str, office_code: str) -> None:
    if _uuid(p.get("id"), "id") != aggregate_id:
        raise _fail("id", "must equal the event's aggregate_id")
    office = _text(p, "office_code", required=True, max_len=40)
    if office != office_code:
        raise _Invalid("office_mismatch", f"office_code: {office} is not this device's office {office_code}")
    if check_code(p.get("code")) != office:
        raise _fail("code", f"must start with the office code {office}")
    _text(p, "procedure_code", required=True, max_len=64)
    _text(p, "procedure_name", max_len=1000)
    _text(p, "applicant_name", required=True, max_len=200)
    for name in ("id_number", "phone", "email", "received_by", "birth_date", "sex"):
        _text(p, name, max_len=120)
    _text(p, "address", max_len=500)
    _text(p, "notes", max_len=4000)
    if p.get("channel") not in CHANNELS:
        raise _fail("channel", "must be counter, online or post")
    _int(p, "status", STATUS_MIN, STATUS_MAX)
    _timestamp(p, "received_at")
    _timestamp(p, "due_at", optional=True)
    _int(p, "fee_vnd", 0, optional=True)
    _int(p, "pages", 0, optional=True)
    _int(p, "device_slot", SLOT_MIN, SLOT_MAX)
    documents = p.get("documents", [])
    if not isinstance(documents, list) or len(documents) > 200:
        raise _fail("documents", "must be a list of at most 200 documents")
    for i, doc in enumerate(documents):
        if not isinstance(doc, dict):
            raise _fail(f"documents[{i}]", "must be an object")
        try:
            _text(doc, "name", required=True, max_len=2000)
        except _Invalid as exc:
            raise _Invalid(exc.problem.error, f"documents[{i}].{exc.problem.message}") from None


def _status_changed(p: dict[str, Any], aggregate_id: str, office_code: str) -> None:
    if _uuid(p.get("dossier_id"), "dossier_id") != aggregate_id:
        raise _fail("dossier_id", "must equal the event's aggregate_id")
    check_code(p.get("code"))
    _int(p, "from_status", STATUS_MIN, STATUS_MAX, optional=True)
    _int(p, "to_status", STATUS_MIN, STATUS_MAX)
    _text(p, "reason", max_len=2000)
    _text(p, "actor", max_len=120)
    _timestamp(p, "at")


_CHECKS: dict[str, Callable[[dict[str, Any], str, str], None]] = {
    EVENT_DOSSIER_RECEIVED: _dossier_received,
    EVENT_STATUS_CHANGED: _status_changed,
}


def check_event(
    event_id: str, kind: str, aggregate_id: str, payload: Any, created_at: str, office_code: str
) -> Problem | None:
    """The first problem of one event sent by a device of ``office_code``, or None when it is valid."""
    try:
        _uuid(event_id, "id")
        _timestamp({"created_at": created_at}, "created_at")
        check = _CHECKS.get(kind)
        if check is None:
            return Problem("unknown_kind", f"kind: {kind!r} is not an event this server knows")
        if not isinstance(payload, dict):
            raise _fail("payload", "must be an object")
        check(payload, aggregate_id, office_code)
    except _Invalid as exc:
        return exc.problem
    return None
