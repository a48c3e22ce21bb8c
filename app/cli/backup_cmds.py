"""``motcua backup`` and ``motcua restore``: consistent copies, and restores checked before they replace."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="sao lưu dữ liệu (back up)")
    b.add_argument("--out", type=Path, required=True, help="tệp sao lưu")
    b.add_argument("--json", action="store_true")
    b.set_defaults(handler=cmd_backup)
    r = sub.add_parser("restore", help="khôi phục từ bản sao lưu (restore)")
    r.add_argument("file", type=Path)
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backups import make_backup

    path = make_backup(ctx.services(), args.out)
    ctx.emit({"backup": str(path)}, ctx.t(f"Đã sao lưu vào {path}", f"Backed up to {path}"))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backups import restore_backup

    safety = restore_backup(ctx.data_dir, args.file)
    ctx.emit(
        {"restored": str(args.file), "previous_saved_to": str(safety) if safety else None},
        ctx.t(
            f"Đã khôi phục từ {args.file}" + (f"; dữ liệu cũ lưu tại {safety}" if safety else ""),
            f"Restored from {args.file}" + (f"; previous data saved to {safety}" if safety else ""),
        ),
    )
    return 0
