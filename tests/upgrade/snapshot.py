"""Read every row of a store with a raw (keyed) connection, so "nothing is lost" can be compared table by table."""

from __future__ import annotations

from pathlib import Path

from app.store.audit import hash_hex
from app.store.row_audit import REFERENCED, detail_text
from tests.helpers.raw import raw_connect

Snapshot = dict[str, tuple[list[str], list[tuple]]]


def snapshot(path: Path) -> Snapshot:
    """Table -> (columns, sorted rows), read-only; FTS shadow tables are left out (the index is compared whole)."""
    conn = raw_connect(path, readonly=True)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not r[0].startswith(("sqlite_", "dossier_search_"))
        ]
        found: Snapshot = {}
        for name in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            rows = conn.execute(f'SELECT {", ".join(columns)} FROM "{name}"').fetchall()
            found[name] = (columns, sorted(rows, key=repr))
        return found
    finally:
        conn.close()


def rows_of(path: Path, table: str, columns: list[str]) -> list[tuple]:
    """The rows as ``columns`` name them; a column now kept as a number into interned text reads as its text."""
    conn = raw_connect(path, readonly=True)
    try:
        present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        refs = REFERENCED.get(table, {})
        exprs = [
            refs[c][1].format(row=f'"{table}"') if c in refs and c not in present and refs[c][0] in present else c
            for c in columns
        ]
        return sorted(conn.execute(f'SELECT {", ".join(exprs)} FROM "{table}"').fetchall(), key=repr)
    finally:
        conn.close()


AUDIT_FIELDS = ["seq", "at", "actor", "action", "object_type", "object_id", "detail", "hash"]


def audit_rows(columns: list[str], rows: list[tuple]) -> set[tuple]:
    """Audit rows as the chain hashes them, whatever the layout: the compact one keeps the hash and a row image's
    digest as blobs and drops the previous row's hash (it is the row before's hash)."""
    at = [columns.index(c) for c in AUDIT_FIELDS]
    return {(*(r[i] for i in at[:6]), detail_text(r[at[6]]), hash_hex(r[at[7]])) for r in rows}


def assert_nothing_lost(before: Snapshot, after_path: Path) -> None:
    """Every row of every table in ``before`` is in ``after_path`` with the same values (new columns aside).

    The audit log only grows: an upgrade appends its baseline rows, and every old row must still be there, the
    same to the chain (the compact layout stores the same hashes as blobs)."""
    for table, (columns, rows) in before.items():
        if table == "audit_log":
            after = audit_rows(AUDIT_FIELDS, rows_of(after_path, table, AUDIT_FIELDS))
            assert audit_rows(columns, rows) <= after, "the audit log lost or changed old rows"
            continue
        assert rows_of(after_path, table, columns) == rows, f"table {table} changed"
