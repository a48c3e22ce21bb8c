"""Backup and restore as use cases: audited, and a restore migrates the restored file to this version.

A backup is encrypted with this PC's store key. A restore tries this PC's key first, then the office recovery key
(a new PC whose OS key store has never seen the old PC's key); without a key that opens the backup it fails with a
message saying what to bring, and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from app.security.keys import DeviceKeys
from app.services.clock import SystemClock, iso
from app.services.context import Actor, ServiceContext
from app.store import audit
from app.store.backup import backup_to, opens_with, restore_from
from app.store.db import DB_FILENAME
from app.store.errors import EnvironmentStoreError


class RecoveryKeyNeeded(EnvironmentStoreError):
    """The backup does not open with this PC's key: another PC's backup (bring the recovery key) or a bad file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "nokey",
            f"Khóa của máy này không mở được bản sao lưu {path}: nếu là bản của máy khác, cần khóa khôi phục "
            "của đơn vị (--recovery-key-file TỆP); nếu không, tệp bị hỏng. Không có gì bị ghi",
            f"This PC's key does not open the backup {path}: if it comes from another PC, the office recovery "
            "key is needed (--recovery-key-file FILE); otherwise the file is damaged. Nothing was written",
        )


class WrongRecoveryKey(EnvironmentStoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            "badkey",
            f"Khóa khôi phục không mở được bản sao lưu {path} (khóa của đơn vị khác, hoặc tệp hỏng); "
            "không có gì bị ghi",
            f"The recovery key does not open the backup {path} (another office's key, or a damaged file); "
            "nothing was written",
        )


def make_backup(ctx: ServiceContext, dest: Path) -> Path:
    path = backup_to(ctx.store, dest)
    with ctx.store.transaction():
        audit.append(
            ctx.store,
            at=iso(ctx.clock.now()),
            actor=ctx.actor.username,
            action="store.backup",
            object_type="store",
            object_id=str(path.name),
            detail={"path": str(path)},
        )
    return path


def backup_key(backup: Path, device_key: bytes | None, recovery_key: bytes | None) -> bytes | None:
    """The key that opens ``backup``: none for a plain legacy file, this PC's, or the recovery key."""
    from app.store.backup import check_backup_file
    from app.store.driver import is_plaintext

    backup = Path(backup)
    if not backup.is_file():
        check_backup_file(backup)  # raises the "no such backup file" message
    if is_plaintext(backup):
        return None
    for key in (device_key, recovery_key):
        if key is not None and opens_with(backup, key):
            return key
    if recovery_key is not None:
        raise WrongRecoveryKey(backup)
    raise RecoveryKeyNeeded(backup)


def restore_backup(
    data_dir: Path, backup: Path, actor: Actor | None = None, recovery_key: bytes | None = None
) -> Path | None:
    """Check ``backup``, keep a safety copy of the live store, swap files, migrate and audit.

    On a PC without a store key (a new PC), the backup's key becomes this PC's key, kept by the OS.
    """
    from app.services.setup import open_store

    data_dir = Path(data_dir)
    keys = DeviceKeys()
    device_key = keys.load(data_dir)
    key = backup_key(backup, device_key, recovery_key)
    live_key = device_key
    if device_key is None and key is not None:
        from app.store.backup import check_backup_file

        check_backup_file(backup, key)  # before the key is adopted: nothing is written for a bad backup
        keys.replace(data_dir, key)
        live_key = key
    safety = restore_from(backup, data_dir / DB_FILENAME, backup_key=key, live_key=live_key)
    store = open_store(data_dir)
    try:
        with store.transaction():
            audit.append(
                store,
                at=iso(SystemClock().now()),
                actor=(actor or Actor.system()).username,
                action="store.restore",
                object_type="store",
                object_id=Path(backup).name,
                detail={
                    "from": str(backup),
                    "safety_copy": str(safety) if safety else None,
                    "recovery_key_used": key is not None and key == recovery_key and key != device_key,
                },
            )
    finally:
        store.close()
    return safety
