"""Changes from the province the hub could not hand on, kept where ``motcua hub status`` shows them.

Why: a counter keeps a pulled change it cannot check aside in ``sync_held`` for its supervisor; the hub checks the
province's feed with the same rules and skips what fails, so that one record never blocks the office's feed. A
skip that only reached the hub's log was a silent loss for every counter of the office: here the count and the
last few (kind, key, reason) are kept in ``hub_state``, written in the page's own transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sync.protocol.models import Change
from sync.protocol.validation import Problem
from sync.server.db import Database, Tx

SKIPPED_KEY = "upstream_skipped"
KEPT = 20


def _load(tx: Tx) -> dict[str, Any]:
    raw = tx.scalar("SELECT value FROM hub_state WHERE key = ?", (SKIPPED_KEY,))
    return json.loads(raw) if raw else {"count": 0, "last": []}


def record(tx: Tx, skipped: list[tuple[Change, Problem]], now: str) -> None:
    """Add ``skipped`` (in the transaction that applies their page)."""
    if not skipped:
        return
    state = _load(tx)
    state["count"] += len(skipped)
    state["last"] = (state["last"] + [
        {"kind": ch.kind, "key": ch.key, "error": p.error, "reason": p.message, "at": now} for ch, p in skipped
    ])[-KEPT:]
    tx.execute(
        "INSERT INTO hub_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (SKIPPED_KEY, json.dumps(state, ensure_ascii=False)),
    )


def summary(db: Database) -> dict[str, Any]:
    """``{"count": n, "last": [{kind, key, error, reason, at}, …]}`` (the last 20)."""
    with db.transaction(write=False) as tx:
        return _load(tx)
