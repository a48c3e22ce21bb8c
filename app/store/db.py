"""Opening the device's SQLite file and running write transactions.

Every connection gets the same pragmas (WAL, ``synchronous=FULL`` so a committed dossier survives a power cut,
foreign keys, a busy timeout). Writes go through :meth:`Store.transaction`, which takes the write lock up front
(``BEGIN IMMEDIATE``) so two processes - the app and a ``motcua`` command - never deadlock on a lock upgrade,
and which turns sqlite3 errors into typed :mod:`app.store.errors`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from app.store import local_anchor
from app.store.errors import StoreError, translate
from app.store.private import private_dir, private_file, private_files
from app.store.row_audit import register_functions

DB_FILENAME = "motcua.sqlite3"
BUSY_TIMEOUT_MS = 5000


def _connect(path: Path) -> sqlite3.Connection:
    try:
        private_dir(path.parent)
        private_file(path)  # before SQLite creates it: its -wal and -shm then take the same 0600 mode
        private_files(Path(f"{path}-wal"), Path(f"{path}-shm"))
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    except OSError as exc:
        from app.store.errors import EnvironmentStoreError

        raise EnvironmentStoreError(
            "cantopen",
            f"Không mở được thư mục dữ liệu {path.parent}: {exc.strerror}",
            f"Cannot open the data folder {path.parent}: {exc.strerror}",
        ) from exc
    conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
    return conn


class Store:
    """One open SQLite database plus the helpers every repository needs."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.conn = _connect(self.path)
        try:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            register_functions(self.conn)
        except sqlite3.Error as exc:
            self.conn.close()
            raise translate(exc) from exc
        self.db = sqlite_utils.Database(self.conn, execute_plugins=False)

    @classmethod
    def in_folder(cls, data_dir: Path) -> Store:
        return cls(Path(data_dir) / DB_FILENAME)

    # -- transactions -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; nested calls become savepoints through sqlite-utils' ``atomic``."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc) from exc
        try:
            yield self.db
        except sqlite3.Error as exc:
            self._rollback()
            raise translate(exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise translate(exc) from exc
        self.anchor()

    def anchor(self) -> None:
        """Write the audit chain's head beside the database (see :mod:`app.store.local_anchor`)."""
        # A store without the audit table yet (first migration) fails here; the next commit tries again.
        with contextlib.suppress(sqlite3.Error):
            local_anchor.advance(self.conn, self.path.parent)

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    # -- reads ----------------------------------------------------------------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
            cols = [c[0] for c in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        try:
            row = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise translate(exc) from exc
        return row[0] if row else None

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_check(self) -> str:
        return str(self.scalar("PRAGMA integrity_check"))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


__all__ = ["DB_FILENAME", "Store", "StoreError"]
