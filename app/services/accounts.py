"""User accounts: creating clerks and supervisors, resetting passwords, and checking a login with a lockout.

After ``FREE_FAILURES`` wrong passwords in a row a user name is locked for a time that doubles with each further
failure (capped), whatever the password: guessing a six-letter password at the counter, or with a script over
``motcua --admin-password-file``, becomes a matter of years. The same message answers an unknown user and a wrong
password, and unknown names are counted too, so the lockout does not tell which names exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.errors import ValidationError
from app.domain.text import plain_text
from app.services.audited import audited
from app.services.changes import Changes
from app.services.clock import Clock, SystemClock, iso
from app.services.context import Actor, ServiceContext
from app.services.ids import new_id
from app.services.passwords import hash_password, verify_password
from app.services.roles import require_role
from app.services.setup import validate_password, validate_username
from app.store import logins, users
from app.store.db import Store
from app.store.errors import NotFoundError

ROLES = ("clerk", "supervisor", "admin")
FREE_FAILURES = 5
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60


def lock_seconds(failures: int) -> int:
    """How long a user name stays locked after its ``failures``-th wrong password in a row (0: not locked)."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** min(failures - FREE_FAILURES, 20))


def create_user(ctx: ServiceContext, username: str, full_name: str, role: str, password: str) -> Changes:
    username = validate_username(username)
    if role not in ROLES:
        raise ValidationError("role", "phải là clerk, supervisor hoặc admin", "must be clerk, supervisor or admin")
    name = plain_text(full_name, "full_name")  # printed as the receiver on every receipt
    if not name:
        raise ValidationError("full_name", "không được để trống", "must not be empty")
    require_role(ctx.actor, "supervisor", "quản lý tài khoản", "manage accounts")
    if role != "clerk":
        require_role(ctx.actor, "admin", f"tạo tài khoản {role}", f"create a {role} account")
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


def reset_password(ctx: ServiceContext, username: str, password: str) -> Changes:
    """Set a new password (and lift a lockout): supervisors for clerks, admins for everyone."""
    require_role(ctx.actor, "supervisor", "đặt lại mật khẩu", "reset passwords")
    row = users.by_username(ctx.store, username.strip().lower())
    if row["role"] != "clerk":
        require_role(ctx.actor, "admin", "đặt lại mật khẩu của tài khoản này", "reset this account's password")
    validate_password(password)
    with audited(ctx, "user.reset_password", "user", row["username"], {}):
        users.set_password_hash(ctx.store, row["username"], hash_password(password))
        logins.clear(ctx.store, row["username"])
    return Changes(users=True)


def authenticate(store: Store, username: str, password: str, clock: Clock | None = None) -> Actor:
    """Return the actor for valid credentials; the same message for unknown user and wrong password.

    A locked user name is refused before the password is even checked; each failure is recorded (and may lock).
    """
    now = (clock or SystemClock()).now()
    name = username.strip().lower()[:64]
    failures, locked_until = logins.state(store, name)
    if locked_until and datetime.fromisoformat(locked_until) > now:
        wait = max(1, int((datetime.fromisoformat(locked_until) - now).total_seconds()))
        raise ValidationError(
            "password",
            f"đăng nhập sai nhiều lần; tài khoản tạm khoá, thử lại sau {wait} giây",
            f"too many wrong passwords; locked, try again in {wait} s",
        )
    try:
        row = users.by_username(store, name)
    except NotFoundError:
        row = None
    if row is None or not row["active"] or not verify_password(password, row["password_hash"]):
        seconds = lock_seconds(failures + 1)
        until = iso(now + timedelta(seconds=seconds)) if seconds else None
        with store.transaction():
            logins.record_failure(store, name, iso(now), until)
        raise ValidationError("password", "sai tên đăng nhập hoặc mật khẩu", "wrong user name or password")
    if failures:
        with store.transaction():
            logins.clear(store, name)
    return Actor(username=row["username"], full_name=row["full_name"], role=row["role"])
