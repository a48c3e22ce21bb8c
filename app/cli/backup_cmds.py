"""``motcua backup`` and ``motcua restore``: consistent copies, and restores checked before they replace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="sao lưu dữ liệu (back up)")
    b.add_argument("--out", type=Path, required=True, help="tệp sao lưu")
    b.add_argument("--force", action="store_true", help="ghi đè tệp đã có (overwrite an existing file)")
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=cmd_backup)
    r = sub.add_parser("restore", help="khôi phục từ bản sao lưu (restore)")
    r.add_argument("file", type=Path)
    r.add_argument("--force", action="store_true", help="nhận cả bản sao lưu của đơn vị khác (another office's backup)")
    r.add_argument(
        "--recovery-key-file",
        type=Path,
        help="tệp chứa khóa khôi phục của đơn vị (office recovery key), cho bản sao lưu của máy khác",
    )
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_restore, requires_role="admin", fresh_device_ok=True)


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backups import backup_to_file

    path = backup_to_file(ctx.services(), args.out, force=args.force)
    ctx.emit({"backup": str(path)}, ctx.t(f"Đã sao lưu vào {path}", f"Backed up to {path}"))
    return 0


def _read_recovery_key(path: Path) -> bytes:
    from app.cli.user_files import read_user_text
    from app.security.recovery import parse_recovery_key

    return parse_recovery_key(read_user_text(path, "recovery_key_file"))


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backups import RecoveryKeyNeeded, restore_backup
    from app.services.context import Actor

    recovery = _read_recovery_key(args.recovery_key_file) if args.recovery_key_file else None
    # A new PC has no store (and no accounts) yet: nothing to open, the backup's key is what guards the restore.
    actor = ctx.services().actor if ctx.has_store() else Actor.system()
    ctx.close()  # the restore replaces the file: no connection may stay open
    try:
        safety = restore_backup(ctx.data_dir, args.file, actor=actor, force=args.force, recovery_key=recovery)
    except RecoveryKeyNeeded:
        if recovery is not None or not sys.stdin.isatty() or ctx.json:
            raise
        import getpass

        from app.security.recovery import parse_recovery_key

        typed = getpass.getpass(ctx.t("Khóa khôi phục (56 ký tự): ", "Recovery key (56 characters): "))
        safety = restore_backup(
            ctx.data_dir, args.file, actor=actor, force=args.force, recovery_key=parse_recovery_key(typed)
        )
    ctx.emit(
        {"restored": str(args.file), "previous_saved_to": str(safety) if safety else None},
        ctx.t(
            f"Đã khôi phục từ {args.file}" + (f"; dữ liệu cũ lưu tại {safety}" if safety else ""),
            f"Restored from {args.file}" + (f"; previous data saved to {safety}" if safety else ""),
        ),
    )
    return 0
