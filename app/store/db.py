"""Opening the device's SQLite file (encrypted with SQLCipher) and running write transactions.

The key comes from :class:`app.security.keys.DeviceKeys` (the OS key store) unless given; a new store gets a new
key, an existing encrypted store without its key fails with a clear message before anything is written, and an
unencrypted store made before encryption opens as it is (``open_store`` then encrypts it in place).
Every connection gets the same pragmas (WAL, ``synchronous=FULL`` so a committed dossier survives a power cut,
foreign keys, a busy timeout); WAL checkpoints run on a background thread, not in the commit
(:mod:`app.store.checkpoint`). Writes go through :meth:`Store.transaction`, which takes the write lock up front
(``BEGIN IMMEDIATE``) so two processes - the app and a ``motcua`` command - never deadlock on a lock upgrade,
and which turns driver errors into typed :mod:`app.store.errors`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.security.keys import DeviceKeys
from app.store import checkpoint, driver, local_anchor, search_pending
from app.store.driver import Error
from app.store.errors import EnvironmentStoreError, StoreError, translate
from app.store.private import private_dir, private_file, private_files
from app.store.row_audit import register_functions

if TYPE_CHECKING:
    import sqlite_utils

DB_FILENAME = "motcua.sqlite3"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 131_072  # decrypted page cache (SQLCipher decrypts every page read past it): the list and search stay warm


def key_store_error(exc: OSError) -> EnvironmentStoreError:
    """The OS key store (or the key folder) failed: the environment's fault, said in one line."""
    return EnvironmentStoreError(
        "cantopen",
        f"Không đọc hoặc lưu được khóa dữ liệu trong kho khóa của máy: {exc.strerror or exc}",
        f"Cannot read or store the data key in this computer's key store: {exc.strerror or exc}",
    )


def missing_key_error(path: Path) -> EnvironmentStoreError:
    return EnvironmentStoreError(
        "nokey",
        f"Máy này không có khóa mở dữ liệu {path}: hãy khôi phục bằng bản sao lưu với khóa khôi phục "
        "(motcua restore TỆP --recovery-key-file TỆP_KHÓA)",
        f"This computer has no key for the data file {path}: restore a backup with the recovery key "
        "(motcua restore FILE --recovery-key-file KEYFILE)",
    )


def wrong_key_error(path: Path) -> EnvironmentStoreError:
    return EnvironmentStoreError(
        "badkey",
        f"Khóa không mở được tệp {path}: sai khóa hoặc tệp hỏng; không có gì bị ghi",
        f"The key does not open {path}: wrong key or a damaged file; nothing was written",
    )


def resolve_key(path: Path, keys: DeviceKeys | None = None) -> bytes | None:
    """The key for the store at ``path``: ``None`` for an unencrypted legacy file, a new key for a new store."""
    keys = keys or DeviceKeys()
    try:
        if path.is_file() and path.stat().st_size > 0:
            if driver.is_plaintext(path):
                return None
            key = keys.load(path.parent)
            if key is None:
                raise missing_key_error(path)
            return key
        return keys.load_or_create(path.parent)
    except OSError as exc:
        raise key_store_error(exc) from exc


def _connect(path: Path, key: bytes | None) -> driver.Connection:
    try:
        private_dir(path.parent)
        private_file(path)  # before SQLite creates it: its -wal and -shm then take the same 0600 mode
        private_files(Path(f"{path}-wal"), Path(f"{path}-shm"))
        conn = driver.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)
    except Error as exc:
        raise translate(exc, path) from exc
    except OSError as exc:
        raise EnvironmentStoreError(
            "cantopen",
            f"Không mở được thư mục dữ liệu {path.parent}: {exc.strerror}",
            f"Cannot open the data folder {path.parent}: {exc.strerror}",
        ) from exc
    conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
    return conn


