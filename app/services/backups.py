"""Backup and restore as use cases: audited, and a restore migrates the restored file to this version."""

from __future__ import annotations

from pathlib import Path

from app.services.clock import SystemClock, iso
from app.services.context import Actor, ServiceContext
from app.store import audit
from app.store.backup import backup_to, restore_from
from app.store.blob_backup import copy_for_backup, restore_files
from app.store.db import DB_FILENAME


def make_backup(ctx: ServiceContext, dest: Path) -> Path:
    path = backup_to(ctx.store, dest)
    copy_for_backup(ctx.data_dir, path)  # the scanned pages go beside it (app/store/blob_backup.py)
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


def restore_backup(data_dir: Path, backup: Path, actor: Actor | None = None) -> Path | None:
    """Check ``backup``, keep a safety copy of the live store, swap files, migrate and audit."""
    from app.services.setup import open_store

    safety = restore_from(backup, Path(data_dir) / DB_FILENAME)
    if safety:
        copy_for_backup(data_dir, safety)  # the replaced store's pages stay restorable too
    restore_files(backup, data_dir)
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
                detail={"from": str(backup), "safety_copy": str(safety) if safety else None},
            )
    finally:
        store.close()
    return safety
