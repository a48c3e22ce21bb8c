"""Rewriting the whole audit chain behind the app's back, as an attacker with the key and a SQLite tool could."""

from __future__ import annotations

from pathlib import Path

from app.store.row_audit import GENESIS, chain_hash
from tests.helpers.raw import raw_connect


def recompute_chain(db_file: Path, rewrite_seq: int = 2, actor: str = "mallory") -> None:
    """Change the actor of one old row and re-hash every row after it, so the chain checks out by itself."""
    conn = raw_connect(db_file)
    conn.execute("DROP TRIGGER audit_log_no_update")
    prev = GENESIS
    rows = conn.execute("SELECT seq, at, actor, action, object_type, object_id, detail FROM audit_log ORDER BY seq")
    for seq, at, who, action, otype, oid, detail in rows.fetchall():
        who = actor if seq == rewrite_seq else who
        digest = chain_hash(prev, seq, at, who, action, otype, oid, detail)
        conn.execute("UPDATE audit_log SET actor = ?, hash = ? WHERE seq = ?", (who, digest, seq))
        prev = digest
    conn.commit()
    conn.close()
