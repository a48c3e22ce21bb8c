"""Roles are enforced in the services (not only by the UI), and failed sign-ins lock with a growing wait."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.services.accounts import MAX_LOCK_SECONDS, authenticate, create_user, lock_seconds, reset_password
from app.services.backups import restore_backup
from app.services.calendar_admin import set_day
from app.services.catalog_admin import set_office_fee
from app.services.clock import FixedClock
from app.services.context import Actor
from app.services.queue_config import set_counter
from tests.conftest import ADMIN_PASSWORD, FIXED_NOW

CLERK = Actor("clerk1", "Nguyễn Thị Lan", "clerk")
SUPERVISOR = Actor("sup", "Giám Sát", "supervisor")
ADMIN = Actor("admin", "Quản trị", "admin")


@pytest.mark.parametrize(
    "act",
    [
        lambda ctx: create_user(ctx, "mallory", "Mallory", "admin", "mat-khau-123"),
        lambda ctx: create_user(ctx, "lan2", "Lan", "clerk", "mat-khau-123"),
        lambda ctx: reset_password(ctx, "admin", "mat-khau-123"),
        lambda ctx: set_office_fee(ctx, "1.004873", 1),
        lambda ctx: set_day(ctx, date(2026, 11, 18), "holiday", "Nghỉ"),
        lambda ctx: set_counter(ctx, 1, ["A"]),
    ],
)
def test_a_clerk_is_refused_and_nothing_is_written(ctx, act):
    ctx.actor = CLERK
    before = ctx.store.scalar("SELECT COUNT(*) FROM audit_log")
    with pytest.raises(ValidationError) as err:
        act(ctx)
    assert err.value.field == "role"
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log") == before


def test_a_supervisor_manages_clerks_but_not_admins(ctx):
    ctx.actor = SUPERVISOR
    create_user(ctx, "lan2", "Lan", "clerk", "mat-khau-123")
    set_office_fee(ctx, "1.004873", 20000)
    for role in ("supervisor", "admin"):
        with pytest.raises(ValidationError, match="quản trị"):
            create_user(ctx, "boss", "Boss", role, "mat-khau-123")
    with pytest.raises(ValidationError):
        reset_password(ctx, "admin", "mat-khau-123")
    ctx.actor = ADMIN
    create_user(ctx, "boss", "Boss", "admin", "mat-khau-123")


def test_restore_is_an_admins(ctx, tmp_path):
    with pytest.raises(ValidationError) as err:
        restore_backup(ctx.data_dir, tmp_path / "x.sqlite3", actor=SUPERVISOR)
    assert err.value.field == "role"


def test_lock_grows_and_is_capped():
    assert [lock_seconds(n) for n in range(1, 8)] == [0, 0, 0, 0, 30, 60, 120]
    assert lock_seconds(10_000) == MAX_LOCK_SECONDS


def test_failed_sign_ins_lock_even_the_right_password_until_the_wait_is_over(ctx):
    clock = FixedClock(FIXED_NOW)
    for _ in range(5):
        with pytest.raises(ValidationError, match="sai tên"):
            authenticate(ctx.store, "admin", "wrong-password", clock)
    with pytest.raises(ValidationError, match="tạm khoá"):
        authenticate(ctx.store, "admin", ADMIN_PASSWORD, clock)
    clock.advance(seconds=31)
    assert authenticate(ctx.store, "admin", ADMIN_PASSWORD, clock).role == "admin"
    with pytest.raises(ValidationError, match="sai tên"):  # a success clears the count: one failure is free
        authenticate(ctx.store, "admin", "wrong-password", clock)
    assert authenticate(ctx.store, "admin", ADMIN_PASSWORD, clock).role == "admin"


def test_unknown_names_lock_too_and_a_reset_lifts_a_lock(ctx):
    clock = FixedClock(FIXED_NOW)
    for _ in range(5):
        with pytest.raises(ValidationError, match="sai tên"):
            authenticate(ctx.store, "nobody", "x", clock)
    with pytest.raises(ValidationError, match="tạm khoá"):
        authenticate(ctx.store, "nobody", "x", clock)
    ctx.actor = ADMIN
    create_user(ctx, "lan2", "Lan", "clerk", "mat-khau-123")
    for _ in range(5):
        with pytest.raises(ValidationError):
            authenticate(ctx.store, "lan2", "x", clock)
    reset_password(ctx, "lan2", "mat-khau-456")
    assert authenticate(ctx.store, "lan2", "mat-khau-456", clock).username == "lan2"
