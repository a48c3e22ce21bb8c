"""The SQL behind the log book (form 07), the statistics and the supervisor's "today at a glance".

Why a module of its own: reports read many rows in one go (a month of dossiers with their status history), so
they must not go through the per-row repository calls; and the dashboard must stay under a second on a
1,000,000-dossier store, so every query here either walks an index (``received_day``, ``(status, due_at)``,
the queue event day) or is a single scan that counts several things at once.

Filters are one :class:`Scope`: a day range plus optional clerk, procedure, channel and queue service. All
queries return plain dicts or tuples; assembling figures is :mod:`app.reports`' job.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from app.store.db import Store

# A processed dossier (9) is finished for the on-time rule; only 1, 2, 4, 5, 6 still run against the clock.
RUNNING_STATUSES = (1, 2, 4, 5, 6)

LOG_COLUMNS = (
    "seq, id, code, procedure_code, procedure_name, applicant_name, address, phone, channel, status, received_at,"
    " received_day, due_at, finished_at, returned_at, received_by, supplement_count, notes, satisfaction"
)


@dataclass(frozen=True)
class Scope:
    """Which dossiers a report covers: received (or finished, returned) between two days, plus filters."""

    first_day: str  # YYYY-MM-DD, inclusive
    last_day: str
    clerk: str | None = None  # received_by
    procedure_code: str | None = None
    channel: str | None = None  # counter, online, post
    service: str | None = None  # queue service letter of the ticket the dossier came from


def _filters(scope: Scope, alias: str = "d") -> tuple[str, list[Any]]:
    """The optional filters as SQL (starting with " AND") and their parameters."""
    sql, params = "", []
    if scope.clerk:
        sql += f" AND {alias}.received_by = ?"
        params.append(scope.clerk)
    if scope.procedure_code:
        sql += f" AND {alias}.procedure_code = ?"
        params.append(scope.procedure_code)
    if scope.channel:
        sql += f" AND {alias}.channel = ?"
        params.append(scope.channel)
    if scope.service:
        sql += (
            f" AND EXISTS (SELECT 1 FROM queue_ticket_dossiers l JOIN queue_tickets t ON t.id = l.ticket_id"
            f" WHERE l.dossier_id = {alias}.id AND t.origin_letter = ?)"
        )
        params.append(scope.service)
    return sql, params


def received_rows(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Dossiers received in the scope's days, in reception order: the rows of the log book."""
    extra, params = _filters(scope)
    cols = ", ".join(f"d.{c.strip()}" for c in LOG_COLUMNS.split(","))
    return store.query(
        f"SELECT {cols} FROM dossiers d WHERE d.received_day BETWEEN ? AND ?{extra} ORDER BY d.received_at, d.code",
        [scope.first_day, scope.last_day, *params],
    )


def carried_over_rows(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Dossiers received before the scope's first day and not finished before it ("kỳ trước chuyển qua"):
    with the dossiers received in the scope they make the period's population, whose on-time classes, overdue
    count and overdue list are one and the same set. Two index walks (``finished_at``, then received day)."""
    extra, params = _filters(scope)
    cols = ", ".join(f"d.{c.strip()}" for c in LOG_COLUMNS.split(","))
    where = f"d.received_day < ?{extra}"
    return store.query(
        f"SELECT {cols} FROM dossiers d WHERE d.finished_at IS NULL AND {where}"
        f" UNION ALL SELECT {cols} FROM dossiers d WHERE d.finished_at >= ? AND {where}"
        " ORDER BY received_at, code",
        [scope.first_day, *params, scope.first_day, scope.first_day, *params],
    )


def histories(store: Store, scope: Scope) -> dict[str, list[tuple[str, int]]]:
    """Status history (at, status) of every dossier received in the scope, keyed by dossier id, in time order."""
    extra, params = _filters(scope)
    cur = store.execute(
        "SELECT e.dossier_id, e.at, e.to_status FROM dossiers d JOIN dossier_events e ON e.dossier_id = d.id"
        f" WHERE d.received_day BETWEEN ? AND ?{extra} AND e.to_status IS NOT NULL"
        " ORDER BY e.dossier_id, e.at, e.rowid",
        [scope.first_day, scope.last_day, *params],
    )
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for dossier_id, at, status in cur.fetchall():
        out[dossier_id].append((at, status))
    return out


def histories_of(store: Store, dossier_ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Status history of the given dossiers (the overdue candidates of the dashboard)."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for start in range(0, len(dossier_ids), 500):
        chunk = dossier_ids[start : start + 500]
        cur = store.execute(
            "SELECT dossier_id, at, to_status FROM dossier_events WHERE to_status IS NOT NULL"
            f" AND dossier_id IN ({','.join('?' * len(chunk))}) ORDER BY dossier_id, at, rowid",
            chunk,
        )
        for dossier_id, at, status in cur.fetchall():
            out[dossier_id].append((at, status))
    return out


def finished_and_returned(store: Store, scope: Scope) -> tuple[int, int]:
    """How many dossiers were finished (processed, refused, stopped, withdrawn) and how many results were
    returned during the scope's days, whenever they were received: one scan for both counts."""
    extra, params = _filters(scope)
    start, end = scope.first_day, _after(scope.last_day)
    row = store.execute(
        "SELECT COALESCE(SUM(d.finished_at >= ? AND d.finished_at < ?), 0),"
        " COALESCE(SUM(d.returned_at >= ? AND d.returned_at < ?), 0) FROM dossiers d"
        f" WHERE (d.finished_at >= ? OR d.returned_at >= ?){extra}",
        [start, end, start, end, start, start, *params],
    ).fetchone()
    return int(row[0]), int(row[1])


def _after(day: str) -> str:
    """The first timestamp string after ``day`` (ISO strings with +07:00 sort by time within Vietnam time)."""
    return day + "T99"


def user_names(store: Store) -> dict[str, str]:
    """username -> full name, to print clerks by name."""
    return {r["username"]: r["full_name"] for r in store.query("SELECT username, full_name FROM users")}


def service_names(store: Store) -> dict[str, str]:
    return {r["letter"]: r["name_vi"] for r in store.query("SELECT letter, name_vi FROM queue_services")}


def ticket_letters(store: Store, scope: Scope) -> dict[str, str]:
    """dossier id -> queue service letter of its ticket, for the dossiers received in the scope."""
    rows = store.execute(
        "SELECT l.dossier_id, t.origin_letter FROM dossiers d JOIN queue_ticket_dossiers l ON l.dossier_id = d.id"
        " JOIN queue_tickets t ON t.id = l.ticket_id WHERE d.received_day BETWEEN ? AND ?",
        (scope.first_day, scope.last_day),
    ).fetchall()
    return dict(rows)
