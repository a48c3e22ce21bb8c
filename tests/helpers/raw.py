"""Opening a store file behind the app's back, as someone holding the key and an SQLite tool could."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.security.keys import KEY_ID_FILE, DeviceKeys
from app.store import driver


def key_of(db_file: Path) -> bytes | None:
    """The key of the data folder holding ``db_file`` (a store, or a backup in ``backups/...`` below it)."""
    db_file = Path(db_file)
    if driver.is_plaintext(db_file):
        return None
    for folder in db_file.parents:
        if (folder / KEY_ID_FILE).is_file():
            return DeviceKeys().load(folder)
    return None


def raw_connect(db_file: Path, readonly: bool = False) -> driver.Connection:
    """A plain driver connection to ``db_file`` with its folder's key (no pragmas, no migrations)."""
    key = key_of(db_file)
    if readonly:
        return driver.connect(f"file:{db_file}?mode=ro", key, uri=True)
    return driver.connect(db_file, key)


def raw_sql(db_file: Path, *statements: str) -> None:
    """Run ``statements`` on ``db_file`` behind the app's back and commit (a tampering SQLite tool)."""
    conn = raw_connect(db_file)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def data_dir_with(store_file: Path, tmp_path: Path) -> Path:
    """A fresh data folder under ``tmp_path`` holding a copy of ``store_file`` (an old store kept as a fixture)."""
    from app.store.db import DB_FILENAME

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(store_file, data / DB_FILENAME)
    return data


def store_scalar(data_dir: Path, sql: str) -> object:
    """One value read from the store of ``data_dir`` through the app's own opening (migrations, key)."""
    from app.services.setup import open_store

    store = open_store(data_dir)
    try:
        return store.scalar(sql)
    finally:
        store.close()
