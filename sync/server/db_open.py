"""Opening the central (or hub) database for a ``motcua-central`` command: one line when it cannot be used.

Why: a PostgreSQL server down, a wrong password, a SQLite file that is not a database, or a folder that cannot be
made ended ``motcua-central`` (``serve`` included) with a traceback. Here each becomes
:class:`DatabaseUnavailable` naming the database, its password masked, and the driver's first line.
"""

from __future__ import annotations

import re

from sync.server import cipher
from sync.server.db import Database
from sync.server.schema import NewerSchemaError, migrate


class DatabaseUnavailable(Exception):
    """The database cannot be opened or brought to the current schema; ``str()`` is the message for the user."""


def safe_url(url: str) -> str:
    """The database URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _driver_error(exc: BaseException) -> bool:
    """SQLite's or PostgreSQL's own errors (psycopg is imported only for a PostgreSQL URL)."""
    return isinstance(exc, (*cipher.error_types(), OSError)) or type(exc).__module__.split(".")[0] == "psycopg"


def open_migrated(url: str, pool_size: int = 1) -> Database:
    """The database at ``url``, migrated to the current schema; :class:`DatabaseUnavailable` if it cannot be."""
    db: Database | None = None
    try:
        db = Database(url, pool_size=pool_size)
        migrate(db)
        return db
    except Exception as exc:
        if db is not None:
            db.close()
        if isinstance(exc, NewerSchemaError):
            raise DatabaseUnavailable(f"cannot use the database {safe_url(url)}: {exc}") from exc
        if not _driver_error(exc):
            raise
        first = (str(getattr(exc, "strerror", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DatabaseUnavailable(f"cannot use the database {safe_url(url)}: {first}") from exc
