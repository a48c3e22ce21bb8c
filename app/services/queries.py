"""Read-side answers for the CLI and the UI: a dossier with its documents and history, lists and search."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.deadlines import WorkingTime
from app.domain.ontime import StatusChange, badge, classify
from app.domain.status import Status
from app.domain.timezone import to_vn
from app.services.calendar_source import load_calendar
from app.store import dossiers
from app.store.db import Store

FINISHED = {3, 7, 8, 9, 10}


def _dt(text: str | None) -> datetime | None:
    return to_vn(datetime.fromisoformat(text)) if text else None


def timeliness(row: dict[str, Any], events: list[dict[str, Any]] | None, now: datetime,
               working: WorkingTime) -> dict[str, str | None]:
    """On-time class (needs the history and the office's ``working`` time) and the list badge (needs only the
    row)."""
    due = _dt(row.get("due_at"))
    result: dict[str, str | None] = {"badge": badge(due, now, row["status"] in FINISHED)}
    if events is not None:
        history = [StatusChange(_dt(e["at"]) or now, Status(e["to_status"])) for e in events if e["to_status"]]
        cls = classify(due, history, now, working)
        result["on_time_class"] = cls.value if cls else None
    return result


def dossier_detail(store: Store, code: str, now: datetime) -> dict[str, Any]:
    row = dossiers.by_code(store, code)
    events = dossiers.events(store, row["id"])
    return {
        **row,
        "status_label": Status(row["status"]).label("vi"),
        "documents": dossiers.documents(store, row["id"]),
        "events": events,
        **timeliness(row, events, now, WorkingTime(load_calendar(store))),
    }


def list_rows(store: Store, flt: dossiers.ListFilter, limit: int = 500) -> list[dict[str, Any]]:
    seqs = dossiers.list_seqs(store, flt, limit=limit)
    by_seq = dossiers.by_seqs(store, seqs)
    return [by_seq[s] for s in seqs if s in by_seq]


def search_rows(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    seqs = dossiers.search_seqs(store, text, limit=limit)
    by_seq = dossiers.by_seqs(store, seqs)
    return [by_seq[s] for s in seqs if s in by_seq]
