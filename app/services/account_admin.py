"""Looking after accounts from the window: list them, reset a forgotten password, deactivate and reactivate.

Why apart from :mod:`app.services.accounts` (create, sign in): these are the supervisor's everyday acts on
other people's accounts, with their own rules — a supervisor looks after clerks only, an admin after everyone,
nobody switches off their own account or the last active admin (the office would be locked out). Every act is
audited; a password never appears in the audit detail.
"""

from __future__ import annotations

from typing import Any

from app.domain.errors import ValidationError
from app.services.accounts import create_user
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.passwords import hash_password
from app.services.setup import validate_password
from app.store import users
from app.store.errors import NotFoundError


def _target(ctx: ServiceContext, username: str) -> dict[str, Any]:
    """The account ``username``, if the actor may look after it."""
    if not ctx.actor.can_supervise():
        raise ValidationError("role", "chỉ giám sát hoặc quản trị được quản lý tài khoản",
                              "only supervisors and admins may manage accounts")
    try:
        row = users.by_username(ctx.store, username.strip().lower())
    except NotFoundError:
        raise ValidationError("username", f"không có tài khoản “{username}”", f"no account “{username}”") from None
    if ctx.actor.role != "admin" and row["role"] != "clerk":
        raise ValidationError("role", "giám sát chỉ quản lý tài khoản cán bộ tiếp nhận",
                              "a supervisor manages clerk accounts only")
    return row


def list_accounts(ctx: ServiceContext) -> list[dict[str, Any]]:
    return users.list_all(ctx.store)


def add_account(ctx: ServiceContext, username: str, full_name: str, role: str, password: str) -> Changes:
    """A new account; a supervisor may add clerks only (admins add anyone)."""
    if not ctx.actor.can_supervise():
        raise ValidationError("role", "chỉ giám sát hoặc quản trị được thêm tài khoản",
                              "only supervisors and admins may add accounts")
    if ctx.actor.role != "admin" and role != "clerk":
        raise ValidationError("role", "giám sát chỉ thêm được cán bộ tiếp nhận", "a supervisor may add clerks only")
    return create_user(ctx, username, full_name, role, password)


def reset_password(ctx: ServiceContext, username: str, new_password: str) -> Changes:
    row = _target(ctx, username)
    validate_password(new_password)
    with audited(ctx, "user.reset_password", "user", row["username"], {}):
        users.set_password_hash(ctx.store, row["username"], hash_password(new_password))
    return Changes(users=True)


def set_active(ctx: ServiceContext, username: str, active: bool) -> Changes:
    row = _target(ctx, username)
    if not active and row["username"] == ctx.actor.username:
        raise ValidationError("username", "không tự khóa tài khoản của mình", "you cannot deactivate yourself")
    if not active and row["role"] == "admin" and row["active"] and users.active_admins(ctx.store) <= 1:
        raise ValidationError("username", "đây là quản trị viên cuối cùng còn hoạt động",
                              "this is the last active admin")
    if bool(row["active"]) == active:
        return Changes()
    with audited(ctx, "user.activate" if active else "user.deactivate", "user", row["username"], {}):
        users.set_active(ctx.store, row["username"], active)
    return Changes(users=True)
