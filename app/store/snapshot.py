"""A consistent, atomic copy of the open store (SQLite's online backup API), whatever it is for.

The copy is encrypted with the store's own key (SQLCipher re-encrypts each page as the backup API writes it), so
a backup is as unreadable without the key as the store itself; a legacy unencrypted store gives a plain copy.

Apart from :mod:`app.store.backup` because migrations need it too (a copy before each migration) and the backup
module needs the migrations' latest version to check a backup: one module each way would be an import circle.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.store import driver
from app.store.db import Store
from app.store.errors import EnvironmentStoreError, translate
from app.store.private import private_file


def backup_to(store: Store, dest: Path) -> Path:
    """Write a consistent copy of ``store`` to ``dest`` (atomically: temp file then rename)."""
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentStoreError(
            "cantopen",
            f"Không tạo được thư mục sao lưu {dest.parent}: {exc.strerror}",
            f"Cannot create the backup folder {dest.parent}: {exc.strerror}",
        ) from exc
    tmp = dest.with_name(dest.name + ".part")
    try:
        private_file(tmp)  # a backup holds every citizen's data: 0600 before the first byte
        target = driver.connect(tmp, store.key)
        try:
            store.conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except driver.Error as exc:
        tmp.unlink(missing_ok=True)
        raise translate(exc) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        kind = "full" if exc.errno == 28 else "io"
        raise EnvironmentStoreError(
            kind,
            f"Không ghi được bản sao lưu {dest}: {exc.strerror}",
            f"Cannot write the backup {dest}: {exc.strerror}",
        ) from exc
    return dest
