"""Schema step: audit triggers on every table that matters, and the sign-in failure counters.

Why a migration: the triggers are schema, and an existing store must also get a baseline, the hash of every row
it already holds, so that an edit made after the upgrade is caught like one made on a new store.
``login_attempts`` holds the failed sign-ins behind the lockout (one row per user name; not audited, it is a
counter, and dropping it only unlocks early).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from app.store import row_audit


def migrate_row_audit(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE IF NOT EXISTS login_attempts (
            username TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure_at TEXT,
            locked_until TEXT
        )"""
    )
    row_audit.install(conn, at=datetime.now(UTC).isoformat(timespec="seconds"))
