"""Counts made directly in SQL, independently of :mod:`app.reports`, to check every exported figure.

The on-time classes are recomputed here with window functions over ``dossier_events`` (first finishing
status, supplement periods pushed onto the due time, more than one supplement request = late), so a mistake
in the Python assembly cannot hide behind itself. The one step SQL cannot take alone, pushing the due time on by
the office time of the supplement periods, is a small function of its own here (``office_due``: the office's
opening intervals listed day by day, measured and walked), registered on the connection.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.domain.timezone import VN_TZ

CLASSES_SQL = """
WITH d AS (
    SELECT * FROM dossiers WHERE due_at IS NOT NULL AND (received_day BETWEEN :first AND :last
        OR received_day < :first AND (finished_at IS NULL OR finished_at >= :first))  -- carried over
),
e AS (
    SELECT ev.dossier_id, ev.at, ev.to_status,
           LEAD(ev.at) OVER (PARTITION BY ev.dossier_id ORDER BY ev.at, ev.rowid) AS next_at
    FROM dossier_events ev JOIN d ON d.id = ev.dossier_id WHERE ev.to_status IS NOT NULL
),
fin AS (
    SELECT dossier_id, MIN(at) AS fin FROM e WHERE to_status IN (3, 7, 8, 9, 10) GROUP BY dossier_id
),
sup AS (
    SELECT e.dossier_id, COUNT(*) AS requests,
           group_concat(e.at || '|' || COALESCE(e.next_at, :now), ';') AS spans
    FROM e LEFT JOIN fin ON fin.dossier_id = e.dossier_id
    WHERE e.to_status = 5 AND (fin.fin IS NULL OR e.at < fin.fin) GROUP BY e.dossier_id
),
c AS (
    SELECT d.id, d.status, fin.fin, COALESCE(sup.requests, 0) AS requests, office_due(d.due_at, sup.spans) AS due
    FROM d LEFT JOIN fin ON fin.dossier_id = d.id LEFT JOIN sup ON sup.dossier_id = d.id
)
SELECT CASE
    WHEN fin IS NOT NULL AND (requests > 1 OR julianday(fin) > due) THEN 'finished_late'
    WHEN fin IS NOT NULL AND substr(fin, 1, 10) < date(due + 7.0 / 24) THEN 'finished_early'
    WHEN fin IS NOT NULL THEN 'finished_on_time'
    WHEN status IN (5, 6) AND (requests > 1 OR julianday(:now) > due) THEN 'paused_overdue'
    WHEN status IN (5, 6) THEN 'paused_within'
    WHEN requests > 1 OR julianday(:now) > due THEN 'in_progress_overdue'
    ELSE 'in_progress_within' END AS cls, COUNT(*) AS n
FROM c GROUP BY cls
"""


def classes(store: Any, first: str, last: str, now: str) -> dict[str, int]:
    from app.services.calendar_source import load_calendar

    calendar = load_calendar(store)
    store.conn.create_function("office_due", 2, lambda due, spans: _office_due(calendar, due, spans))
    rows = store.execute(CLASSES_SQL, {"first": first, "last": last, "now": now}).fetchall()
    return dict(rows)


def _office_intervals(calendar: Any, first: date, last: date) -> list[tuple[datetime, datetime]]:
    """The office's open hours (07:30-17:00) of each working day from ``first`` to ``last``."""
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [(datetime.combine(d, time(7, 30), VN_TZ), datetime.combine(d, time(17), VN_TZ))
            for d in days if calendar.is_working_day(d)]


def _office_due(calendar: Any, due_at: str, spans: str | None) -> float:
    """The julianday of ``due_at`` pushed on by the office time of ``spans`` ("start|end;start|end")."""
    due = datetime.fromisoformat(due_at).astimezone(VN_TZ)
    paused = timedelta(0)
    for span in (spans or "").split(";") if spans else ():
        start, end = (datetime.fromisoformat(x).astimezone(VN_TZ) for x in span.split("|"))
        for low, high in _office_intervals(calendar, start.date(), end.date()):
            paused += max(timedelta(0), min(high, end) - max(low, start))
    if paused:
        for low, high in _office_intervals(calendar, due.date(), due.date() + timedelta(days=400)):
            room = high - max(low, due)
            if room > timedelta(0):
                if paused <= room:
                    due = max(low, due) + paused
                    break
                paused -= room
    return julian(due)


def julian(moment: datetime) -> float:
    """SQLite's julianday of an aware time (UTC-based, as julianday() reads an ISO text with its offset)."""
    return moment.astimezone(UTC).timestamp() / 86400.0 + 2440587.5


def scalar(store: Any, sql: str, *params: Any) -> Any:
    return store.execute(sql, params).fetchone()[0]
