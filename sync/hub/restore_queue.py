"""The office queue across a hub restore: no ticket number given out twice in a day, no waiting citizen dropped.

Why: a backup holds the queue as it was when it was taken; a mid-day restore would start the day's series again
from there, and a citizen holding "A012" would hear another "A012" called. The counters, the kiosk and the
screen keep no copy of the hub's tickets (they act on the hub and show its answers), so they cannot tell the
restored hub what it lost. Two cases:

- **The replaced database still reads** (a restore to undo a mistake, a PC replaced in good order): its queue
  is the newest truth, so it is carried into the restored one: the day's last numbers (the higher of both), the
  tickets the backup lacks, the newer state of the tickets both hold (called, served, no-show), the screens'
  log, the answers kept for retried requests, and the queue events not yet in the backup (the province gets
  each once: events are kept by id). Services and counters set up after the backup come along; those the
  backup has stay as it has them. Only a database that grew out of the backup's generation (its own, or one it
  was restored from: ``lineage``) is trusted to hold every number printed since; another one (a hub set up
  afresh after the disk died) is carried and the series jump as well.
- **It does not read** (the usual case: a dead disk, a new PC): every series of the days the backup may have
  missed (from the backup's office day to the restore's, and the day before: a clock set back a day after the
  restore still lands on a jumped day) jumps forward to the next hundred at least :data:`MIN_JUMP` past its
  last number, and past that letter's busiest day in the backup (its tickets in the 30 days before): more
  numbers than a whole busy day cannot have been printed since a backup taken at most a day ago (the daily
  one). The screen shows the jump plainly ("A201" after "A012"; numbers stay within four digits). The open
  tickets in the backup stay open: a citizen already served may be called again and is marked absent by the
  clerk, but nobody still waiting is lost.
"""

from __future__ import annotations

import contextlib
import json
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sync.hub.generation import KEY, LINEAGE
from sync.server import cipher, queue_store
from sync.server.db import SQLITE, Tx
from sync.server.queue_days import office_date

MIN_JUMP = 100
BUSIEST_OF_DAYS = 30
MAX_DAYS = 31  # the most days one restore jumps (a backup kept 14 days, plus clocks a little off)
CARRIED = "carried"
JUMPED = "jumped"
CARRIED_AND_JUMPED = "carried_and_jumped"


@dataclass(frozen=True)
class QueueAfterRestore:
    how: str  # CARRIED | JUMPED | CARRIED_AND_JUMPED
    # JUMPED: the first number of each service the backup knows, on the restore's day (any other letter: 101)
    next_numbers: dict[str, int] = field(default_factory=dict)


def settle(
    staged: Path,
    replaced: Path | None,
    office: str,
    backup: str | None,
    taken_at: datetime,
    now: datetime,
    key: bytes | None = None,
) -> QueueAfterRestore:
    """Carry the queue of ``replaced`` into ``staged`` when it reads, else jump the series; what was done.
    ``backup``: the generation the backup was taken in. A replaced database that did not grow out of it (a hub
    set up afresh after the disk died, then replaced by the backup) is carried and the series jump too: it may
    not hold what the lost one printed after the backup. ``key``: both databases' (this PC's hub key)."""
    conn = cipher.connect(staged, key, isolation_level=None)
    try:
        related = _carry(conn, replaced, office, backup, key) if replaced is not None and replaced.is_file() else None
        if related:
            return QueueAfterRestore(CARRIED)
        jumped = _jump(conn, office, office_date(taken_at), office_date(now))
        return QueueAfterRestore(JUMPED if related is None else CARRIED_AND_JUMPED, jumped)
    finally:
        conn.close()


# -- the replaced database reads: carry its queue over ------------------------------------------------------------
def _carry(conn: Any, replaced: Path, office: str, backup: str | None, key: bytes | None) -> bool | None:
    """Carry the queue over; None when the replaced database does not read, else whether it grew out of the
    backup's generation."""
    try:
        conn.execute(cipher.attach_sql("old", key), (str(replaced),))
    except cipher.error_types():
        return None
    try:
        if conn.execute("PRAGMA old.quick_check").fetchone()[0] != "ok":
            return None
        conn.execute("BEGIN IMMEDIATE")
        try:
            _carry_tables(conn, office)
            related = backup is not None and backup in _generations(conn)
        except cipher.error_types():
            conn.execute("ROLLBACK")
            return None
        conn.execute("COMMIT")
        return related
    except cipher.error_types():  # the file is not a database at all, or its pages do not read
        return None
    finally:
        with contextlib.suppress(*cipher.error_types()):
            conn.execute("DETACH DATABASE old")


def _generations(conn: Any) -> set[str]:
    """The generation of the replaced database and those it was renewed from (sync/hub/generation.py)."""
    rows = dict(conn.execute("SELECT key, value FROM old.hub_state WHERE key IN (?, ?)", (KEY, LINEAGE)).fetchall())
    try:
        lineage = json.loads(rows.get(LINEAGE) or "[]")
    except ValueError:
        lineage = []
    return {str(g) for g in [rows.get(KEY), *(lineage if isinstance(lineage, list) else [])] if g}


