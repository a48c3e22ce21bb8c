"""Consistent backups and checked restores of the device's store.

Backups use SQLite's online backup API, so they are consistent even while the app is writing, and are encrypted
with the store's key. A restore first checks the candidate file (key, integrity, schema version) and backs up the
live store before replacing anything; a backup made under another key (another PC, opened with the recovery key)
is re-keyed to this PC's key on the way in, so the live store always opens with the key the OS keeps.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

from app.store import driver
from app.store.audit import chain_head
from app.store.db import Store
from app.store.errors import EnvironmentStoreError
from app.store.migrations import LATEST
from app.store.snapshot import backup_to

__all__ = ["backup_to", "check_backup_file", "opens_with", "restore_from"]


def _missing(path: Path) -> EnvironmentStoreError:
    return EnvironmentStoreError("missing", f"Không có tệp sao lưu: {path}", f"No such backup file: {path}")


def opens_with(path: Path, key: bytes | None) -> bool:
    """True when ``key`` (``None``: no key) reads ``path``; reads only, writes nothing."""
    try:
        conn = driver.connect(f"file:{path}?mode=ro", key, uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except driver.Error:
        return False
    return True


def check_backup_file(path: Path, key: bytes | None = None) -> int:
    """Return the schema version of a backup file after checking that it is a sound MotCua store.

    ``key`` opens an encrypted backup; an unencrypted one (made before encryption) is read without it.
    """
    path = Path(path)
    if not path.is_file():
        raise _missing(path)
    if driver.is_plaintext(path):
        key = None
    try:
        conn = driver.connect(f"file:{path}?mode=ro", key, uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except driver.Error as exc:
        raise EnvironmentStoreError(
            "corrupt",
            f"Tệp sao lưu hỏng, sai khóa hoặc không phải dữ liệu MotCua: {path}",
            f"The backup is corrupt, under another key, or not a MotCua store: {path}",
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


def _unused_stamp(folder: Path, stamp: str) -> str:
    """``stamp``, or ``stamp-2``, ``stamp-3``…: the first that names no safety copy already in ``folder``."""
    taken = {p.name for p in folder.glob(f"pre-restore-{stamp}*")} if folder.is_dir() else set()
    chosen, n = stamp, 1
    while any(name.startswith(f"pre-restore-{chosen}.") or name.startswith(f"pre-restore-{chosen}-unopened")
              for name in taken):
        n += 1
        chosen = f"{stamp}-{n}"
    return chosen


def _set_aside(db_path: Path, stamp: str) -> Path:
    """Move a live store this PC cannot open (no key) into backups/ as it is: encrypted, nothing lost."""
    target = db_path.parent / "backups" / f"pre-restore-{stamp}-unopened.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(str(db_path) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    Path(str(db_path) + "-shm").unlink(missing_ok=True)
    return target


def restore_from(
    backup: Path,
    db_path: Path,
    *,
    backup_key: bytes | None = None,
    live_key: bytes | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Replace the store at ``db_path`` with ``backup``; returns the safety copy made of the old store.

    ``backup_key`` opens the backup (``None``: an unencrypted one); ``live_key`` is this PC's key (``None``: no
    key yet, a new PC). A backup under another key is re-keyed to ``live_key`` before it replaces anything.
    Nothing is replaced unless the backup passes :func:`check_backup_file`. The caller must have closed every
    connection to ``db_path``. The safety copy never replaces an earlier one: a second restore in the same second
    (``now``, the PC's local time) gets a name of its own.
    """
    check_backup_file(backup, backup_key)
    db_path = Path(db_path)
    safety: Path | None = None
    stamp = _unused_stamp(db_path.parent / "backups", (now or datetime.now()).strftime("%Y%m%d-%H%M%S"))
    if db_path.exists():
        if live_key is None and not driver.is_plaintext(db_path):
            safety = _set_aside(db_path, stamp)
        else:
            old = Store(db_path, key=live_key if not driver.is_plaintext(db_path) else None)
            try:
                safety = backup_to(old, db_path.parent / "backups" / f"pre-restore-{stamp}.sqlite3")
            finally:
                old.close()
    tmp = db_path.with_name(db_path.name + ".restore")
    shutil.copyfile(backup, tmp)
    if backup_key is not None and live_key is not None and backup_key != live_key:
        _rekey(tmp, backup_key, live_key)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return safety


def _rekey(path: Path, old: bytes, new: bytes) -> None:
    conn = driver.connect(path, old)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    except driver.Error as exc:
        path.unlink(missing_ok=True)
        from app.store.errors import translate

        raise translate(exc) from exc
    finally:
        conn.close()


def office_and_head(path: Path, key: bytes | None) -> tuple[str | None, tuple[int, str] | None]:
    """The office code and audit chain head of a store file, read-only; (None, None) when there is none."""
    if not path.is_file():
        return None, None
    try:
        conn = driver.connect(f"file:{path}?mode=ro", key, uri=True)
    except driver.Error:
        return None, None
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'office_code'").fetchone()
        head = chain_head(conn)
    except driver.Error:
        return None, None
    finally:
        conn.close()
    try:
        office = json.loads(row[0]) if row else None
    except ValueError:
        office = None
    return (office if isinstance(office, str) and office else None), head
