"""A received dossier's search entry is written a batch at a time after the receive, not inside it.

Why (issue 18, item 10): in a 1,000,000-dossier store the full-text entry was a fifth of what a receive wrote
(the entry's own FTS5 segment: about five encrypted pages, its words in six indexes) and every receive's segment
had to be merged again later by the background thread, whose merge steps the clerk then waited behind; when the
thread fell behind, FTS5 merged inside the clerk's commit (seconds at 1M). So the receive writes only the
dossier's row number into ``search_pending`` (same transaction: it survives a crash with the dossier), and the
store's background thread (:mod:`app.store.checkpoint`) writes the entries of every pending dossier in one
transaction - one segment for the batch - every :data:`BATCH` commits or once the store is quiet. Nothing waits
for that: a search first indexes whatever is still pending (:func:`flush`), so a dossier received a moment ago
is found at once, and a closing store indexes the rest. A pending dossier whose status changes keeps no stale
tags: its entry is written from the dossier row as it is when the batch runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from app.domain.text import fold
from app.store import search_tags
from app.store.driver import Connection, Error

if TYPE_CHECKING:
    from app.store.db import Store

BATCH = 16  # commits between two batches while the clerk keeps receiving (one FTS5 segment each)
TABLE = "search_pending"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (seq INTEGER PRIMARY KEY)"
# (seq, code, applicant name, ID number, phone, procedure code, procedure name): what an entry is made of
Entry = tuple[int, str, str, str, str | None, str, str]
_CHUNK = 500  # dossiers a tags query (SQLite's limit on parameters is far above)
Indexed = tuple[int, str, str, str, str, str]  # (rowid, code, applicant, ID number, phone, procedure) as indexed
_ENTRY_COLUMNS = "d.seq, d.code, d.applicant_name, d.id_number, d.phone, d.procedure_code, d.procedure_name"

log = logging.getLogger(__name__)


def queue(conn: Connection, seq: int) -> None:
    """Put a dossier on the list (inside the caller's transaction)."""
    conn.execute(f"INSERT OR IGNORE INTO {TABLE} (seq) VALUES (?)", (seq,))


def done(conn: Connection, seq: int) -> None:
    """Take a dossier off the list: its entry was just written."""
    conn.execute(f"DELETE FROM {TABLE} WHERE seq = ?", (seq,))


def waiting(conn: Connection) -> bool:
    return conn.execute(f"SELECT 1 FROM {TABLE} LIMIT 1").fetchone() is not None


def _any(conn: Connection) -> bool:
    """Whether anything is pending; a store not yet at this schema has no list (nothing to do)."""
    try:
        return waiting(conn)
    except Error as exc:
        if "no such table" in str(exc):
            return False
        raise


def write_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    """(Re)write these dossiers' search entries; ``đ`` is folded here because FTS5 does not fold it. The view tags
    come from the stored row (one spelling, :mod:`app.store.search_tags`); a dossier without a row gets none.

    One plain ``INSERT ... VALUES`` an entry, in rowid order, each after the ``DELETE`` of the same rowid: FTS5
    keeps them all in its in-memory buffer and writes one segment for the whole batch at the commit. An
    ``INSERT ... SELECT`` opens a statement savepoint, at which FTS5 writes out its buffer: that made one segment
    per entry (measured at 1M: 41 one-page segments for a batch of 41), 16 times the merging this batch saves."""
    rows = sorted(entries)
    tags: dict[int, str] = {}
    for start in range(0, len(rows), _CHUNK):
        seqs = [row[0] for row in rows[start : start + _CHUNK]]
        marks = ",".join("?" * len(seqs))
        sql = f"SELECT d.seq, {search_tags.tags_sql('d')} FROM dossiers AS d WHERE d.seq IN ({marks})"
        tags.update(conn.execute(sql, seqs).fetchall())
    for row in rows:
        if row[0] in tags:
            conn.execute("DELETE FROM dossier_search WHERE rowid = ?", (row[0],))
            conn.execute(
                "INSERT INTO dossier_search (rowid, code, applicant, id_number, phone, procedure, tags)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*_indexed(row), tags[row[0]]),
            )


def index_pending(conn: Connection) -> int:
    """Write the entries of every pending dossier and empty the list (inside the caller's transaction); how many."""
    rows: Sequence[Entry] = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM {TABLE} AS p JOIN dossiers AS d ON d.seq = p.seq ORDER BY p.seq"
    ).fetchall()
    write_entries(conn, rows)
    conn.execute(f"DELETE FROM {TABLE}")  # one transaction: a dossier gone from the table has no entry to make
    return len(rows)


def pending_entries(conn: Connection, where: Sequence[str], params: Sequence[object]) -> list[Indexed]:
    """The entries the pending dossiers that pass ``where`` (SQL on ``dossiers``) will have, newest first, as the
    search reads entries: (rowid, code, applicant, ID number, phone, procedure), folded like :func:`write_entries`.
    For a search that could not write them (:func:`flush` found another writer): it still finds every dossier."""
    if not _any(conn):
        return []
    cond = "".join(f" AND {w}" for w in where)
    rows = conn.execute(
        "SELECT seq, code, applicant_name, id_number, phone, procedure_code, procedure_name FROM dossiers"
        f" WHERE seq IN (SELECT seq FROM {TABLE}){cond} ORDER BY seq DESC",
        tuple(params),
    ).fetchall()
    return [_indexed(row) for row in rows]


def _indexed(row: Entry) -> Indexed:
    """An entry's fields as the index holds them: (rowid, code, applicant, ID number, phone, procedure), folded
    (``đ`` too, which FTS5 does not fold)."""
    seq, code, name, id_number, phone, proc, proc_name = row
    return seq, fold(code), fold(name), id_number, phone or "", fold(f"{proc} {proc_name}")


def flush(store: Store) -> None:
    """Index what is pending before a search reads the index, so nothing received is missing from its answer.

    A search runs on the window's reading connection, which must never wait for a write (:mod:`app.ui.session`):
    so this is tried once without waiting (another writer holds the lock: the entries are written by the
    background thread, and the list searches again when that write is announced) and committed without an
    fsync (a power cut only leaves the dossiers pending again). Outside :meth:`Store.transaction` on purpose:
    this connection's store starts no background thread of its own for it."""
    from app.store.db import BUSY_TIMEOUT_MS

    conn = store.conn
    if conn.in_transaction or not _any(conn):
        return
    conn.execute("PRAGMA busy_timeout=0")
    conn.execute("PRAGMA synchronous=NORMAL")
    try:
        index_now(conn)
    except Error as exc:
        log.info("search entries of newly received dossiers left to the background thread: %s", exc)
    finally:
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def index_now(conn: Connection) -> int:
    """Index what is pending in a transaction of its own (the background thread, a closing store); how many."""
    if not _any(conn):
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = index_pending(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return done
