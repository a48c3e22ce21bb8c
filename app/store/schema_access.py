"""Schema step: an index to find the audit rows about one object (who opened, printed, exported a dossier).

Every opening of a dossier's details now adds an audit row, so ``motcua audit accesses`` must not scan the log.
"""

from __future__ import annotations

from app.store.driver import Connection


def migrate_access(conn: Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS audit_log_object ON audit_log(object_type, object_id, seq)")
    conn.execute("CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log(action, seq)")
