"""The rows of the log book (form 07, "Sổ theo dõi hồ sơ"): one per dossier received in the range.

Why assembled here and not in SQL: the on-time column follows Decision 766's method (:mod:`app.domain.ontime`),
which needs the status history; and "handed to the processing unit" is the first move to status 4 in that
history. Every exporter (PDF, XLSX, CSV) takes these :class:`LogRow` values, so the three formats always
agree, and the statistics count the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.deadlines import WorkingTime
from app.domain.ontime import OnTimeClass, StatusChange, classify, summarise
from app.domain.status import Status
from app.domain.timezone import to_vn
from app.services.calendar_source import load_calendar
from app.store import reports as sql
from app.store.db import Store
from app.store.jsonutil import loads

CHANNEL_LABELS = {"counter": "Trực tiếp", "online": "Trực tuyến", "post": "Bưu chính"}


def parse_time(text: str | None) -> datetime | None:
    """A stored ISO timestamp as Vietnam time (None stays None)."""
    return to_vn(datetime.fromisoformat(text)) if text else None


@dataclass(frozen=True)
class LogRow:
    """One line of the log book, with the facts the statistics count."""

    number: int
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    address: str
    phone: str
    channel: str
    status: int
    received_by: str
    received_at: datetime
    due_at: datetime | None
    handed_at: datetime | None  # first move to "processing": handed to the unit that decides
    finished_at: datetime | None
    returned_at: datetime | None
    on_time: OnTimeClass | None
    rating: str | None  # overall satisfaction level, when rated
    notes: str
    service: str | None = None  # queue service letter of the ticket, when the dossier came from one
    due_after_pauses: datetime | None = None  # ``due_at`` pushed back by the office time spent on supplements

    @property
    def address_phone(self) -> str:
        return " – ".join(part for part in (self.address, self.phone) if part)

    @property
    def remark(self) -> str:
        """The notes column: the current status, then the clerk's notes."""
        return "; ".join(part for part in (Status(self.status).label(), self.notes) if part)


def history_of(events: list[tuple[str, int]]) -> list[StatusChange]:
    return [StatusChange(to_vn(datetime.fromisoformat(at)), Status(status)) for at, status in events]


def make_row(number: int, row: dict[str, Any], events: list[tuple[str, int]], now: datetime,
             working: WorkingTime, service: str | None = None) -> LogRow:
    """A :class:`LogRow` from a dossier row and its status history, classified as of ``now`` in the office's
    ``working`` time."""
    history = history_of(events)
    due = parse_time(row["due_at"])
    handed = next((c.at for c in history if c.status is Status.PROCESSING), None)
    rating = loads(row.get("satisfaction"), None)
    return LogRow(
        number=number,
        code=row["code"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        applicant_name=row["applicant_name"],
        address=row["address"] or "",
        phone=row["phone"] or "",
        channel=row["channel"],
        status=int(row["status"]),
        received_by=row["received_by"] or "",
        received_at=to_vn(datetime.fromisoformat(row["received_at"])),
        due_at=due,
        handed_at=handed,
        finished_at=parse_time(row["finished_at"]),
        returned_at=parse_time(row["returned_at"]),
        on_time=classify(due, history, now, working),
        rating=rating.get("overall") if isinstance(rating, dict) else None,
        notes=row["notes"] or "",
        service=service,
        due_after_pauses=summarise(history, now).due(due, working) if due is not None else None,
    )


def log_rows(store: Store, scope: sql.Scope, now: datetime) -> list[LogRow]:
    """The log book of ``scope``: dossiers received in its days, in reception order, numbered from 1."""
    rows = sql.received_rows(store, scope)
    events = sql.histories(store, scope)
    letters = sql.ticket_letters(store, scope)
    working = office_time(store)
    return [make_row(n, r, events.get(r["id"], []), now, working, letters.get(r["id"]))
            for n, r in enumerate(rows, 1)]


def office_time(store: Store) -> WorkingTime:
    """The office's working time: the calendar in force, at office hours."""
    return WorkingTime(load_calendar(store))
