"""Attachment files in backups: each backup folder holds a content-addressed ``attachments/`` store of its own.

Why a shared folder per backup folder rather than one archive per backup: the files never change and are named by
their hash, so daily backups share them (a hard link when the backup folder is on the same disk, else a copy) and a
backup costs only the pages added since the last one. A restore copies back the files the restored database
references; nothing in the live folder is deleted (unreferenced files are cleaned later, and a safety copy of the
store being replaced gets its own files first).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from app.store import blobs, driver


def backup_blob_dir(backup_db: Path) -> Path:
    """The attachment folder that goes with a backup file (beside it)."""
    return Path(backup_db).parent


def hashes_in(db_file: Path, key: bytes | None) -> set[str]:
    """The attachment hashes a store file (opened with ``key``) references (none before attachments existed)."""
    conn = driver.connect(f"file:{db_file}?mode=ro", key, uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "attachments" not in tables:
            return set()
        return {r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM attachments")}
    finally:
        conn.close()


def _link_or_copy(src: Path, dest: Path) -> None:
    if dest.is_file() and dest.stat().st_size == src.stat().st_size:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    os.replace(tmp, dest)


def _copy_raw(hashes: set[str], src_root: Path, dest_root: Path) -> list[str]:
    missing = []
    for sha in sorted(hashes):
        src = blobs.path_for(src_root, sha)
        if not src.is_file():
            missing.append(sha)
            continue
        _link_or_copy(src, blobs.path_for(dest_root, sha))
    return missing


def _copy_all(hashes: set[str], src_root: Path, dest_root: Path) -> list[str]:
    """Copy each file from one data folder layout to another; returns the hashes missing at the source."""
    try:
        return _copy_raw(hashes, src_root, dest_root)
    except OSError as exc:
        raise blobs.disk_error(exc, f"tệp đính kèm vào {dest_root}") from exc


def copy_for_backup(data_dir: Path, backup_db: Path, key: bytes | None) -> list[str]:
    """After writing ``backup_db``, put every file it references beside it; returns hashes that were missing."""
    return _copy_all(hashes_in(backup_db, key), Path(data_dir), backup_blob_dir(backup_db))


def restore_files(backup_db: Path, data_dir: Path, key: bytes | None) -> list[str]:
    """Bring back the files a restored backup references; returns hashes the backup folder did not have."""
    return _copy_all(hashes_in(backup_db, key), backup_blob_dir(backup_db), Path(data_dir))


def copy_beside(backup_db: Path, copied_db: Path, key: bytes | None) -> None:
    """When a backup file is copied to a second folder (USB stick), its files go along (OSError propagates)."""
    _copy_raw(hashes_in(backup_db, key), backup_blob_dir(backup_db), backup_blob_dir(copied_db))
