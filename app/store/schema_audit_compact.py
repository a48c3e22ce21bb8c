"""Schema step: the audit log in its compact layout, and two counters no longer audited on every receive.

Why: the audit log was most of a store's bytes (six rows per receive, each with two 64-character hex hashes and a
JSON digest). Now a row keeps its hash as a 32-byte blob and not the previous row's hash (the walk recomputes
it), a row image keeps its digest as a blob, and a receive writes four rows: ``daily_counters`` and
``procedures.use_count`` are no longer tracked (see :mod:`app.store.row_audit`). The index by action leaves
the row images out (they are found by object).

History stays verifiable and the anchors kept outside keep naming it: nothing is re-hashed. The hashed material
is the same hex text and JSON as before; the blobs are the same bytes, and a detail is only turned into a blob
when it is exactly the JSON the blob stands for. A row tampered with before the upgrade still fails the walk
(its recomputed hash differs), and a hash that is not hex text is kept as it is, so that it fails too.

Every migration step runs today's writers (the row triggers, :func:`app.store.audit.append_rows`), which know
only the compact layout, so :func:`ensure_compact` runs before each step of an older store, not only in this one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.store import row_audit
from app.store.driver import Connection

_ROW_ACTIONS = ", ".join(f"'{a}'" for a in row_audit.ROW_ACTIONS)
_HEX = "substr(detail, 12, 64)"
# The JSON a trigger or a baseline wrote for a digest, turned into the blob it stands for (see row_audit.detail_text).
_DETAIL = (
    f"CASE WHEN action NOT IN ({_ROW_ACTIONS}) THEN detail "
    "WHEN detail = '{\"digest\":null}' THEN NULL "
    "WHEN length(detail) = 77 AND substr(detail, 1, 11) = '{\"digest\":\"' AND substr(detail, 76) = '\"}' "
    f"AND lower(hex(unhex({_HEX}))) = {_HEX} THEN unhex({_HEX}) ELSE detail END"
)
_HASH = "CASE WHEN length(hash) = 64 AND lower(hex(unhex(hash))) = hash THEN unhex(hash) ELSE CAST(hash AS BLOB) END"
COMPACT_TABLE = """CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail,
    hash BLOB NOT NULL
)"""
GUARDS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)


def _columns(conn: Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def ensure_compact(conn: Connection) -> bool:
    """Rebuild ``audit_log`` in the compact layout, with its row triggers; False when it already is (or has none)."""
    if "prev_hash" not in _columns(conn, "audit_log"):
        return False
    recorded = row_audit.trackings(conn)
    triggered = {
        name[len("audit_row_"): name.rindex("_")]
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_row_%'")
    }
    for table in triggered:  # they name audit_log: drop them before it goes, make them again after
        row_audit.drop_triggers(conn, table)
    indexes = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL"
    )]
    conn.execute("ALTER TABLE audit_log RENAME TO audit_log_old")
    conn.execute(COMPACT_TABLE)
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, detail, hash) "
        f"SELECT seq, at, actor, action, object_type, object_id, {_DETAIL}, {_HASH} FROM audit_log_old ORDER BY seq"
    )
    conn.execute("DROP TABLE audit_log_old")
    for sql in (*GUARDS, *indexes):
        conn.execute(sql)
    for table in sorted(triggered):
        if table in recorded:
            row_audit.install_triggers(conn, recorded[table])
    return True


def migrate_audit_compact(conn: Connection) -> None:
    ensure_compact(conn)
    conn.execute("DROP INDEX IF EXISTS audit_log_action")  # row images are never looked up by action
    conn.execute(f"CREATE INDEX audit_log_action ON audit_log(action, seq) WHERE {row_audit.SERVICE_ROWS}")
    row_audit.drop_triggers(conn, "daily_counters")
    recorded = row_audit.trackings(conn)
    for table in row_audit.UNTRACKED_COLUMNS:
        tracking = row_audit.tracking_of(conn, table)
        if tracking is None:
            continue
        row_audit.install_triggers(conn, tracking)
        if recorded.get(table) != tracking:
            row_audit.track(conn, tracking, at=datetime.now(UTC).isoformat(timespec="seconds"))
