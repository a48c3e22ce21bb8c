"""The device's sync state: a small key-value table (``sync_state``) of JSON values.

It holds what the sync engine must remember between rounds and restarts — the feed cursor, the enrolment
(device id, office, slot, server) and whether the server hosts the office's queue — apart from the dossier
tables, so a row-level audit never has to cover it (``row_audit.py`` says why). Writes run inside the
caller's transaction.
"""

from __future__ import annotations

from typing import Any

from app.store.db import Store
from app.store.jsonutil import dumps, loads


def get(store: Store, key: str, default: Any = None) -> Any:
    row = store.query_one("SELECT value FROM sync_state WHERE key = ?", (key,))
    return loads(row["value"], default) if row else default


def put(store: Store, key: str, value: Any) -> None:
    store.conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, dumps(value)),
    )
