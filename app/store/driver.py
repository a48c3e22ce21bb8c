"""The SQLite driver: SQLCipher through ``sqlcipher3``, so the store and every copy of it are encrypted at rest.

Only this module imports the driver for the store. Everything else in ``app/store`` catches :data:`Error` from
here, never the standard library's ``sqlite3.Error``: SQLCipher's exception classes are its own and are not
subclasses of them. The key is a raw 256-bit key (``x'..'``), so opening skips SQLCipher's password derivation
(fast app start); the key is random, made by :mod:`app.security.keys`, never a typed password. The key's SQL,
the connection and the plain-file test are :mod:`sync.server.cipher`'s, shared with the office hub's encrypted
database (``sync/`` cannot import ``app/``).
"""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

from sync.server import cipher
from sync.server.cipher import PLAINTEXT_HEADER, attach_sql, is_plaintext, key_pragma

__all__ = ["PLAINTEXT_HEADER", "attach_sql", "connect", "is_plaintext", "key_pragma"]

Error = sqlite.Error
IntegrityError = sqlite.IntegrityError
OperationalError = sqlite.OperationalError
Connection = sqlite.Connection
Cursor = sqlite.Cursor
complete_statement = sqlite.complete_statement
sqlite_version = sqlite.sqlite_version


def connect(path: Path | str, key: bytes | None, *, timeout: float = 5.0, uri: bool = False) -> Connection:
    """Open ``path`` with ``key`` (``None``: an unencrypted legacy file). Nothing is read or written yet."""
    conn: Connection = cipher.connect(path, key, timeout=timeout, uri=uri)
    return conn
