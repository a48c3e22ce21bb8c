"""``motcua hub backup`` and ``motcua hub restore``: the office hub's own copies (sync/hub/backup.py, restore.py).

Kept apart from ``hub_cmds`` (set-up and serving) because these are a supervisor's safety acts with their own
wording: the restore says what comes back by itself (the counters send again what the hub lost) and what does
not (devices enrolled or revoked after the backup was taken), and what became of the day's queue (carried over
from the replaced hub, or its numbers jumped forward: sync/hub/restore_queue.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.domain.queue import format_number
from sync.hub.restore_queue import CARRIED, CARRIED_AND_JUMPED, JUMPED, QueueAfterRestore


def register(hs: argparse._SubParsersAction) -> None:
    p = hs.add_parser("backup", help="sao lưu hub, kể cả khi đang chạy (back up the hub, also while it serves)")
    p.add_argument("--to", type=Path, help="thư mục đặt bản sao lưu (default: <data folder>/hub-backups)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup)
    p = hs.add_parser("restore", help="khôi phục hub từ bản sao lưu (restore the hub; stop it first)")
    p.add_argument("file", type=Path, help="tệp motcua-hub-….zip")
    p.add_argument("--recovery-key-file", type=Path,
                   help="tệp chứa khóa khôi phục của máy đã tạo bản sao lưu (on a new PC: the old PC's recovery key)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import hub_keys
    from sync.hub.backup import backup_hub

    path = backup_hub(ctx.data_dir, args.to, key_source=hub_keys.AppHubKeys())
    ctx.emit({"backup": str(path)}, ctx.t(f"Đã sao lưu hub vào {path}", f"Hub backed up to {path}"))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.backup_cmds import _read_recovery_key
    from app.services import hub_keys
    from sync.hub.restore import restore_hub

    source = hub_keys.AppHubKeys(_read_recovery_key(args.recovery_key_file) if args.recovery_key_file else None)
    done = restore_hub(ctx.data_dir, args.file, key_source=source)
    safety = str(done.safety_copy) if done.safety_copy else None
    ctx.emit(
        {"restored": str(args.file), "office_code": done.office_code, "taken_at": done.taken_at,
         "generation": done.generation, "previous_saved_to": safety,
         "queue": {"how": done.queue.how, "next_numbers": done.queue.next_numbers}},
        [
            ctx.t(f"Đã khôi phục hub của đơn vị {done.office_code} từ bản sao lưu lúc {done.taken_at} (UTC)",
                  f"Hub of office {done.office_code} restored from the backup taken at {done.taken_at} (UTC)"),
            *([ctx.t(f"Hub cũ lưu tại {safety}", f"The replaced hub is kept at {safety}")] if safety else []),
            ctx.t("Các máy quầy tự gửi lại hồ sơ hub đã mất ở lần đồng bộ tới (hub mới có mã thế hệ mới)",
                  "The counters send again what the hub lost at their next sync (the hub has a new generation)"),
            *_queue_lines(ctx, done.queue),
            ctx.t("Lưu ý: thiết bị đăng ký sau thời điểm sao lưu phải đăng ký lại, thiết bị bị thu hồi sau thời "
                  "điểm đó phải thu hồi lại",
                  "Note: devices enrolled after the backup must enrol again, devices revoked after it must be "
                  "revoked again"),
            ctx.t("Tiếp theo: “motcua hub serve”", "Next: “motcua hub serve”"),
        ],
    )
    return 0


def _queue_lines(ctx: CliContext, queue: QueueAfterRestore) -> list[str]:
    lines: list[str] = []
    if queue.how in (CARRIED, CARRIED_AND_JUMPED):
        lines.append(ctx.t("Hàng đợi được mang sang từ hub cũ: số đã cấp, phiếu đang chờ và đang gọi giữ nguyên",
                           "The queue was carried over from the replaced hub: numbers given, tickets waiting or "
                           "called stay as they were"))
    if queue.how in (JUMPED, CARRIED_AND_JUMPED):
        known = ", ".join(format_number(letter, n) for letter, n in sorted(queue.next_numbers.items()))
        vi = f"{known} (dịch vụ khác từ số 101)" if known else "số 101 ở mọi dịch vụ"
        en = f"{known} (any other service from 101)" if known else "101 for every service"
        why = (
            ("Không có hub cũ đọc được để mang hàng đợi sang", "No readable hub to carry the queue over from")
            if queue.how == JUMPED
            else ("Hub cũ không phải hub của bản sao lưu này", "The replaced hub is not the one this backup is of")
        )
        lines.append(ctx.t(f"{why[0]}: số thứ tự hôm nay tiếp tục từ {vi}, để không trùng số đã in; phiếu đang chờ "
                           "trong bản sao lưu vẫn được gọi (người đã được phục vụ thì đánh dấu vắng)",
                           f"{why[1]}: today's numbers go on from {en}, so no printed number comes again; tickets "
                           "waiting in the backup are still called (mark absent who was served)"))
    return lines
