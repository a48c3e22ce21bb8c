"""The province's feed, handed on by the hub in its own feed: catalogue, calendar, statuses set by the back
office, and the office's dossiers that reached the province another way (a device still syncing directly).

Each pulled page is applied in one transaction with the upstream cursor (``hub_state``), like a device does, so
a hub killed mid-pull repeats a page at worst, and applying a page twice changes nothing: a dossier the hub
has is skipped (the province echoes back what the hub forwarded), a status is taken only when it differs from
the hub's and is not older than it. What fails the protocol's checks is skipped, logged and counted for
``hub status`` (``skipped.py``): one record never blocks the office's feed. The caller tells waiting devices (the
feed signal) after the commit.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from sync.client import api
from sync.client.transport import Transport
from sync.hub import skipped
from sync.protocol import constants as c
from sync.protocol.changes import check_change
from sync.protocol.models import Change
from sync.protocol.timefmt import parse_time, utc_now
from sync.protocol.validation import Problem
from sync.server.db import Database, Tx
from sync.server.feed import NewChange, emit

log = logging.getLogger("motcua.hub")
CURSOR_KEY = "upstream_cursor"
PAGE = 500


def cursor(db: Database) -> str:
    with db.transaction(write=False) as tx:
        return str(tx.scalar("SELECT value FROM hub_state WHERE key = ?", (CURSOR_KEY,)) or "")


def _dossier(tx: Tx, office: str, ch: Change, now: str, out: list[NewChange]) -> None:
    data = ch.data
    row = (data["id"], data["code"], office, int(data["status"]), ch.at, json.dumps(data, ensure_ascii=False),
           ch.at, now)
    inserted = tx.all(
        "INSERT INTO dossiers (id, code, office_code, device_id, status, status_at, data, received_at, updated_at) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
        row,
    )
    if inserted:
        out.append(NewChange(c.CHANGE_DOSSIER, ch.key, data, ch.at, office))


def _status(tx: Tx, office: str, ch: Change, out: list[NewChange]) -> None:
    data = ch.data
    here = tx.one("SELECT status, status_at FROM dossiers WHERE office_code = ? AND id = ?", (office, ch.key))
    at = str(data.get("at") or ch.at)
    if here is None or int(here["status"]) == int(data["status"]) or parse_time(at) < parse_time(here["status_at"]):
        return
    tx.execute(
        "UPDATE dossiers SET status = ?, status_at = ?, status_reason = ?, updated_at = ? WHERE office_code = ? "
        "AND id = ?",
        (int(data["status"]), at, str(data.get("reason") or ""), utc_now(), office, ch.key),
    )
    out.append(NewChange(c.CHANGE_DOSSIER_STATUS, ch.key, data, ch.at, office))


def apply_page(db: Database, office: str, changes: list[Change], next_cursor: str, server_now: datetime) -> int:
    """Store one page and the cursor atomically; returns how many changes the hub's feed got."""
    out: list[NewChange] = []
    shared: list[NewChange] = []
    bad: list[tuple[Change, Problem]] = []
    now = utc_now()
    with db.transaction() as tx:
        for ch in changes:
            problem = check_change(ch.kind, ch.key, ch.data, ch.at, office, server_now)
            if problem is not None:
                log.warning("upstream change %s %s skipped: %s", ch.kind, ch.key, problem.message)
                bad.append((ch, problem))
            elif ch.kind == c.CHANGE_DOSSIER:
                _dossier(tx, office, ch, now, out)
            elif ch.kind == c.CHANGE_DOSSIER_STATUS:
                _status(tx, office, ch, out)
            elif ch.kind in (c.CHANGE_CATALOG, c.CHANGE_CALENDAR):
                shared.append(NewChange(ch.kind, ch.key, ch.data, ch.at))
            else:  # a kind this hub does not know: handed on to its devices, which skip what they do not know
                out.append(NewChange(ch.kind, ch.key, ch.data, ch.at, office))
        emit(tx, shared, supersede=True)
        emit(tx, out)
        skipped.record(tx, bad, now)
        tx.execute(
            "INSERT INTO hub_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (CURSOR_KEY, next_cursor),
        )
    return len(out) + len(shared)


def pull_once(db: Database, t: Transport, office: str, wait: float = 0.0, pages: int = 100) -> int:
    """Pull until the province has nothing more (the first request may wait for news); returns changes handed on."""
    handed = 0
    position = cursor(db)
    for i in range(pages):
        page = api.pull(t, position, PAGE, wait if i == 0 else 0.0)
        handed += apply_page(db, office, page.changes, page.cursor, _server_now(page.server_time))
        position = page.cursor
        if not page.more:
            break
    return handed


def _server_now(text: str) -> datetime:
    try:
        return parse_time(text)
    except ValueError:
        return parse_time(utc_now())
