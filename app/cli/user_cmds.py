"""``motcua user add|list``: accounts for clerks and supervisors."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="người dùng (users)")
    us = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    a = us.add_parser("add", help="thêm người dùng")
    a.add_argument("username")
    a.add_argument("--full-name", required=True)
    a.add_argument("--role", default="clerk", help="clerk | supervisor | admin")
    a.add_argument("--password-file", type=Path, required=True)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_add)
    ls = us.add_parser("list", help="liệt kê người dùng")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)


def cmd_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.accounts import create_user

    password = args.password_file.read_text("utf-8").strip()
    create_user(ctx.services(), args.username, args.full_name, args.role, password)
    ctx.emit(
        {"username": args.username, "role": args.role},
        ctx.t(f"Đã thêm {args.username} ({args.role})", f"Added {args.username} ({args.role})"),
    )
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import users

    rows = users.list_all(ctx.services().store)
    ctx.emit(rows, [f"{r['username']:<16} {r['role']:<10} {r['full_name']}" for r in rows])
    return 0
