"""The SQLite driver: SQLCipher through ``sqlcipher3``, so the store and every copy of it are encrypted at rest.

Only this module imports the driver. Everything else in ``app/store`` catches :data:`Error` from here, never the
standard library's ``sqlite3.Error``: SQLCipher's exception classes are its own and are not subclasses of them.
The key is a raw 256-bit key (``x'..'``), so opening skips SQLCipher's password derivation (fast app start);
the key is random, made by :mod:`app.security.keys`, never a typed password.
"""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

Error = sqlite.Error
IntegrityError = sqlite.IntegrityError
OperationalError = sqlite.OperationalError
Connection = sqlite.Connection
Cursor = sqlite.Cursor
complete_statement = sqlite.complete_statement
sqlite_version = sqlite.sqlite_version

# First 16 bytes of every unencrypted SQLite file; an SQLCipher file starts with random salt instead.
PLAINTEXT_HEADER = b"SQLite format 3\x00"


def key_pragma(key: bytes, schema: str = "main") -> str:
    """``PRAGMA key`` for a raw 32-byte key (hex literal: no quoting trouble, no password derivation)."""
    if len(key) != 32:
        raise ValueError("the store key must be 32 bytes")
    return f"PRAGMA {schema}.key = \"x'{key.hex()}'\""


def attach_sql(schema: str, key: bytes | None) -> str:
    """``ATTACH ? AS schema KEY ...`` for an encrypted (``key``) or plain (``None``) database file."""
    literal = f"\"x'{key.hex()}'\"" if key is not None else "''"
    return f"ATTACH DATABASE ? AS {schema} KEY {literal}"


def connect(path: Path | str, key: bytes | None, *, timeout: float = 5.0, uri: bool = False) -> Connection:
    """Open ``path`` with ``key`` (``None``: an unencrypted legacy file). Nothing is read or written yet."""
    conn = sqlite.connect(str(path), timeout=timeout, check_same_thread=False, uri=uri)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs wrong-key attempts to stderr otherwise
    if key is not None:
        conn.execute(key_pragma(key))
    return conn


def is_plaintext(path: Path) -> bool:
    """True when ``path`` is an unencrypted SQLite file (a store made before encryption, or an old backup)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == PLAINTEXT_HEADER
    except OSError:
        return False
