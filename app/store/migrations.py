"""Numbered schema migrations tracked in ``PRAGMA user_version``, each preceded by a backup.

A step is a function that receives the open connection inside a transaction. The list only grows: a store made
by any earlier version opens in this one (tests keep a fixture of every earlier schema).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.store.db import Store
from app.store.driver import Connection, Error, complete_statement
from app.store.errors import translate
from app.store.schema_access import migrate_access
from app.store.schema_attachments import migrate_attachments
from app.store.schema_audit_compact import ensure_compact, migrate_audit_compact
from app.store.schema_index_merge import migrate_index_merge
from app.store.schema_pulled_times import migrate_pulled_times
from app.store.schema_receive_pages import migrate_receive_pages
from app.store.schema_row_audit import migrate_row_audit
from app.store.schema_search_views import migrate_search_views
from app.store.schema_store_compact import migrate_store_compact
from app.store.schema_sync_held import migrate_sync_held
from app.store.schema_ticket_handover import migrate_ticket_handover
from app.store.schema_v1 import SCHEMA_V1
from app.store.schema_v2 import migrate_v2
from app.store.schema_v3 import migrate_v3
from app.store.snapshot import backup_to


def _v1(conn: Connection) -> None:
    for statement in _split(SCHEMA_V1):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (which contain ';') whole."""
    statements: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        stripped = line.split("--", 1)[0].rstrip() if not line.strip().startswith("BEGIN") else line
        if not stripped.strip():
            continue
        buf.append(stripped)
        text = "\n".join(buf)
        if complete_statement(text):
            statements.append(text)
            buf = []
    if buf:
        raise ValueError("incomplete SQL statement at end of script")
    return statements


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1,
    migrate_v2,
    migrate_v3,
    migrate_row_audit,
    migrate_access,
    migrate_sync_held,
    migrate_attachments,
    migrate_search_views,
    migrate_ticket_handover,
    migrate_audit_compact,
    migrate_store_compact,
    migrate_receive_pages,
    migrate_pulled_times,
    migrate_index_merge,
]
LATEST = len(MIGRATIONS)


def pending(store: Store) -> int:
    return LATEST - store.user_version


def migrate(store: Store, backup_dir: Path | None = None) -> list[int]:
    """Bring the store to the latest schema; returns the versions applied.

    Before touching an existing store (version >= 1) a consistent copy is written to ``backup_dir`` (default:
    ``<data dir>/backups``), so a failed upgrade never costs data.
    """
    current = store.user_version
    if current > LATEST:
        from app.store.errors import EnvironmentStoreError

        raise EnvironmentStoreError(
            "newer",
            f"Tệp dữ liệu do phiên bản MotCua mới hơn tạo (lược đồ {current}); hãy cập nhật phần mềm",
            f"The data file was made by a newer MotCua (schema {current}); update the software",
        )
    if current == LATEST:
        return []
    if current >= 1:
        folder = backup_dir or store.path.parent / "backups"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_to(store, folder / f"pre-migration-v{current}-to-v{LATEST}-{stamp}.sqlite3")
    applied: list[int] = []
    for version in range(current + 1, LATEST + 1):
        try:
            store.conn.execute("BEGIN IMMEDIATE")
            if version > 1:  # every step writes the audit log with today's code, which knows only this layout
                ensure_compact(store.conn)
            MIGRATIONS[version - 1](store.conn)
            store.conn.execute(f"PRAGMA user_version={version}")
            store.conn.execute("COMMIT")
        except Error as exc:
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
            raise translate(exc) from exc
        applied.append(version)
    store.anchor()
    return applied
