"""``motcua audit verify``: walk the hash chain and name the first broken row."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="nhật ký kiểm tra (audit log)")
    a = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = a.add_parser("verify", help="kiểm tra chuỗi băm (verify the hash chain)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store.audit import verify

    result = verify(ctx.services().store)
    data = {"ok": result.ok, "rows": result.rows, "broken_seq": result.broken_seq, "reason": result.reason}
    if result.ok:
        ctx.emit(data, ctx.t(f"Nhật ký toàn vẹn: {result.rows} dòng", f"Audit chain intact: {result.rows} rows"))
        return 0
    ctx.emit(
        data,
        ctx.t(
            f"Nhật ký bị sửa tại dòng {result.broken_seq}: {result.reason}",
            f"Audit chain broken at row {result.broken_seq}: {result.reason}",
        ),
    )
    return 1
