"""The hash-chained audit log: who did what, when, to which object.

Each row stores the hash of the row before it, so editing or deleting any row (even with a SQLite tool, past
the append-only triggers) breaks the chain at that row, and ``motcua audit verify`` says where.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from app.store.db import Store
from app.store.jsonutil import dumps

GENESIS = "0" * 64


def _row_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, object_type: str, object_id: str, detail: str
) -> str:
    material = dumps([prev_hash, seq, at, actor, action, object_type, object_id, detail])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


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
    last = store.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq = (last[0] + 1) if last else 1
    prev = last[1] if last else GENESIS
    detail_json = dumps(detail)
    digest = _row_hash(prev, seq, at, actor, action, object_type, object_id, detail_json)
    store.conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, object_type, object_id, detail_json, prev, digest),
    )
    return seq


@dataclass(frozen=True)
class VerifyResult:
    rows: int
    broken_seq: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(store: Store) -> VerifyResult:
    """Walk the chain in order; report the first row whose hash or link does not match."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    cur = store.execute(
        "SELECT seq, at, actor, action, object_type, object_id, detail, prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for seq, at, actor, action, object_type, object_id, detail, prev_hash, digest in cur:
        count += 1
        if seq != expected_seq:
            return VerifyResult(count, expected_seq, "missing row")
        if prev_hash != prev:
            return VerifyResult(count, seq, "link to the previous row does not match")
        if _row_hash(prev_hash, seq, at, actor, action, object_type, object_id, detail) != digest:
            return VerifyResult(count, seq, "row content does not match its hash")
        prev = digest
        expected_seq += 1
    return VerifyResult(count, None)


def chain_head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """The last row's (seq, hash): the chain head the device sends with sync, kept by the server as an anchor."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None
