"""Consistent backups and checked restores of the device's store.

Backups use SQLite's online backup API, so they are consistent even while the app is writing. A restore first
checks the candidate file (integrity, schema version) and backs up the live store before replacing anything.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from app.store.db import Store
from app.store.errors import EnvironmentStoreError
from app.store.migrations import LATEST
from app.store.snapshot import backup_to

__all__ = ["backup_to", "check_backup_file", "restore_from"]


def check_backup_file(path: Path) -> int:
    """Return the schema version of a backup file after checking that it is a sound MotCua store."""
    path = Path(path)
    if not path.is_file():
        raise EnvironmentStoreError("missing", f"Không có tệp sao lưu: {path}", f"No such backup file: {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise EnvironmentStoreError(
            "corrupt",
            f"Tệp sao lưu hỏng hoặc không phải dữ liệu MotCua: {path}",
            f"The backup is corrupt or not a MotCua store: {path}",
        ) from exc
    if result != "ok":
        raise EnvironmentStoreError(
            "corrupt",
            f"Tệp sao lưu không toàn vẹn ({result}): {path}",
            f"The backup fails its integrity check ({result})",
        )
    if version < 1 or "dossiers" not in tables:
        raise EnvironmentStoreError(
            "notadb", f"Tệp không phải bản sao lưu MotCua: {path}", f"Not a MotCua backup: {path}"
        )
    if version > LATEST:
        raise EnvironmentStoreError(
            "newer", "Bản sao lưu do phiên bản MotCua mới hơn tạo", "The backup was made by a newer MotCua"
        )
    return version


def restore_from(backup: Path, db_path: Path) -> Path | None:
    """Replace the store at ``db_path`` with ``backup``; returns the safety copy made of the old store.

    Nothing is replaced unless the backup passes :func:`check_backup_file`. The caller must have closed every
    connection to ``db_path``.
    """
    check_backup_file(backup)
    db_path = Path(db_path)
    safety: Path | None = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        old = Store(db_path)
        try:
            safety = backup_to(old, db_path.parent / "backups" / f"pre-restore-{stamp}.sqlite3")
        finally:
            old.close()
    tmp = db_path.with_name(db_path.name + ".restore")
    shutil.copyfile(backup, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return safety
