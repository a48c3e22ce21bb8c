"""``motcua init``: set up the office on this device and create the admin and the device's clerk account.

On a device already set up, ``init`` changes the office's settings only as the admin: ``--admin-password-file``
then holds the current admin password (a new one is set with ``motcua user reset admin``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="khởi tạo đơn vị trên máy này (set up the office on this device)")
    p.add_argument("--office-code", required=True, help="mã đơn vị, ví dụ 000.00.12.H62")
    p.add_argument("--office-name", required=True, help="tên đơn vị")
    p.add_argument("--agency-name", default="", help="tên cơ quan in trên biểu mẫu")
    p.add_argument("--counter", type=int, default=1, help="số quầy (counter number)")
    p.add_argument("--device-slot", type=int, default=0, help="khe thiết bị 0–9 (device slot)")
    p.add_argument("--admin-password-file", type=Path, help="tệp chứa mật khẩu quản trị")
    p.add_argument(
        "--clerk", default="clerk", help="tài khoản cán bộ mà các lệnh hằng ngày dùng trên máy này (default clerk)"
    )
    p.add_argument("--recovery-sheet", type=Path, help="tệp PDF tờ khóa khôi phục để in (printable recovery key)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_init)
    k = sub.add_parser("recovery-key", help="xem lại khóa khôi phục, chỉ quản trị (show the recovery key again)")
    k.add_argument("--out", type=Path, help="tệp PDF tờ khóa khôi phục")
    k.add_argument("--json", action="store_true")
    k.set_defaults(handler=cmd_recovery_key)


def recovery_lines(ctx: CliContext, sheet: object, out: Path | None) -> list[str]:
    """The recovery key as text (and the printable page written to ``out``), with what it is for."""
    key_text = sheet.key_text  # type: ignore[attr-defined]
    lines = [
        ctx.t("Khóa khôi phục của đơn vị (chỉ hiện một lần; in ra và cất vào tủ có khóa):",
              "Office recovery key (shown once; print it and lock it away):"),
        f"  {key_text}",
    ]  # fmt: skip
    if out is not None:  # the key to every backup: the --out rules, and readable by its owner only
        from app.services.output_files import write_output

        write_output(out, sheet.pdf(ctx.services().clock.now()), ctx.data_dir, mode=0o600)  # type: ignore[attr-defined]
        lines.append(ctx.t(f"Tờ khóa khôi phục để in: {out}", f"Printable recovery sheet: {out}"))
    return lines


def cmd_recovery_key(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.recovery_key import show_again

    sheet = show_again(ctx.services())
    ctx.emit({"recovery_key": sheet.key_text}, recovery_lines(ctx, sheet, args.out))
    return 0


def _read_password(args: argparse.Namespace, ctx: CliContext) -> str | None:
    if args.admin_password_file:
        from app.cli.user_files import read_secret

        return read_secret(args.admin_password_file)
    if sys.stdin.isatty() and not ctx.json:
        import getpass

        first = getpass.getpass(ctx.t("Mật khẩu quản trị mới: ", "New admin password: "))
        second = getpass.getpass(ctx.t("Nhập lại: ", "Repeat: "))
        if first != second:
            from app.domain.errors import ValidationError

            raise ValidationError("password", "hai lần nhập không khớp", "the two entries differ")
        return first
    return None  # no terminal, no file: a password is generated and printed once


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.output_files import check_target
    from app.services.setup import init_office, is_initialised

    if args.recovery_sheet is not None:
        check_target(args.recovery_sheet, ctx.data_dir)  # before the office is set up: the key is shown once
    if is_initialised(ctx.services().store):
        ctx.authorize(args, "admin")
        password = None
    else:
        password = _read_password(args, ctx)
    result = init_office(
        ctx.services(),
        office_code=args.office_code,
        office_name=args.office_name,
        counter=args.counter,
        device_slot=args.device_slot,
        admin_password=password,
        agency_name=args.agency_name,
        clerk_username=args.clerk,
    )
    lines = [
        ctx.t(
            f"Đã khởi tạo đơn vị {result.office_code} tại {ctx.data_dir}",
            f"Office {result.office_code} set up in {ctx.data_dir}",
        )
    ]
    if result.generated_password:
        lines.append(
            ctx.t(
                f"Mật khẩu quản trị (chỉ hiện một lần): {result.generated_password}",
                f"Admin password (shown once): {result.generated_password}",
            )
        )
    from app.services.recovery_key import first_showing

    sheet = first_showing(ctx.services())
    if sheet is not None:
        lines += recovery_lines(ctx, sheet, args.recovery_sheet)
    ctx.emit(
        {
            "recovery_key": sheet.key_text if sheet is not None else None,
            "office_code": result.office_code,
            "data_dir": str(ctx.data_dir),
            "admin_username": result.admin_username,
            "admin_password": result.generated_password,
            "clerk_username": args.clerk.strip().lower(),
        },
        lines,
    )
    return 0
