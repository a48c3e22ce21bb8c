"""Pulled sync changes this device could not apply, kept aside instead of blocking the feed.

Why: one record the device cannot hold (a value out of range, a field it cannot store) used to fail every
sync round of the office's other devices for good. Now it waits here with its reason for the supervisor
(``motcua sync held``) and the feed goes on.
"""

from __future__ import annotations

import sqlite3


def migrate_sync_held(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sync_held (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            data TEXT NOT NULL,            -- the change as pulled (JSON, ASCII-escaped)
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            held_at TEXT NOT NULL
        )"""
    )
