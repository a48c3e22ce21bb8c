"""Backup and restore as use cases: audited, and a restore migrates the restored file to this version.

A restore is an administrator's act: it refuses another office's backup unless told it is a deliberate move,
records the chain head it replaced in the audit log, and re-anchors the local audit anchor (the restored chain
is shorter on purpose).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.domain.errors import ValidationError
from app.services.clock import SystemClock, iso
from app.services.context import Actor, ServiceContext
from app.services.output_files import output_file
from app.services.roles import require_role
from app.store import audit, local_anchor
from app.store.backup import backup_to, check_backup_file, restore_from
from app.store.db import DB_FILENAME


def make_backup(ctx: ServiceContext, dest: Path) -> Path:
    """A consistent copy at ``dest`` (the automatic backups' own folder), audited."""
    path = backup_to(ctx.store, dest)
    _audit_backup(ctx, path)
    return path


def backup_to_file(ctx: ServiceContext, dest: Path, force: bool = False) -> Path:
    """A backup to a file the user named: never in the data folder, never over a file unless ``force``."""
    with output_file(dest, ctx.data_dir, force) as tmp:
        backup_to(ctx.store, tmp)
    path = Path(dest).parent.resolve() / Path(dest).name
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


def _office_and_head(path: Path) -> tuple[str | None, tuple[int, str] | None]:
    """The office code and audit chain head of a store file, read-only; (None, None) when there is none."""
    if not path.is_file():
        return None, None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'office_code'").fetchone()
        head = audit.chain_head(conn)
    except sqlite3.Error:
        return None, None
    finally:
        conn.close()
    try:
        office = json.loads(row[0]) if row else None
    except ValueError:
        office = None
    return (office if isinstance(office, str) and office else None), head


def restore_backup(data_dir: Path, backup: Path, actor: Actor | None = None, force: bool = False) -> Path | None:
    """Check ``backup``, keep a safety copy of the live store, swap files, migrate and audit."""
    from app.services.setup import open_store

    who = actor or Actor.system()
    require_role(who, "admin", "khôi phục dữ liệu", "restore a backup")
    live = Path(data_dir) / DB_FILENAME
    check_backup_file(backup)
    theirs, _ = _office_and_head(Path(backup))
    ours, replaced_head = _office_and_head(live)
    if ours and theirs != ours and not force:
        raise ValidationError(
            "backup",
            f"bản sao lưu của đơn vị {theirs or '(chưa khởi tạo)'}, máy này thuộc đơn vị {ours};"
            " dùng --force nếu cố ý chuyển dữ liệu",
            f"the backup is of office {theirs or '(not set up)'}, this device belongs to office {ours};"
            " use --force for a deliberate move",
        )
    safety = restore_from(backup, live)
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
                },
            )
        local_anchor.reset(store.conn, Path(data_dir))
    finally:
        store.close()
    return safety
