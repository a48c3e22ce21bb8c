"""SQLCipher for a server database kept encrypted at rest: the office hub's (``sync/hub/keys.py`` says whose key).

Why here and lazily: the province's server (``motcua-central``, PostgreSQL or a plain SQLite file) never needs
the cipher, so ``sqlcipher3`` is imported only when a key is given; the app's store shares these helpers
(``app/store/driver.py``), so the key's SQL and the plain-file test are written once. A raw 256-bit key
(``x'..'``): no password derivation when a connection opens (the hub's pool opens several). SQLCipher's
exception classes are its own, not the standard library's: :func:`error_types` gives both, for ``except``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

# First 16 bytes of every unencrypted SQLite file; an SQLCipher file starts with random salt instead.
PLAINTEXT_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


def key_literal(key: bytes) -> str:
    """The raw key as SQLCipher reads it (hex literal: no quoting trouble, no password derivation)."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key must be 32 bytes")
    return f"\"x'{key.hex()}'\""


def key_pragma(key: bytes, schema: str = "main") -> str:
    return f"PRAGMA {schema}.key = {key_literal(key)}"


def attach_sql(schema: str, key: bytes | None) -> str:
    """``ATTACH ? AS schema KEY ...`` for an encrypted (``key``) or plain (``None``) database file."""
    return f"ATTACH DATABASE ? AS {schema} KEY {key_literal(key) if key is not None else chr(39) * 2}"


def connect(path: Path | str, key: bytes | None, *, timeout: float = 5.0, **kwargs: Any) -> Any:
    """An SQLCipher connection to ``path`` opened with ``key`` (``None``: a plain file read through SQLCipher, as
    an upgrade or an old backup needs). Nothing is read yet: a wrong key shows at the first statement."""
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), timeout=timeout, check_same_thread=False, **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs wrong-key attempts to stderr otherwise
    if key is not None:
        conn.execute(key_pragma(key))
    return conn


def error_types(name: str = "Error") -> tuple[type[Exception], ...]:
    """The standard library's and (when loaded) SQLCipher's exception class ``name``, for one ``except``."""
    kinds: list[type[Exception]] = [getattr(sqlite3, name)]
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    if loaded is not None:
        kinds.append(getattr(loaded, name))
    return tuple(kinds)


def is_plaintext(path: Path) -> bool:
    """True when ``path`` is an unencrypted SQLite file (made before encryption, or an old backup)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAINTEXT_HEADER
    except OSError:
        return False


def export_encrypted(conn: Any, dest: Path, key: bytes) -> bool:
    """Write an encrypted copy of the plain database open on ``conn`` (an SQLCipher connection) to ``dest``,
    fsynced; whether the copy opens with ``key`` and checks. ``dest`` is overwritten (a killed run's leftover)."""
    Path(dest).unlink(missing_ok=True)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.execute(attach_sql("enc", key), (str(dest),))
    try:
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {version}")
    finally:
        conn.execute("DETACH DATABASE enc")
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())
    check = connect(dest, key)
    try:
        return bool(check.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    finally:
        check.close()
