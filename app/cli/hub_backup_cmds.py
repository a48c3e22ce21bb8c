"""``motcua hub backup`` and ``motcua hub restore``: the office hub's own copies (sync/hub/backup.py, restore.py).

Kept apart from ``hub_cmds`` (set-up and serving) because these are a supervisor's safety acts with their own
wording: the restore says what comes back by itself (the counters send again what the hub lost) and what does
not (the queue's tickets issued after the backup was taken).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext


def register(hs: argparse._SubParsersAction) -> None:
    p = hs.add_parser("backup", help="sao lưu hub, kể cả khi đang chạy (back up the hub, also while it serves)")
    p.add_argument("--to", type=Path, help="thư mục đặt bản sao lưu (default: <data folder>/hub-backups)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup)
    p = hs.add_parser("restore", help="khôi phục hub từ bản sao lưu (restore the hub; stop it first)")
    p.add_argument("file", type=Path, help="tệp motcua-hub-….zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from sync.hub.backup import backup_hub

    path = backup_hub(ctx.data_dir, args.to)
    ctx.emit({"backup": str(path)}, ctx.t(f"Đã sao lưu hub vào {path}", f"Hub backed up to {path}"))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from sync.hub.restore import restore_hub

    done = restore_hub(ctx.data_dir, args.file)
    safety = str(done.safety_copy) if done.safety_copy else None
    ctx.emit(
        {"restored": str(args.file), "office_code": done.office_code, "taken_at": done.taken_at,
         "generation": done.generation, "previous_saved_to": safety},
        [
            ctx.t(f"Đã khôi phục hub của đơn vị {done.office_code} từ bản sao lưu lúc {done.taken_at} (UTC)",
                  f"Hub of office {done.office_code} restored from the backup taken at {done.taken_at} (UTC)"),
            *([ctx.t(f"Hub cũ lưu tại {safety}", f"The replaced hub is kept at {safety}")] if safety else []),
            ctx.t("Các máy quầy tự gửi lại hồ sơ hub đã mất ở lần đồng bộ tới (hub mới có mã thế hệ mới)",
                  "The counters send again what the hub lost at their next sync (the hub has a new generation)"),
            ctx.t("Lưu ý: phiếu xếp hàng cấp sau thời điểm sao lưu không còn trên hub; thiết bị đăng ký sau thời "
                  "điểm đó phải đăng ký lại, thiết bị bị thu hồi sau thời điểm đó phải thu hồi lại",
                  "Note: queue tickets issued after the backup are not on the hub; devices enrolled after it must "
                  "enrol again, devices revoked after it must be revoked again"),
            ctx.t("Tiếp theo: “motcua hub serve”", "Next: “motcua hub serve”"),
        ],
    )
    return 0
