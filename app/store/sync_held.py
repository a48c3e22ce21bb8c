"""The ``sync_held`` table: pulled changes kept aside (see app/store/schema_sync_held.py for why)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.store.db import Store


@dataclass(frozen=True)
class HeldChange:
    id: int
    kind: str
    key: str
    at: str
    reason: str
    held_at: str
    data: dict[str, Any]


def add(store: Store, kind: str, key: str, data: Mapping[str, Any], at: str, reason: str, now: str) -> None:
    """Keep one change; must run inside the caller's transaction (with the cursor it came with)."""
    try:
        text = json.dumps(dict(data), ensure_ascii=True, default=str)
    except (ValueError, RecursionError):
        text = json.dumps({"unreadable": repr(data)[:4000]})
    store.conn.execute(
        "INSERT INTO sync_held (kind, key, data, at, reason, held_at) VALUES (?, ?, ?, ?, ?, ?)",
        (kind, key, text, at, reason[:2000], now),
    )


def count(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM sync_held") or 0)


def listing(store: Store) -> list[HeldChange]:
    rows = store.execute("SELECT id, kind, key, at, reason, held_at, data FROM sync_held ORDER BY id").fetchall()
    return [HeldChange(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows]
