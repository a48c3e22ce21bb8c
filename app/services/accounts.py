"""User accounts: creating clerks and supervisors, and checking a login."""

from __future__ import annotations

import re

from app.domain.errors import ValidationError
from app.domain.text import clean_text
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import Actor, ServiceContext
from app.services.ids import new_id
from app.services.passwords import hash_password, verify_password
from app.services.setup import validate_password
from app.store import users
from app.store.db import Store
from app.store.errors import NotFoundError

ROLES = ("clerk", "supervisor", "admin")
_USERNAME = re.compile(r"^[a-z0-9._-]{2,32}$")


def create_user(ctx: ServiceContext, username: str, full_name: str, role: str, password: str) -> Changes:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise ValidationError(
            "username",
            "chỉ gồm chữ thường không dấu, số, . _ - (2–32 ký tự)",
            "lowercase letters, digits, . _ - only (2–32 characters)",
        )
    if role not in ROLES:
        raise ValidationError("role", "phải là clerk, supervisor hoặc admin", "must be clerk, supervisor or admin")
    name = clean_text(full_name)
    if not name:
        raise ValidationError("full_name", "không được để trống", "must not be empty")
    validate_password(password)
    if users.exists(ctx.store, username):
        raise ValidationError("username", f"“{username}” đã tồn tại", f"“{username}” already exists")
    with audited(ctx, "user.create", "user", username, {"role": role}) as now:
        users.insert(
            ctx.store,
            user_id=new_id(),
            username=username,
            full_name=name,
            role=role,
            password_hash=hash_password(password),
            at=now,
        )
    return Changes(users=True)


def authenticate(store: Store, username: str, password: str) -> Actor:
    """Return the actor for valid credentials; the same message for unknown user and wrong password."""
    wrong = ValidationError("password", "sai tên đăng nhập hoặc mật khẩu", "wrong user name or password")
    try:
        row = users.by_username(store, username.strip().lower())
    except NotFoundError:
        raise wrong from None
    if not row["active"] or not verify_password(password, row["password_hash"]):
        raise wrong
    return Actor(username=row["username"], full_name=row["full_name"], role=row["role"])
