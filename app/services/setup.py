"""Opening a device's store and setting up an office for the first time.

``open_store`` is what every entry point calls: it opens the file, migrates it (with a backup first) and loads
the shipped procedure catalogue when the store has none. ``init_office`` records the office, the device slot and
the first admin account, in one transaction with its audit row.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain import codes
from app.domain.errors import ValidationError
from app.domain.text import clean_text, plain_text
from app.paths import resource
from app.services.changes import Changes
from app.services.clock import Clock, SystemClock, iso
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.services.passwords import hash_password
from app.store import audit, catalog, settings, users
from app.store.db import Store
from app.store.encrypt import encrypt_folder, ensure_encrypted
from app.store.errors import StoreError
from app.store.migrations import migrate, pending


def shipped_catalog() -> list[dict]:
    return json.loads(resource("data", "procedures.json").read_text("utf-8"))


def open_store(data_dir: Path, clock: Clock | None = None, on_step: Callable[[str], None] | None = None) -> Store:
    """Open (encrypting a legacy plain store, migrating an old one) the store in ``data_dir``. ``on_step`` hears
    each step of a long first start: the steps of :data:`app.store.encrypt.STEPS`, then ``"migrate"``."""
    if ensure_encrypted(Path(data_dir), on_step=on_step):
        _encrypt_second_copies(Path(data_dir))
    store = Store.in_folder(data_dir)
    try:
        if on_step is not None and pending(store) > 0 and store.user_version >= 1:
            on_step("migrate")  # a backup first, then each schema step: minutes on a large store
        migrate(store)
        if catalog.count(store) == 0:
            with store.transaction():
                catalog.upsert_records(store, shipped_catalog(), iso((clock or SystemClock()).now()))
    except BaseException:
        store.close()
        raise
    return store


def _encrypt_second_copies(data_dir: Path) -> None:
    """After a legacy store is encrypted, its plain backups in the second folder (a USB stick) are too, if present."""
    from app.security.keys import DeviceKeys
    from app.services.backup_schedule import COPY_SUBDIR, copy_folder

    second = copy_folder(data_dir)
    key = DeviceKeys().load(data_dir)
    if second is not None and key is not None:
        with contextlib.suppress(OSError, StoreError):
            encrypt_folder(Path(second) / COPY_SUBDIR, key)


def is_initialised(store: Store) -> bool:
    return bool(settings.get(store, "office_code"))


@dataclass(frozen=True)
class InitResult:
    office_code: str
    admin_username: str
    generated_password: str | None
    changes: Changes


_USERNAME = re.compile(r"^[a-z0-9._-]{2,32}$")
CLERK_FULL_NAME = "Cán bộ tiếp nhận"
NO_LOGIN = "!"  # a password hash no password matches: the account signs in only after a reset


def validate_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise ValidationError(
            "username",
            "chỉ gồm chữ thường không dấu, số, . _ - (2–32 ký tự)",
            "lowercase letters, digits, . _ - only (2–32 characters)",
        )
    return name


def validate_password(password: str) -> str:
    if len(password) < 8:
        raise ValidationError("password", "mật khẩu phải có ít nhất 8 ký tự", "must be at least 8 characters")
    return password


def init_office(
    ctx: ServiceContext,
    *,
    office_code: str,
    office_name: str,
    counter: int = 1,
    device_slot: int = 0,
    admin_password: str | None = None,
    admin_username: str = "admin",
    agency_name: str = "",
    clerk_username: str = "clerk",
) -> InitResult:
    """Set up (or, as an admin, update) the office; creates the admin and the device's clerk account.

    The clerk account is the one the command line's everyday work runs as; it has no usable password until a
    supervisor sets one (``motcua user reset``), so it signs in to the app only when the office wants it to.
    """
    store = ctx.store
    clerk = validate_username(clerk_username)
    if clerk == admin_username:
        raise ValidationError("username", "tài khoản cán bộ phải khác tài khoản quản trị", "must differ from the admin")
    code = codes.validate_unit_code(office_code.strip().upper())
    name = plain_text(office_name, "office_name")  # heads every receipt, ticket and log book
    if not name:
        raise ValidationError("office_name", "không được để trống", "must not be empty")
    if not 1 <= counter <= 99:
        raise ValidationError("counter", "số quầy phải từ 1 đến 99", "counter must be 1–99")
    slot = codes.validate_slot(device_slot)
    current = settings.get(store, "office_code")
    if current:
        from app.services.roles import require_role

        require_role(ctx.actor, "admin", "khởi tạo lại đơn vị", "set the office up again")
    if current and current != code:
        raise ValidationError(
            "office_code",
            f"thiết bị đã thuộc đơn vị {current}; không đổi được bằng init",
            f"this device already belongs to office {current}",
        )
    generated = None
    if admin_password is None and not users.exists(store, admin_username):
        generated = secrets.token_urlsafe(12)
        admin_password = generated
    if admin_password is not None:
        validate_password(admin_password)
    now = iso(ctx.clock.now())
    with store.transaction():
        settings.set_many(
            store,
            {
                "office_code": code,
                "office_name": name,
                "counter": counter,
                "device_slot": slot,
                "agency_name": clean_text(agency_name) or name,
                "cli_clerk": clerk,
            },
        )
        if not users.exists(store, clerk):
            users.insert(
                store,
                user_id=new_id(),
                username=clerk,
                full_name=CLERK_FULL_NAME,
                role="clerk",
                password_hash=NO_LOGIN,
                at=now,
            )
        if not users.exists(store, admin_username):
            users.insert(
                store,
                user_id=new_id(),
                username=admin_username,
                full_name="Quản trị viên",
                role="admin",
                password_hash=hash_password(admin_password or ""),
                at=now,
            )
        elif admin_password is not None:
            users.set_password_hash(store, admin_username, hash_password(admin_password))
        audit.append(
            store,
            at=now,
            actor=ctx.actor.username,
            action="office.init",
            object_type="office",
            object_id=code,
            detail={"name": name, "counter": counter, "device_slot": slot, "clerk": clerk},
        )
    return InitResult(code, admin_username, generated, Changes(settings=True, users=True))
