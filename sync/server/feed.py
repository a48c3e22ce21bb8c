"""The change feed devices pull with a cursor: dossiers, status updates, catalogue, calendar.

A cursor is the highest ``changes.seq`` a device has seen among the changes it reads. It is only safe if those
rows become visible in ``seq`` order; on PostgreSQL two transactions could commit out of order, so every writer
takes advisory locks just before inserting changes and keeps them until commit (:mod:`sync.server.feed_order`:
per office, so offices do not queue behind each other). The locks are taken last, so the part of a push that
runs under them is short.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sync.protocol import constants as c
from sync.server.db import Tx
from sync.server.errors import ApiError
from sync.server.feed_order import lock_for, visible_high

# What a citizen's data travels in: a kiosk or a waiting-room screen (slotless, in the public hall) is given none.
PERSONAL_KINDS = (c.CHANGE_DOSSIER, c.CHANGE_DOSSIER_STATUS)

_CHANGE_COLUMNS = [(name, "text") for name in ("office_code", "origin_device", "kind", "key", "data", "at")]


@dataclass(frozen=True)
class NewChange:
    kind: str
    key: str
    data: dict[str, Any] | str  # a record, or its JSON already made
    at: str
    office_code: str | None = None  # None: every office
    origin_device: str | None = None  # the device that caused it (kept for the record; it gets it too)


def emit(tx: Tx, changes: Sequence[NewChange], *, supersede: bool = False) -> None:
    """Append changes; ``supersede`` drops older changes of the same kind and key (they are full records)."""
    if not changes:
        return
    lock_for(tx, {ch.office_code for ch in changes})
    if supersede:
        tx.executemany("DELETE FROM changes WHERE kind = ? AND key = ?", [(ch.kind, ch.key) for ch in changes])
    # one statement for the whole batch (a push of ten dossiers was ten round trips to PostgreSQL)
    tx.insert_many(
        "changes",
        _CHANGE_COLUMNS,
        [(ch.office_code, ch.origin_device, ch.kind, ch.key, _json(ch.data), ch.at) for ch in changes],
    )


def _json(data: dict[str, Any] | str) -> str:
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


def parse_cursor(cursor: str) -> int:
    if cursor == "":
        return 0
    if not cursor.isdigit() or len(cursor) > 19:
        raise ApiError(400, c.ERR_BAD_REQUEST, "cursor: not a cursor this server gave out")
    return int(cursor)


def read(
    tx: Tx, office_code: str, cursor: str, limit: int, personal: bool = True
) -> tuple[list[dict[str, Any]], str, bool]:
    """One page of changes after ``cursor`` for a device of ``office_code``: (changes, next cursor, more).

    The device's own changes are in it too: after a restore or a re-enrolment it gets back everything the
    server holds for its office (applying a change it already has changes nothing). ``personal=False`` (a kiosk,
    a screen) leaves out the dossier changes: the cursor still moves past them."""
    after = parse_cursor(cursor)
    if after and int(tx.scalar("SELECT COALESCE(MAX(seq), 0) AS high FROM changes")) < after:
        after = 0  # a cursor from a database that was reset: start again
    high = visible_high(tx, office_code)
    hidden = "" if personal else f"AND kind NOT IN ({', '.join('?' for _ in PERSONAL_KINDS)}) "
    rows = tx.all(
        "SELECT seq, kind, key, data, at FROM changes WHERE seq > ? AND seq <= ? "
        f"AND (office_code IS NULL OR office_code = ?) {hidden}ORDER BY seq LIMIT ?",
        (after, high, office_code, *(() if personal else PERSONAL_KINDS), limit + 1),
    )
    more = len(rows) > limit
    rows = rows[:limit]
    # never backwards: a cursor past this office's last change (from before changes were ordered per office) stays
    next_cursor = rows[-1]["seq"] if more else max(high, after)
    changes = [{"kind": r["kind"], "key": r["key"], "data": json.loads(r["data"]), "at": r["at"]} for r in rows]
    return changes, str(next_cursor), more
