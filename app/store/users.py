"""User accounts and roles (clerk, supervisor, admin); the password hash is made by the services layer."""

from __future__ import annotations

from typing import Any

from app.store.db import Store
from app.store.errors import NotFoundError


def insert(
    store: Store, *, user_id: str, username: str, full_name: str, role: str, password_hash: str, at: str
) -> None:
    store.conn.execute(
        "INSERT INTO users (id, username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, username, full_name, role, password_hash, at),
    )


def by_username(store: Store, username: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM users WHERE username = ?", (username,))
    if row is None:
        raise NotFoundError("user", username)
    return row


def exists(store: Store, username: str) -> bool:
    return store.scalar("SELECT 1 FROM users WHERE username = ?", (username,)) is not None


def list_all(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT id, username, full_name, role, active, created_at FROM users ORDER BY username")


def set_password_hash(store: Store, username: str, password_hash: str) -> None:
    cur = store.conn.execute("UPDATE users SET password_hash = ? WHERE username = ?", (password_hash, username))
    if cur.rowcount == 0:
        raise NotFoundError("user", username)


def set_active(store: Store, username: str, active: bool) -> None:
    cur = store.conn.execute("UPDATE users SET active = ? WHERE username = ?", (1 if active else 0, username))
    if cur.rowcount == 0:
        raise NotFoundError("user", username)


def active_admins(store: Store) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1") or 0)
