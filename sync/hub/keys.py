"""The hub database's key, handed in by the composition root: only the app reads the OS key store (``app/security``).

Why a :class:`KeySource` argument on each hub entry point rather than a key: each one (``hub init``, ``serve``,
``status``, ``backup``, the daily backup thread, ``restore``) starts from the data folder, and the key belongs to
that folder (the app derives it from the folder's store key: ``app/services/hub_keys.py``); a restore on a new
PC may also need the recovery key given to the command. ``motcua hub …`` (the composition root) builds the app's
source and passes it in; the hub code keeps none of its own (no registry: two sources in one process, as two
tests, never see each other's).

An older hub's plain database is encrypted in place on the first open by a version that has a key
(:func:`database_key`), under the hub's own lock (``hub.lock``): a plain file still served by an older ``hub
serve`` (it holds that lock) is left as it is, so a process that keeps the old file open never writes past the
rename; the next ``hub serve`` encrypts it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from sync.hub.errors import HubError
from sync.hub.folder import HubFolder
from sync.hub.lock import HubBusyError, HubLock
from sync.server import cipher
from sync.server.db import Database


class KeySource(Protocol):
    def key(self, data_dir: Path, *, create: bool) -> bytes | None:
        """This PC's key for the hub of ``data_dir``; ``create``: make the folder's key when it has none."""
        ...

    def recovered(self) -> bytes | None:
        """The hub key from the recovery key given to this command (``--recovery-key-file``), else None."""
        ...

    def adopt_recovered(self, data_dir: Path) -> bytes:
        """Make the recovery key the key of ``data_dir`` (a new PC taking the hub over); the hub key."""
        ...

    def encrypt_in_place(self, database: Path, key: bytes) -> bool:
        """Encrypt the plain database file in place (kill-safe); False when another process already did."""
        ...


def missing_key(database: Path) -> HubError:
    return HubError(
        f"máy này không có khóa mở cơ sở dữ liệu của hub {database} (dữ liệu được mã hóa): trên máy mới, khôi phục "
        "bản sao lưu hub bằng “motcua hub restore TỆP --recovery-key-file TỆP_KHÓA”; không có gì thay đổi",
        f"this PC has no key to open the hub's database {database} (it is encrypted): on a new PC, restore a hub "
        "backup with “motcua hub restore FILE --recovery-key-file KEYFILE”; nothing changed",
        exit_code=3,
    )


def database_key(folder: HubFolder, keys: KeySource, *, holding_lock: bool = False) -> bytes | None:
    """The key of the hub's database; a plain one is encrypted in place first. None: left plain, because an older
    ``hub serve`` holds the hub lock (``holding_lock``: the caller holds it, as ``hub serve`` and ``hub restore``)."""
    database = folder.database
    plain = cipher.is_plaintext(database)
    key = keys.key(folder.path.parent, create=plain or not database.exists())
    if key is None:
        raise missing_key(database)
    if not plain:
        return key
    if holding_lock:
        keys.encrypt_in_place(database, key)
        return key
    try:
        lock = HubLock(folder.lock).acquire()
    except HubBusyError:
        return None  # an older `hub serve` has it open; the next `hub serve` encrypts it
    try:
        keys.encrypt_in_place(database, key)
    finally:
        lock.release()
    return key


def open_database(folder: HubFolder, keys: KeySource, pool_size: int = 1) -> Database:
    """The hub's database, opened with its key (encrypted in place first when it is an older hub's plain file)."""
    return Database(folder.database_url, pool_size=pool_size, key=database_key(folder, keys))


def opens(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens the encrypted database file at ``path``."""
    try:
        conn = cipher.connect(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except cipher.error_types():
        return False
    return True


def rekey(path: Path, old: bytes | None, new: bytes) -> None:
    """Give the database file at ``path`` (not in use, a restore's staged copy) the key ``new``: a plain one is
    exported encrypted beside it and renamed over it, an encrypted one re-keyed page by page."""
    if old == new:
        return
    if old is None:
        tmp = path.with_name(path.name + ".encrypting")
        conn = cipher.connect(path, None)
        try:
            ok = cipher.export_encrypted(conn, tmp, new)
        finally:
            conn.close()
        if not ok:
            raise HubError(f"không mã hóa được {path}", f"cannot encrypt {path}", exit_code=3)
        os.replace(tmp, path)
        return
    conn = cipher.connect(path, old)
    try:
        conn.execute(f"PRAGMA rekey = {cipher.key_literal(new)}")
    finally:
        conn.close()
