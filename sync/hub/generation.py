"""The hub's generation: an id of its database that ``motcua hub restore`` changes, sent with every answer.

Why: a hub restored from a backup has lost what it acknowledged after the backup was taken, while the counters
think it safe (acknowledged) and delete it after 30 days. A device remembers the generation of the last answer
(``X-MotCua-Generation``); another one means "the server was restored": the device puts every event it still
holds back in the queue (acknowledged ones too), uploads its pages again and reads the feed from the start.
The hub and the province keep events by id (the same body again is ``accepted``, stored once), so nothing is
duplicated and what the restore lost comes back. The id lives in ``hub_state`` (no schema step); a hub made
before it gets one when it next serves. A renewal keeps the generations the database came from (``lineage``),
so a later restore can tell a database that grew out of the backup it restores from one that did not (a hub
set up afresh meanwhile): :mod:`sync.hub.restore_queue` trusts only the first to know the day's numbers.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync.protocol.constants import HEADER_GENERATION
from sync.server.db import Database, Tx

KEY = "generation"
LINEAGE = "lineage"  # the generations this database was renewed from, oldest first (JSON list)
KEEP_LINEAGE = 100


def read(tx: Tx) -> str | None:
    value = tx.scalar("SELECT value FROM hub_state WHERE key = ?", (KEY,))
    return str(value) if value else None


def lineage(tx: Tx) -> list[str]:
    raw = tx.scalar("SELECT value FROM hub_state WHERE key = ?", (LINEAGE,))
    try:
        found = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [str(g) for g in found] if isinstance(found, list) else []


def _write(tx: Tx, value: str, key: str = KEY) -> None:
    tx.execute(
        "INSERT INTO hub_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def ensure(db: Database) -> str:
    """The database's generation, made now if it has none."""
    with db.transaction() as tx:
        value = read(tx)
        if value is None:
            value = uuid.uuid4().hex
            _write(tx, value)
    return value


def renew(db: Database) -> str:
    """A new generation (a restored database is not the one the devices knew)."""
    value = uuid.uuid4().hex
    with db.transaction() as tx:
        before = read(tx)
        if before is not None:
            _write(tx, json.dumps([*lineage(tx), before][-KEEP_LINEAGE:]), LINEAGE)
        _write(tx, value)
    return value


class StampGeneration:
    """ASGI layer: every HTTP answer carries the generation (the hub serves one database per process)."""

    def __init__(self, app: Any, generation: str) -> None:
        self.app = app
        self.header = (HEADER_GENERATION.lower().encode(), generation.encode())

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamp(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, stamp)
