"""Maintenance commands: ``selftest``, ``diagnostics``, ``backup-auto``, ``backup-list``, ``backup-copy-folder``.

Why a separate group: these are what a technician or a scheduled task runs on the counter PC (and what CI runs
inside the built bundle), not what a clerk does at the counter. ``selftest`` never opens the user's store.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("selftest", help="tự kiểm tra bản cài đặt (check this installation end to end)")
    s.add_argument("--no-qt", action="store_true", help="bỏ qua kiểm tra Qt (skip the Qt check)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_selftest)
    d = sub.add_parser("diagnostics", help="xuất tệp chẩn đoán, không có dữ liệu cá nhân (diagnostics zip)")
    d.add_argument("--out", type=Path, required=True, help="tệp .zip")
    d.add_argument("--force", action="store_true", help="ghi đè tệp đã có (overwrite an existing file)")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=cmd_diagnostics)
    a = sub.add_parser("backup-auto", help="sao lưu tự động hằng ngày, xoay vòng (daily backup with rotation)")
    a.add_argument("--force", action="store_true", help="sao lưu cả khi hôm nay đã có (even if done today)")
    a.add_argument("--copy-to", type=Path, help="chép thêm vào thư mục này lần này (e.g. a USB stick)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_backup_auto)
    ls = sub.add_parser("backup-list", help="các bản sao lưu tự động (list automatic backups)")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_backup_list)
    c = sub.add_parser("backup-copy-folder", help="thư mục sao lưu thứ hai, ví dụ USB (second backup folder)")
    c.add_argument("folder", type=Path, nargs="?", help="thư mục; bỏ trống để xem (omit to show)")
    c.add_argument("--clear", action="store_true", help="không chép sang thư mục thứ hai nữa")
    c.add_argument("--json", action="store_true")
    # Where every day's copy of all the data goes: changing it is a supervisor's decision; looking is not.
    c.set_defaults(handler=cmd_copy_folder, requires_role=lambda a: "supervisor" if a.clear or a.folder else None)


def cmd_selftest(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.selftest import run_selftest

    checks = run_selftest(with_qt=not args.no_qt)
    ok = all(c.ok for c in checks)
    lines = [f"{'ok  ' if c.ok else 'FAIL'} {c.name:<10} {c.detail}" for c in checks]
    lines.append(ctx.t("Tự kiểm tra: đạt", "Selftest: passed") if ok else ctx.t("Tự kiểm tra: LỖI", "Selftest: FAILED"))
    ctx.emit({"ok": ok, "checks": [c.__dict__ for c in checks]}, lines)
    return 0 if ok else 1


def cmd_diagnostics(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.logs import export_diagnostics

    out = export_diagnostics(ctx.data_dir, args.out, force=args.force)
    ctx.emit(
        {"diagnostics": str(out)},
        ctx.t(f"Đã ghi tệp chẩn đoán {out} (không có dữ liệu cá nhân)", f"Wrote {out} (no personal data)"),
    )
    return 0


def cmd_backup_auto(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backup_schedule import run_auto_backup

    report = run_auto_backup(ctx.services(), force=args.force, copy_to=args.copy_to)
    if report.skipped:
        lines = [ctx.t("Hôm nay đã sao lưu; dùng --force để sao lưu lại", "Already backed up today; --force to redo")]
    else:
        lines = [ctx.t(f"Đã sao lưu vào {report.made}", f"Backed up to {report.made}")]
        lines += (
            [ctx.t(f"Đã chép sang {report.copied_to}", f"Copied to {report.copied_to}")] if report.copied_to else []
        )
        lines += [ctx.t(f"Đã xóa {len(report.removed)} bản cũ", f"Removed {len(report.removed)} old backups")]
    lines += [ctx.t("Cảnh báo: ", "Warning: ") + w.message(ctx.lang) for w in report.warnings]
    data = {
        "made": str(report.made) if report.made else None,
        "skipped": report.skipped,
        "copied_to": str(report.copied_to) if report.copied_to else None,
        "removed": [str(p) for p in report.removed],
        "warnings": [w.message(ctx.lang) for w in report.warnings],
    }
    ctx.emit(data, lines)
    return 0


def cmd_backup_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backup_schedule import auto_dir, copy_folder, list_backups

    backups = list_backups(auto_dir(ctx.data_dir))
    second = copy_folder(ctx.data_dir)
    lines = [f"{when:%Y-%m-%d %H:%M:%S}  {path.stat().st_size // 1024:>8} KB  {path}" for when, path in backups]
    lines = lines or [ctx.t("Chưa có bản sao lưu tự động", "No automatic backups yet")]
    lines.append(ctx.t("Thư mục thứ hai: ", "Second folder: ") + (str(second) if second else "-"))
    data = {"backups": [{"at": w.isoformat(), "path": str(p)} for w, p in backups], "copy_to": second}
    ctx.emit(data, lines)
    return 0


def cmd_copy_folder(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.backup_schedule import copy_folder, set_copy_folder

    if args.clear or args.folder:
        set_copy_folder(ctx.data_dir, None if args.clear else args.folder.resolve())
    current = copy_folder(ctx.data_dir)
    ctx.emit(
        {"copy_to": str(current) if current else None},
        ctx.t("Thư mục thứ hai: ", "Second folder: ") + str(current or "-"),
    )
    return 0
