"""Encrypting a store made before encryption, in place, so that a kill at any moment leaves a usable store.

Steps (each named for :data:`STEPS`, reported through ``on_step`` so a test can kill the process at each one):

1. ``locked``: one connection takes the store's lock in exclusive mode and keeps it to the end, so no other
   process writes to the plain file meanwhile; the WAL is checkpointed and the file leaves WAL mode, so no plain
   ``-wal`` is left that SQLite could replay into the new file.
2. ``exported``: ``sqlcipher_export`` to ``<store>.encrypting``, fsynced, then opened with the key and checked.
3. ``backup``: a copy of that file goes to ``backups/pre-encryption-<time>.sqlite3`` (temp file, fsync, rename)
   before anything is replaced; a file copy, because a second export would double the time on a big store.
4. ``replaced``: an atomic rename puts it in the store's place; the folder is fsynced.

Until step 4 the old plain file is untouched in its place; after it, the new file is. A rerun after a kill starts
again from step 1 (a leftover ``.encrypting`` is overwritten). A second process that waited for the lock finds the
file already encrypted and leaves it. What this does not undo: the plain file's old blocks stay on the disk until
overwritten (an SSD or a file system may keep them); docs/DESIGN.md says so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.security.keys import DeviceKeys
from app.store import driver
from app.store.errors import EnvironmentStoreError, translate

STEPS = ("locked", "exported", "backup", "replaced")
ENCRYPT_LOCK = "encrypt.lock"
LOCK_TIMEOUT_S = 600.0  # a 1M-dossier store takes tens of seconds to export; waiters must outlast it


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _copy_synced(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    shutil.copyfile(source, tmp)
    _fsync_file(tmp)
    os.replace(tmp, dest)


def export_encrypted(conn: driver.Connection, dest: Path, key: bytes) -> Path:
    """Write an encrypted copy of the plain database on ``conn`` to ``dest`` (temp file, fsync, rename)."""
    from sync.server.cipher import export_encrypted as export

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if not export(conn, tmp, key):
        raise EnvironmentStoreError("io", "Bản mã hóa bị lỗi khi ghi", "The encrypted copy was written wrongly")
    os.replace(tmp, dest)
    return dest


def encrypt_in_place(
    path: Path,
    key: bytes,
    backup_dir: Path | None = None,
    on_step: Callable[[str], None] | None = None,
    keep_copy: bool = True,
) -> bool:
    """Encrypt the plain store at ``path`` with ``key``; False when another process already did it.
    ``keep_copy=False``: no ``pre-encryption`` copy (the hub's backups are archives; a bare file would be a
    full-size copy nothing restores from)."""
    path = Path(path)
    step = on_step or (lambda _name: None)
    try:
        conn = driver.connect(path, None, timeout=LOCK_TIMEOUT_S)
    except driver.Error as exc:
        raise translate(exc) from exc
    try:
        conn.isolation_level = None
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")  # the exclusive lock stays with this connection until it closes
        except driver.Error:
            if not driver.is_plaintext(path):
                return False  # another process encrypted it while this one waited
            raise
        if not driver.is_plaintext(path):
            return False
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        step("locked")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = backup_dir or path.parent / "backups"
        staged = export_encrypted(conn, path.with_name(path.name + ".encrypting"), key)
        step("exported")
        if keep_copy:
            _copy_synced(staged, folder / f"pre-encryption-{stamp}.sqlite3")
        step("backup")
        if os.name == "nt":
            conn.close()  # Windows cannot rename over an open file; a waiter then redoes the same export
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.replace(staged, path)
        from app.store.durable import fsync_dir

        fsync_dir(path.parent)
        step("replaced")
        return True
    except driver.Error as exc:
        raise translate(exc) from exc
    finally:
        with contextlib.suppress(driver.Error):
            conn.close()


def encrypt_file(path: Path, key: bytes) -> bool:
    """Encrypt one plain backup file in place (temp file, fsync, rename); False if it was not plain."""
    path = Path(path)
    if not driver.is_plaintext(path):
        return False
    conn = driver.connect(path, None)
    try:
        export_encrypted(conn, path.with_name(path.name + ".encrypting"), key)
    finally:
        conn.close()
    os.replace(path.with_name(path.name + ".encrypting"), path)
    return True


def encrypt_database(path: Path, key: bytes, on_step: Callable[[str], None] | None = None) -> bool:
    """Encrypt one plain database file in place with no copy kept (the office hub's, made before encryption),
    one process at a time through a lock file beside it; False when it was not plain (done meanwhile)."""
    path = Path(path)
    if not driver.is_plaintext(path):
        return False
    from filelock import FileLock

    with FileLock(str(path.parent / ENCRYPT_LOCK), timeout=LOCK_TIMEOUT_S):
        return encrypt_in_place(path, key, on_step=on_step, keep_copy=False) if driver.is_plaintext(path) else False


def ensure_encrypted(
    data_dir: Path, keys: DeviceKeys | None = None, on_step: Callable[[str], None] | None = None
) -> bool:
    """Encrypt a legacy plain store in ``data_dir`` and any plain backups; True when something was encrypted.

    The backups are looked at on every start (16 bytes per file), so a kill between the store and its backups
    is finished by the next start.
    """
    from app.store.db import DB_FILENAME

    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    backups = data_dir / "backups"
    if not driver.is_plaintext(path) and not _any_plain(backups):
        path.with_name(path.name + ".encrypting").unlink(missing_ok=True)  # encrypted leftover of a kill
        return False
    # One process at a time (the app and a command started together): SQLite's own locks cannot hold a file
    # that is about to be renamed over, so a lock file beside the store does; the others then find it done.
    from filelock import FileLock  # here, not at the top: every start passes above, and filelock is slow to import

    with FileLock(str(data_dir / ENCRYPT_LOCK), timeout=LOCK_TIMEOUT_S):
        return _encrypt_all(data_dir, path, backups, keys, on_step)


def _encrypt_all(
    data_dir: Path, path: Path, backups: Path, keys: DeviceKeys | None, on_step: Callable[[str], None] | None
) -> bool:
    plain_store = driver.is_plaintext(path)
    if not plain_store and not _any_plain(backups):
        return False
    key = (keys or DeviceKeys()).load_or_create(data_dir) if plain_store else (keys or DeviceKeys()).load(data_dir)
    if key is None:
        return False  # the store's key is missing: opening the store says so
    done = encrypt_in_place(path, key, on_step=on_step) if plain_store else False
    return bool(encrypt_folder(backups, key)) or done


def _any_plain(folder: Path) -> bool:
    return folder.is_dir() and any(driver.is_plaintext(p) for p in folder.rglob("*.sqlite3"))


def encrypt_folder(folder: Path, key: bytes) -> list[Path]:
    """Encrypt every plain ``*.sqlite3`` backup under ``folder``; returns those it encrypted."""
    done: list[Path] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*.sqlite3")):
            try:
                if encrypt_file(path, key):
                    done.append(path)
            except (driver.Error, EnvironmentStoreError, OSError):
                continue  # a damaged old copy stays as it is; the rest are still encrypted
    return done
