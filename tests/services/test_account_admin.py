"""Account care rules: who may look after whom, no self lock-out, never the last admin, audited, no password kept."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.account_admin import add_account, reset_password, set_active
from app.services.context import Actor


def _as(ctx: Any, username: str, role: str) -> Any:
    ctx.actor = Actor(username, username, role)
    return ctx


def test_supervisor_looks_after_clerks_only(ctx: Any) -> None:
    _as(ctx, "admin", "admin")
    add_account(ctx, "gs", "Giám Sát", "supervisor", "mat-khau-gs1")
    add_account(ctx, "lan", "Nguyễn Thị Lan", "clerk", "mat-khau-lan")
    _as(ctx, "gs", "supervisor")
    reset_password(ctx, "lan", "mat-khau-moi-1")
    with pytest.raises(ValidationError) as err:
        add_account(ctx, "boss", "Boss", "admin", "mat-khau-boss")
    assert err.value.field == "role"
    with pytest.raises(ValidationError):
        reset_password(ctx, "admin", "mat-khau-moi-1")
    _as(ctx, "lan", "clerk")
    with pytest.raises(ValidationError):
        set_active(ctx, "lan", False)


def test_no_self_lockout_and_never_the_last_admin(ctx: Any) -> None:
    _as(ctx, "admin", "admin")
    with pytest.raises(ValidationError, match="không tự khóa"):
        set_active(ctx, "admin", False)
    _as(ctx, "other", "admin")
    with pytest.raises(ValidationError, match="cuối cùng"):
        set_active(ctx, "admin", False)
    assert ctx.store.scalar("SELECT active FROM users WHERE username = 'admin'") == 1


def test_short_password_writes_nothing_and_audit_keeps_no_password(ctx: Any) -> None:
    _as(ctx, "admin", "admin")
    add_account(ctx, "lan", "Nguyễn Thị Lan", "clerk", "mat-khau-lan")
    before = ctx.store.scalar("SELECT password_hash FROM users WHERE username = 'lan'")
    with pytest.raises(ValidationError) as err:
        reset_password(ctx, "lan", "ngan")
    assert err.value.field == "password"
    assert ctx.store.scalar("SELECT password_hash FROM users WHERE username = 'lan'") == before
    reset_password(ctx, "lan", "mat-khau-moi-1")
    set_active(ctx, "lan", False)
    set_active(ctx, "lan", False)  # a second time changes nothing and is not audited again
    details = ctx.store.query("SELECT action, detail FROM audit_log WHERE object_id = 'lan' ORDER BY rowid")
    assert [d["action"] for d in details] == ["user.create", "user.reset_password", "user.deactivate"]
    assert not any("mat-khau" in str(d["detail"]) for d in details)
    with pytest.raises(ValidationError, match="không có tài khoản"):
        reset_password(ctx, "nobody", "mat-khau-moi-1")
