"""Backup and restore as use cases: audited, and a restore migrates the restored file to this version.

A restore is an administrator's act: it refuses another office's backup unless told it is a deliberate move,
records the chain head it replaced in the audit log, and re-anchors the local audit anchor (the restored chain
is shorter on purpose).

A backup is encrypted with this PC's store key. A restore tries this PC's key first, then the office recovery key
(a new PC whose OS key store has never seen the old PC's key); without a key that opens the backup it fails with a
message saying what to bring, and writes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.domain.errors import ValidationError
from app.security.keys import DeviceKeys
from app.services.clock import SystemClock, iso
from app.services.context import Actor, ServiceContext
from app.services.output_files import output_file
from app.services.roles import require_role
from app.store import audit, blobs, driver, local_anchor
from app.store.backup import backup_to, check_backup_file, office_and_head, opens_with, restore_from
from app.store.blob_backup import copy_for_backup, hashes_in, restore_files
from app.store.db import DB_FILENAME
from app.store.errors import EnvironmentStoreError

log = logging.getLogger("motcua.backup")


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
    """A consistent copy at ``dest`` (the automatic backups' own folder), audited."""
    path = backup_to(ctx.store, dest)
    copy_for_backup(ctx.data_dir, path, ctx.store.key)  # the scanned pages go beside it (app/store/blob_backup.py)
    _audit_backup(ctx, path)
    return path


def backup_to_file(ctx: ServiceContext, dest: Path, force: bool = False) -> Path:
    """A backup to a file the user named: never in the data folder, never over a file unless ``force``."""
    with output_file(dest, ctx.data_dir, force) as tmp:
        backup_to(ctx.store, tmp)
    path = Path(dest).parent.resolve() / Path(dest).name
    copy_for_backup(ctx.data_dir, path, ctx.store.key)
    _audit_backup(ctx, path)
    return path


def _audit_backup(ctx: ServiceContext, path: Path) -> None:
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
    data_dir: Path,
    backup: Path,
    actor: Actor | None = None,
    force: bool = False,
    recovery_key: bytes | None = None,
) -> Path | None:
    """Check ``backup``, keep a safety copy of the live store, swap files, migrate and audit.

    On a PC without a store key (a new PC), the backup's key becomes this PC's key, kept by the OS.
    """
    from app.services.setup import open_store

    who = actor or Actor.system()
    require_role(who, "admin", "khôi phục dữ liệu", "restore a backup")
    data_dir = Path(data_dir)
    live = data_dir / DB_FILENAME
    keys = DeviceKeys()
    device_key = keys.load(data_dir)
    key = backup_key(backup, device_key, recovery_key)
    check_backup_file(backup, key)
    theirs, _ = office_and_head(Path(backup), key)
    ours, replaced_head = office_and_head(live, device_key)
    if ours and theirs != ours and not force:
        raise ValidationError(
            "backup",
            f"bản sao lưu của đơn vị {theirs or '(chưa khởi tạo)'}, máy này thuộc đơn vị {ours};"
            " dùng --force nếu cố ý chuyển dữ liệu",
            f"the backup is of office {theirs or '(not set up)'}, this device belongs to office {ours};"
            " use --force for a deliberate move",
        )
    live_key = device_key
    if device_key is None and key is not None:
        keys.replace(data_dir, key)  # checked above: nothing is adopted for a bad backup
        live_key = key
    safety = restore_from(backup, live, backup_key=key, live_key=live_key)
    if safety:
        try:
            copy_for_backup(data_dir, safety, device_key)  # the replaced store's pages stay restorable too
        except driver.Error:  # the store being replaced was damaged (the usual reason to restore): its pages stay
            log.warning("restore: the replaced store %s could not be read; its pages stay where they are", safety)
    restore_files(backup, data_dir, key)
    if key is not None and live_key is not None and key != live_key:  # another PC's backup, re-keyed on the way in
        blobs.reseal_all(data_dir, hashes_in(data_dir / DB_FILENAME, live_key), key, live_key)
    store = open_store(data_dir)
    try:
        with store.transaction():
            audit.append(
                store,
                at=iso(SystemClock().now()),
                actor=who.username,
                action="store.restore",
                object_type="store",
                object_id=Path(backup).name,
                detail={
                    "from": str(backup),
                    "safety_copy": str(safety) if safety else None,
                    "office_from": theirs,
                    "office_was": ours,
                    "replaced_head": list(replaced_head) if replaced_head else None,
                    "recovery_key_used": key is not None and key == recovery_key and key != device_key,
                },
            )
        local_anchor.reset(store.conn, Path(data_dir))
    finally:
        store.close()
    return safety
