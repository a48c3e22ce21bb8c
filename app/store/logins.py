"""Failed sign-ins per user name: the memory behind the lockout (table ``login_attempts``)."""

from __future__ import annotations

from app.store.db import Store


def state(store: Store, username: str) -> tuple[int, str | None]:
    """(consecutive failures, locked until ISO time or None)."""
    row = store.conn.execute(
        "SELECT failures, locked_until FROM login_attempts WHERE username = ?", (username,)
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, None)


def record_failure(store: Store, username: str, at: str, locked_until: str | None) -> None:
    store.conn.execute(
        "INSERT INTO login_attempts (username, failures, last_failure_at, locked_until) VALUES (?, 1, ?, ?)"
        " ON CONFLICT(username) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at,"
        " locked_until = excluded.locked_until",
        (username, at, locked_until),
    )


def clear(store: Store, username: str) -> None:
    store.conn.execute("DELETE FROM login_attempts WHERE username = ?", (username,))
