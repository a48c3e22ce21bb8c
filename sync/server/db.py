"""A tiny database adapter: SQLite (the default, one file) or PostgreSQL (production), same SQL for both.

Why not an ORM: the server runs a dozen statements, all written out in the repository modules; the only
differences between the two engines are the placeholder style, the write lock and connection handling, and
they are handled here. SQL uses ``?`` placeholders; for PostgreSQL they become ``%s``.

SQLite writers of one process queue on a Python lock per file before ``BEGIN IMMEDIATE``: SQLite's own busy
handler polls in growing sleeps (1, 2, 5, 10, 15, 20, 25 … ms), so a writer that found the file locked slept on
well after the lock was free (measured: the hub's call-next p95 at several times its median). The busy timeout
stays for writers in other processes (an admin command on the same file).

A ``key`` opens the SQLite file through SQLCipher (:mod:`sync.server.cipher`): the office hub's database holds
the office's dossiers and scanned ID cards, so it is encrypted at rest like a PC's store (docs/DESIGN.md,
"Personal data at rest"). The province's server passes none.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

SQLITE, POSTGRES = "sqlite", "postgresql"
_FILE_LOCKS: dict[str, threading.Lock] = {}  # one per SQLite file: every Database on it in this process shares it
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: str) -> threading.Lock:
    key = str(Path(path).expanduser().resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.Lock())


def parse_url(url: str) -> tuple[str, str]:
    """``sqlite:///rel.db``, ``sqlite:////abs.db``, a bare file path, or ``postgresql://…``."""
    if url.startswith(("postgresql://", "postgres://")):
        return POSTGRES, url
    if url.startswith("sqlite:///"):
        return SQLITE, url[len("sqlite:///") :]
    if "://" in url:
        raise ValueError(f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql://…")
    return SQLITE, url


@functools.lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class Tx:
    """One transaction on one connection. Rows come back as dictionaries."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return _pg_sql(sql) if self.dialect == POSTGRES else sql

    @property
    def for_update(self) -> str:
        """Row lock suffix: PostgreSQL needs it, SQLite already holds the database write lock."""
        return " FOR UPDATE" if self.dialect == POSTGRES else ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cur = self._conn.execute(self._sql(sql), params)
        return int(cur.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.cursor().executemany(self._sql(sql), rows)

    def insert_many(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]], tail: str = ""
    ) -> list[dict[str, Any]]:
        """Insert ``rows`` into ``table`` (``columns`` are (name, SQL type) pairs); returns what ``RETURNING``
        in ``tail`` gives.

        PostgreSQL gets one ``INSERT … SELECT * FROM unnest(array, …)`` with one array per column: the same
        statement text whatever the row count, so it is parsed and prepared once; the arrays are packed by
        :mod:`sync.server.pg_arrays`. SQLite gets multi-row VALUES.
        """
        if not rows:
            return []
        names = ", ".join(name for name, _ in columns)
        returning = "RETURNING" in tail.upper()
        if self.dialect == POSTGRES:
            # %b: binary arrays, so long texts (JSON) are not escaped character by character.
            sources = ", ".join(f"%b::{kind}[]" for _, kind in columns)
            sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({sources}) {tail}"
            from sync.server import pg_arrays

            values = zip(*rows, strict=True)
            arrays = [pg_arrays.column(kind, v) for (_, kind), v in zip(columns, values, strict=True)]
            cur = self._conn.execute(sql, arrays)
            return list(cur.fetchall()) if returning else []
        out: list[dict[str, Any]] = []
        marks = "(" + ", ".join("?" * len(columns)) + ")"
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(chunk))} {tail}"
            params = [value for row in chunk for value in row]
            if returning:
                out += self.all(sql, params)
            else:
                self.execute(sql, params)
        return out

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._conn.execute(self._sql(sql), params)
        if self.dialect == POSTGRES:
            return list(cur.fetchall())
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.all(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None


class Database:
    """A bounded pool of connections to one database; :meth:`transaction` is the only way in."""

    def __init__(self, url: str, *, pool_size: int = 8, timeout: float = 30.0, key: bytes | None = None) -> None:
        self.url = url
        self.dialect, self._target = parse_url(url)
        if key is not None and self.dialect != SQLITE:
            raise ValueError("an encryption key applies to a SQLite database only")
        self._key = key
        self._timeout = timeout
        self._idle: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        self._writer: threading.Lock | None = None
        if self.dialect == SQLITE:
            Path(self._target).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            self._writer = _file_lock(self._target)

    def _connect(self) -> Any:
        if self.dialect == POSTGRES:
            import psycopg
            from psycopg.rows import dict_row

            from sync.server import pg_arrays  # needs psycopg: a counter's bundle has neither (installer/motcua.spec)

            pg = psycopg.connect(
                self._target, row_factory=dict_row, autocommit=False, connect_timeout=int(self._timeout)
            )
            pg_arrays.register(pg)
            return pg
        if self._key is not None:
            from sync.server import cipher

            conn = cipher.connect(self._target, self._key, timeout=self._timeout, isolation_level=None)
        else:
            conn = sqlite3.connect(self._target, timeout=self._timeout, check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # an acknowledged event must survive a power cut
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _usable(self, conn: Any) -> bool:
        return self.dialect == SQLITE or not (conn.closed or conn.broken)

    def _checkout(self) -> Any:
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                return self._connect()
            if self._usable(conn):
                return conn
            with contextlib.suppress(Exception):
                conn.close()

    def _rollback(self, conn: Any) -> bool:
        try:
            conn.rollback() if self.dialect == POSTGRES else conn.execute("ROLLBACK")
        except Exception:
            return False
        return True

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Tx]:
        """Commit on success, roll back on any exception; a broken connection is dropped, not reused."""
        if not self._slots.acquire(timeout=self._timeout):
            raise TimeoutError("no database connection free")
        writer = self._writer if write else None
        if writer is not None and not writer.acquire(timeout=self._timeout):
            self._slots.release()
            raise sqlite3.OperationalError("database is locked")
        conn = None
        try:
            conn = self._checkout()
            if self.dialect == SQLITE:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Tx(conn, self.dialect)
            except BaseException:
                if self._rollback(conn):
                    self._idle.put(conn)
                    conn = None
                raise
            conn.commit() if self.dialect == POSTGRES else conn.execute("COMMIT")
            self._idle.put(conn)
            conn = None
        finally:
            if conn is not None:  # commit or rollback failed: the connection may be broken
                with contextlib.suppress(Exception):
                    conn.close()
            if writer is not None:
                writer.release()
            self._slots.release()

    def close(self) -> None:
        while True:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(Exception):
                conn.close()