def _columns(conn: Any, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _common(conn: Any, table: str, skip: tuple[str, ...] = ()) -> str:
    old = set(_columns(conn, table, "old"))
    return ", ".join(c for c in _columns(conn, table) if c in old and c not in skip)


def _carry_tables(conn: Any, office: str) -> None:
    x = conn.execute
    x("INSERT INTO queue_numbers (office_code, day, letter, last_number) SELECT office_code, day, letter,"
      " last_number FROM old.queue_numbers WHERE office_code = ? AND true ON CONFLICT (office_code, day, letter)"
      " DO UPDATE SET last_number = MAX(last_number, excluded.last_number)", (office,))
    for table in ("queue_services", "queue_counters", "queue_options", "queue_requests"):  # only what is missing
        cols = _common(conn, table)
        x(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM old.{table} WHERE office_code = ?", (office,))
    state = [c for c in _columns(conn, "queue_tickets") if c not in ("seq", "id", "office_code", "day", "number")]
    x(f"UPDATE queue_tickets SET ({', '.join(state)}) = (SELECT {', '.join(state)} FROM old.queue_tickets o"
      " WHERE o.id = queue_tickets.id) WHERE office_code = ? AND id IN (SELECT o.id FROM old.queue_tickets o"
      " WHERE o.id = queue_tickets.id AND o.updated_at > queue_tickets.updated_at)", (office,))
    cols = _common(conn, "queue_tickets", ("seq",))
    x(f"INSERT OR IGNORE INTO queue_tickets ({cols}) SELECT {cols} FROM old.queue_tickets WHERE office_code = ?"
      " AND id NOT IN (SELECT id FROM main.queue_tickets) ORDER BY seq", (office,))
    cols = _common(conn, "queue_log", ("seq",))
    x(f"INSERT INTO queue_log ({cols}) SELECT {cols} FROM old.queue_log WHERE office_code = ?"
      " AND event_id NOT IN (SELECT event_id FROM main.queue_log) ORDER BY seq", (office,))
    cols = _common(conn, "events")
    x(f"INSERT OR IGNORE INTO events ({cols}) SELECT {cols} FROM old.events WHERE office_code = ?"
      " AND kind LIKE 'queue.%'", (office,))
    cols = _common(conn, "hub_forwarded")
    x(f"INSERT OR IGNORE INTO hub_forwarded ({cols}) SELECT {cols} FROM old.hub_forwarded f WHERE office_code = ?"
      " AND event_id IN (SELECT id FROM old.events e WHERE e.office_code = f.office_code AND e.kind LIKE 'queue.%')",
      (office,))


# -- it does not read: jump each series of the days the backup may have missed ---------------------------------
def _jump(conn: Any, office: str, first: date, last: date) -> dict[str, int]:
    known = {r[0] for r in conn.execute(
        "SELECT letter FROM queue_services WHERE office_code = ? UNION SELECT letter FROM queue_numbers"
        " WHERE office_code = ? UNION SELECT letter FROM queue_tickets WHERE office_code = ?", (office,) * 3)}
    # every letter a service may have (A–Z), not only those the backup knows: a service set up after the backup
    # (or the default ones of a hub backed up before its queue was first used) printed numbers too
    letters = sorted(known | set(string.ascii_uppercase))
    # the day before too: it is over, so jumping it costs nothing, and a hub clock set back a day after the
    # restore then gives "A2xx" of yesterday, never an "A012" a citizen holds today
    # a clock years off at the restore must not write years of rows: at most a month before the last day
    start, end = min(first, last) - timedelta(days=1), max(first, last)
    span = min((end - start).days, MAX_DAYS)
    days = sorted({first - timedelta(days=1), first} | {end - timedelta(days=n) for n in range(span + 1)})
    since = (first - timedelta(days=BUSIEST_OF_DAYS)).isoformat()
    firsts: dict[str, int] = {}
    tx = Tx(conn, SQLITE)
    conn.execute("BEGIN IMMEDIATE")
    for letter in letters:
        busiest = int(conn.execute(  # tickets, not series rows: an earlier jump never makes the next one bigger
            "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM queue_tickets WHERE office_code = ?"
            " AND letter = ? AND day >= ? AND day < ? GROUP BY day)", (office, letter, since, first.isoformat()),
        ).fetchone()[0])
        for day in days:
            was = queue_store.last_number(tx, office, day.isoformat(), letter) or 0  # as the hub's queue reads it
            jumped = -(-(was + max(MIN_JUMP, busiest)) // 100) * 100  # up to the next hundred
            queue_store.set_last_number(tx, office, day.isoformat(), letter, jumped)
            if letter in known:
                firsts[letter] = jumped + 1  # the last day's: the restore's own
    conn.execute("COMMIT")
    return firsts