class Store:
    """One open SQLite database plus the helpers every repository needs."""

    def __init__(self, path: Path, key: bytes | None = None, keys: DeviceKeys | None = None) -> None:
        self.path = Path(path)
        self.key = key if key is not None else resolve_key(self.path, keys)
        self.conn = _connect(self.path, self.key)
        try:
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Error as exc:
            self.conn.close()
            if getattr(exc, "sqlite_errorcode", None) == 26:
                raise wrong_key_error(self.path) from exc
            raise translate(exc, self.path) from exc
        try:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self.conn.execute(f"PRAGMA wal_autocheckpoint={checkpoint.BACKSTOP_PAGES}")
            register_functions(self.conn)
        except Error as exc:
            self.conn.close()
            raise translate(exc, self.path) from exc
        self.checkpointer = checkpoint.Checkpointer(self.path, self.key)
        # Writes of this connection that PRAGMA data_version does not count (it counts other connections'):
        # bumped by a settings write and by every rollback, so what is kept in memory is read again.
        self.local_writes = 0
        self.settings_texts: tuple[tuple[int, int], dict[str, str | None]] | None = None  # app.store.settings' memory

    @classmethod
    def in_folder(cls, data_dir: Path) -> Store:
        return cls(Path(data_dir) / DB_FILENAME)

    # -- transactions -------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One write transaction; a nested call is a savepoint, undone alone when its block raises."""
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        with self.checkpointer.turn():
            yield from self._transaction()
        self.checkpointer.committed()
        self.anchor()

    def _transaction(self) -> Iterator[Store]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except Error as exc:
            raise translate(exc, self.path) from exc
        try:
            yield self
        except Error as exc:
            self._rollback()
            raise translate(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except Error as exc:
            self._rollback()
            raise translate(exc, self.path) from exc

    def _savepoint(self) -> Iterator[Store]:
        try:
            with self.db.atomic():  # nested: a savepoint, undone alone when the block raises
                yield self
        except BaseException:
            self.local_writes += 1
            raise

    def data_version(self) -> int:
        """Changes when another connection (another process, thread or the sync) has committed since."""
        return int(self.scalar("PRAGMA data_version"))

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over this connection: its savepoints serve nested transactions, its introspection serves
        diagnostics. Imported on first use, so that loading it never delays the first window."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def anchor(self) -> None:
        """Write the audit chain's head beside the database (see :mod:`app.store.local_anchor`)."""
        # A store without the audit table yet (first migration) fails here; the next commit tries again.
        with contextlib.suppress(Error):
            local_anchor.advance(self.conn, self.path.parent)

    def _rollback(self) -> None:
        self.local_writes += 1
        if self.conn.in_transaction:
            with contextlib.suppress(Error):
                self.conn.execute("ROLLBACK")

    # -- reads ----------------------------------------------------------------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
            cols = [c[0] for c in cur.description or ()]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except Error as exc:
            raise translate(exc, self.path) from exc

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        try:
            row = self.conn.execute(sql, params).fetchone()
        except Error as exc:
            raise translate(exc, self.path) from exc
        return row[0] if row else None

    def execute(self, sql: str, params: Any = ()) -> driver.Cursor:
        try:
            return self.conn.execute(sql, params)
        except Error as exc:
            raise translate(exc, self.path) from exc

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_check(self) -> str:
        return str(self.scalar("PRAGMA integrity_check"))

    def close(self) -> None:
        """Stop the background checkpoints, empty the WAL when no one else is using it, close."""
        self.checkpointer.close()
        indexed = 0
        with contextlib.suppress(Error):
            indexed = search_pending.index_now(self.conn)  # what the thread had not indexed yet
        if self.checkpointer.unmerged or indexed:  # a short run (a command) has no thread time to merge the index
            with contextlib.suppress(Error):
                checkpoint.merge_steps(self.conn)
        with contextlib.suppress(Error):
            checkpoint.truncate(self.conn)
        with contextlib.suppress(Error):
            self.conn.close()


__all__ = ["DB_FILENAME", "Store", "StoreError"]
