"""Counts made directly in SQL, independently of :mod:`app.reports`, to check every exported figure.

The on-time classes are recomputed here with window functions over ``dossier_events`` (first finishing
status, supplement periods pushed onto the due time, more than one supplement request = late), so a mistake
in the Python assembly cannot hide behind itself.
"""

from __future__ import annotations

from typing import Any

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
           SUM(julianday(COALESCE(e.next_at, :now)) - julianday(e.at)) AS days
    FROM e LEFT JOIN fin ON fin.dossier_id = e.dossier_id
    WHERE e.to_status = 5 AND (fin.fin IS NULL OR e.at < fin.fin) GROUP BY e.dossier_id
),
c AS (
    SELECT d.id, d.status, fin.fin, COALESCE(sup.requests, 0) AS requests,
           julianday(d.due_at) + COALESCE(sup.days, 0) AS due
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
    rows = store.execute(CLASSES_SQL, {"first": first, "last": last, "now": now}).fetchall()
    return dict(rows)


def scalar(store: Any, sql: str, *params: Any) -> Any:
    return store.execute(sql, params).fetchone()[0]
