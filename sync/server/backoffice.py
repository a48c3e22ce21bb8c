"""What the province's back office does to the central data: status updates, catalogue, calendar, listings.

Each write also appends to the change feed, which is how it reaches the counters. Status updates are recorded
as events too (``backoffice.status_set``, no device), so the central event log tells the whole story of a
dossier.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import uuid6

from sync.protocol import constants as c
from sync.protocol.canonical import event_body_hash
from sync.protocol.changes import check_change
from sync.protocol.timefmt import format_utc, parse_time
from sync.protocol.validation import Problem
from sync.server.db import Tx
from sync.server.feed import NewChange, emit
from sync.server.status import apply_status

BACKOFFICE_STATUS = "backoffice.status_set"


def set_status(tx: Tx, code: str, status: int, reason: str, actor: str, now: str) -> dict[str, Any]:
    """Set a dossier's status by its code; returns the dossier as :func:`list_dossiers` shows it."""
    if not c.STATUS_MIN <= status <= c.STATUS_MAX:
        raise ValueError(f"status must be {c.STATUS_MIN}–{c.STATUS_MAX}")
    now = format_utc(parse_time(now).replace(microsecond=0))  # whole seconds, like every status time
    row = tx.one("SELECT id, office_code FROM dossiers WHERE code = ?", (code,))
    if row is None:
        raise LookupError(f"no dossier with code {code}")
    payload = {
        "dossier_id": row["id"],
        "code": code,
        "to_status": status,
        "reason": reason,
        "at": now,
        "actor": actor,
    }
    out: list[NewChange] = []
    event_id = str(uuid6.uuid7())
    problem: Problem | None = apply_status(
        tx, row["office_code"], payload, source="back_office", origin=None, out=out, at=now, event_id=event_id,
        force=True,
    )
    assert problem is None
    tx.execute(
        "INSERT INTO events (id, device_id, office_code, kind, aggregate_id, body_hash, payload, created_at, "
        "received_at, result) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event_id,
            row["office_code"],
            BACKOFFICE_STATUS,
            row["id"],
            event_body_hash(BACKOFFICE_STATUS, row["id"], payload, now),
            json.dumps(payload, ensure_ascii=False),
            now,
            now,
            c.RESULT_ACCEPTED,
        ),
    )
    emit(tx, out)
    return dossier(tx, code)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    """The dossier as its device sent it, with what the province knows better: the central status and when the
    dossier was received by the province's clock (the device's clock corrected by the skew measured at its push;
    the device's own claim is kept beside it as ``device_received_at`` when the two differ)."""
    data = json.loads(r["data"])
    claimed = data.get("received_at")
    corrected = parse_time(r["received_at"])
    try:
        told = datetime.fromisoformat(claimed)
    except (TypeError, ValueError):
        told = None
    if told is None or told.tzinfo is None or told != corrected:
        data["device_received_at"] = claimed
        # shown in the device's own offset (a commune's +07:00), the moment the province's clock vouches for
        data["received_at"] = corrected.astimezone(told.tzinfo if told and told.tzinfo else UTC).isoformat()
    data.update(
        status=r["status"],
        status_at=r["status_at"],
        status_reason=r["status_reason"],
        device_id=r["device_id"],
    )
    return data


_SELECT = "SELECT id, code, status, status_at, status_reason, device_id, received_at, data FROM dossiers"


def dossier(tx: Tx, code: str) -> dict[str, Any]:
    row = tx.one(_SELECT + " WHERE code = ?", (code,))
    if row is None:
        raise LookupError(f"no dossier with code {code}")
    return _row(row)


def list_dossiers(tx: Tx, office_code: str) -> list[dict[str, Any]]:
    """Every dossier of an office with its current central status, oldest first."""
    return [_row(r) for r in tx.all(_SELECT + " WHERE office_code = ? ORDER BY received_at, code", (office_code,))]


def publish_catalog(tx: Tx, records: Sequence[dict[str, Any]], now: str) -> int:
    """Send procedure records to every counter; a newer record of a procedure replaces the older one."""
    for place, record in enumerate(records, 1):
        if not isinstance(record, dict) or not isinstance(record.get("code"), str) or not record["code"]:
            raise ValueError("every catalogue record needs a 'code'")
        # the devices' own check of a pulled record, run before it is published: a record every counter would
        # hold aside is refused here, naming it, and nothing of the file is published
        problem = check_change(c.CHANGE_CATALOG, record["code"], record, now, "", parse_time(now))
        if problem is not None:
            raise ValueError(f"catalogue record {place} ({record['code']!r}): {problem.message}; nothing published")
    emit(tx, [NewChange(c.CHANGE_CATALOG, r["code"], r, now) for r in records], supersede=True)
    return len(records)


def publish_calendar(tx: Tx, document: dict[str, Any], now: str) -> None:
    """Send the holiday calendar (the holidays.json format) to every counter."""
    if not isinstance(document, dict) or not any(k[:1].isdigit() for k in document):
        raise ValueError("the calendar must be an object keyed by year, like holidays.json")
    emit(tx, [NewChange(c.CHANGE_CALENDAR, "holidays", document, now)], supersede=True)
