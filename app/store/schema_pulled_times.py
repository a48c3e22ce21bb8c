"""Repair of status times pulled from the province before they were kept in Vietnam time.

Why: until schema 12's release a status the province set (processed, returned, …) was stored with the server's
UTC text ("2026-11-20T18:30:00Z"), while every local time is Vietnam time with its offset. The supervisor's figures
compare these as text and by Vietnam day, so a status set after 17:00 UTC counted on the previous day, and a
dossier the province returned straight from "in progress" was left with no finish time at all (never counted as
finished in its period). New pulls are stored right (app/services/sync_bridge.py); this step mends the rows
written before. The history in ``dossier_events`` is append-only and is left as it was written: it reads back as
the same instant either way. Each update goes through the row-audit triggers, so the chain records the repair.
"""

from __future__ import annotations

import sqlite3

from app.domain.timezone import stored_time_text

_COLUMNS = ("finished_at", "returned_at")
_RETURNED = 10  # Status.RETURNED: a returned result is a finished dossier
_UTC = "({c} LIKE '%Z' OR {c} LIKE '%+00:00')"


# Open dossiers are few in a real store (most are returned), so the walk starts from the NULL end of the finish
# index; by the status index it read every returned dossier's row (3.1 s at 1M).
UNFINISHED_RETURNED_SQL = (
    "UPDATE dossiers SET finished_at = returned_at WHERE seq IN (SELECT seq FROM dossiers INDEXED BY "
    "dossiers_finished WHERE finished_at IS NULL AND status = ? AND returned_at IS NOT NULL)"
)


def utc_rows_sql(column: str) -> str:
    """The rows whose ``column`` holds UTC text. ``> ''`` lets the planner walk the column's index alone
    (covering); a table scan decrypts the whole dossiers table, 4.6 s at 1M dossiers."""
    return f"SELECT seq, {column} FROM dossiers WHERE {column} > '' AND {_UTC.format(c=column)}"


def migrate_pulled_times(conn: sqlite3.Connection) -> None:
    for column in _COLUMNS:
        rows = conn.execute(utc_rows_sql(column)).fetchall()
        for seq, value in rows:
            new = stored_time_text(value)
            if new is not None and new != value:
                conn.execute(f"UPDATE dossiers SET {column} = ? WHERE seq = ?", (new, seq))
    conn.execute(UNFINISHED_RETURNED_SQL, (_RETURNED,))
