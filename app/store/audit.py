"""The hash-chained audit log: who did what, when, to which object — and every change of every row that matters.

Each row's hash covers the hash of the row before it, so editing or deleting any row (even with a SQLite tool, past
the append-only triggers) breaks the chain at that row, and ``motcua audit verify`` says where. Services append
the "who did what" rows; SQLite triggers (:mod:`app.store.row_audit`) append one row per changed table row with
the hash of its new content, so a direct edit of a dossier no longer matches the chain. A chain that was cut
short or recomputed whole is still self-consistent: only anchors kept outside the device (the local anchor file
beside the database, the server's anchors) catch those, so :func:`verify` takes them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.store.db import Store
from app.store.jsonutil import dumps
from app.store.row_audit import GENESIS, SERVICE_ROWS, Drift, chain_hash, find_drift

_row_hash = chain_hash  # the name older code and tests use

Anchor = tuple[int, str]
_COLUMNS = "seq, at, actor, action, object_type, object_id, detail, hash"


def hash_hex(stored: object) -> str:
    """A stored hash as the hex the anchors use (a blob, or hex text in a store not yet migrated)."""
    return stored.hex() if isinstance(stored, bytes) else str(stored)


def chain_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(seq, hash as hex) of the newest audit row, or None for an empty chain."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), hash_hex(row[1])) if row else None


def append(
    store: Store,
    *,
    at: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any],
) -> int:
    """Append one audit row; must run inside the caller's write transaction."""
    return append_rows(store.conn, at=at, actor=actor, rows=[(action, object_type, object_id, dumps(detail))])


def append_rows(
    conn: sqlite3.Connection, *, at: str, actor: str, rows: Iterable[tuple[str, str, str, str | bytes | None]]
) -> int:
    """Append (action, object_type, object_id, detail) rows in order; returns the last seq.

    ``detail`` is canonical JSON, or for a row image its 32-byte digest (None: the row is gone)."""
    head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (int(head[0]), head[1]) if head else (0, GENESIS)
    batch: list[tuple[Any, ...]] = []
    for action, object_type, object_id, detail in rows:
        seq += 1
        digest = chain_hash(prev, seq, at, actor, action, object_type, object_id, detail)
        batch.append((seq, at, actor, action, object_type, object_id, detail, digest))
        prev = digest
    conn.executemany(f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
    return seq


@dataclass(frozen=True)
class VerifyResult:
    rows: int
    broken_seq: int | None
    reason: str = ""
    drift: tuple[Drift, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.broken_seq is None and not self.drift


def verify(store: Store, anchors: Sequence[Anchor] = ()) -> VerifyResult:
    """Walk the chain in order and check it against ``anchors`` and against the tables it covers.

    Reports the first row whose hash or link does not match, an anchor whose row differs (the chain was
    recomputed) or is missing (the tail was cut off), then the rows edited or deleted behind the chain's back.
    """
    expected_anchor: dict[int, str] = {}
    for seq, digest in anchors:
        expected_anchor.setdefault(int(seq), str(digest).lower())
    conn = store.conn
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")  # one consistent snapshot for the chain and the tables
    try:
        result = _walk(conn, expected_anchor)
        if result.ok:
            drift = tuple(find_drift(conn))
            if drift:
                first = drift[0]
                return VerifyResult(
                    result.rows, first.seq or None, f"{first.table} {first.object_id}: {first.reason}", drift
                )
        return result
    finally:
        if own_transaction:
            conn.execute("COMMIT")


def _walk(conn: sqlite3.Connection, anchors: dict[int, str]) -> VerifyResult:
    """The previous row's hash is not stored: each row's hash is recomputed over the one before it, so an edited
    row fails itself, and an edited row whose hash was recomputed fails the row after it."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    cur = conn.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq")
    for seq, at, actor, action, object_type, object_id, detail, digest in cur:
        count += 1
        if seq != expected_seq:
            return VerifyResult(count, expected_seq, "missing row")
        if not isinstance(digest, bytes) or chain_hash(
            prev, seq, at, actor, action, object_type, object_id, detail
        ) != digest:
            return VerifyResult(count, seq, "row content does not match its hash, or the row before it was changed")
        if seq in anchors and anchors[seq] != digest.hex():
            return VerifyResult(count, seq, "row differs from its anchor kept outside the device (chain rewritten)")
        prev = digest
        expected_seq += 1
    beyond = [seq for seq in anchors if seq > count]
    if beyond:
        reason = f"chain ends at row {count}, shorter than its anchor at row {max(beyond)}"
        return VerifyResult(count, count + 1, reason)
    return VerifyResult(count, None)


def last_restore_seq(conn: sqlite3.Connection) -> int | None:
    """The seq of the newest ``store.restore`` row: anchors at or past it belong to the chain a restore replaced."""
    row = conn.execute(f"SELECT MAX(seq) FROM audit_log WHERE action = 'store.restore' AND {SERVICE_ROWS}").fetchone()
    return int(row[0]) if row and row[0] is not None else None
