"""``motcua audit verify``: walk the hash chain and name the first broken row; ``audit accesses``: who saw what."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="nhật ký kiểm tra (audit log)")
    a = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = a.add_parser("verify", help="kiểm tra chuỗi băm (verify the hash chain)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=cmd_verify)
    acc = a.add_parser("accesses", help="ai đã xem, in, xuất hồ sơ của công dân (who viewed, printed, exported)")
    acc.add_argument("--id-number", default="", help="số CCCD của công dân")
    acc.add_argument("--code", default="", help="mã hồ sơ")
    acc.add_argument("--json", action="store_true")
    acc.set_defaults(handler=cmd_accesses)


_WHAT = {
    "dossier.view": ("xem", "viewed"),
    "dossier.print": ("in", "printed"),
    "dossier.export": ("xuất", "exported"),
    "records.export": ("xuất danh sách", "exported in a list"),
}


def cmd_accesses(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.access_log import list_accesses

    rows = list_accesses(ctx.services(), id_number=args.id_number, code=args.code)
    lines = [
        f"{r['at']}  {r['code']}  {ctx.t(*_WHAT.get(r['action'], (r['action'], r['action'])))}  {r['actor']}"
        + (f"  ({r['detail'].get('document')})" if r["detail"].get("document") else "")
        for r in rows
    ]
    ctx.emit(rows, lines or [ctx.t("(chưa ai truy cập)", "(no accesses recorded)")])
    return 0


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
