"""``motcua user add|list|reset|deactivate|reactivate``: accounts for clerks and supervisors (a supervisor's or
admin's password needed). Deactivating and reactivating use the accounts screen's service
(:func:`app.services.account_admin.set_active`): the same rules (a supervisor looks after clerks only, nobody
switches off themselves or the last admin) and the same audit entry."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.cli.user_files import read_secret


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="người dùng (users)")
    us = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    a = us.add_parser("add", help="thêm người dùng")
    a.add_argument("username")
    a.add_argument("--full-name", required=True)
    a.add_argument("--role", default="clerk", help="clerk | supervisor | admin")
    a.add_argument("--password-file", type=Path, required=True)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_add, requires_role="supervisor")
    ls = us.add_parser("list", help="liệt kê người dùng")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list, requires_role="supervisor")
    r = us.add_parser("reset", help="đặt lại mật khẩu, mở khoá (reset a password, lift a lockout)")
    r.add_argument("username")
    r.add_argument("--password-file", type=Path, required=True, help="tệp chứa mật khẩu mới")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_reset, requires_role="supervisor")
    for action, help_text in (("deactivate", "khóa tài khoản: không đăng nhập được nữa (deactivate an account)"),
                              ("reactivate", "mở lại tài khoản đã khóa (reactivate an account)")):
        d = us.add_parser(action, help=help_text)
        d.add_argument("username")
        d.add_argument("--json", action="store_true")
        d.set_defaults(handler=cmd_set_active, requires_role="supervisor", active=action == "reactivate")


def cmd_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.accounts import create_user

    password = read_secret(args.password_file)
    create_user(ctx.services(), args.username, args.full_name, args.role, password)
    ctx.emit(
        {"username": args.username, "role": args.role},
        ctx.t(f"Đã thêm {args.username} ({args.role})", f"Added {args.username} ({args.role})"),
    )
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import users

    rows = users.list_all(ctx.services().store)
    locked = ctx.t("  (đã khóa)", "  (deactivated)")  # the list looked the same before and after a deactivate
    ctx.emit(rows, [f"{r['username']:<16} {r['role']:<10} {r['full_name']}{'' if r['active'] else locked}"
                    for r in rows])
    return 0


def cmd_reset(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.accounts import reset_password

    reset_password(ctx.services(), args.username, read_secret(args.password_file))
    name = args.username.strip().lower()
    ctx.emit({"username": name}, ctx.t(f"Đã đặt lại mật khẩu của {name}", f"Password of {name} reset"))
    return 0


def cmd_set_active(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.account_admin import set_active

    changes = set_active(ctx.services(), args.username, args.active)
    name = args.username.strip().lower()
    already = not changes.users
    if args.active:
        text = ctx.t(f"{name} đang hoạt động" + (" (không đổi)" if already else ": đăng nhập được trở lại"),
                     f"{name} is active" + (" (unchanged)" if already else ": can sign in again"))
    else:
        text = ctx.t(f"Đã khóa {name}" + (" (đã khóa từ trước)" if already else ": không đăng nhập được nữa"),
                     f"{name} is deactivated" + (" (already)" if already else ": can no longer sign in"))
    ctx.emit({"username": name, "active": args.active, "changed": not already}, text)
    return 0
