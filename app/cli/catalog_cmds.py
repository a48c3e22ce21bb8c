"""``motcua catalog list`` and ``catalog set-fee``: the procedure catalogue as this office has it."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalog", help="danh mục thủ tục (procedure catalogue)")
    cs = p.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    ls = cs.add_parser("list", help="liệt kê thủ tục")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)
    fee = cs.add_parser("set-fee", help="đặt lệ phí do tỉnh quy định (set a province-set fee)")
    fee.add_argument("code")
    fee.add_argument("amount_vnd", help="số tiền đồng, ví dụ 20000 hoặc 20.000")
    fee.add_argument("--json", action="store_true")
    fee.set_defaults(handler=cmd_set_fee, requires_role="supervisor")


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.fees import format_vnd
    from app.domain.procedures import procedure_from_catalog
    from app.store import catalog

    store = ctx.services().store
    rows = catalog.list_rows(store)
    out, lines = [], []
    for row in rows:
        proc = procedure_from_catalog(catalog.record(store, row["code"]))
        rule = proc.rule
        time_text = (
            "trong ngày"
            if rule.same_day
            else f"{rule.working_days} ngày làm việc"
            if rule.working_days
            else "chưa quy định"
        )
        out.append(
            {
                "code": proc.code,
                "name_vi": proc.name_vi,
                "sector_vi": proc.sector_vi,
                "fee_kind": proc.fee.kind,
                "fee_amount_vnd": proc.fee.amount_vnd,
                "processing": time_text,
            }
        )
        lines.append(f"{proc.code:<12} {proc.name_vi[:70]:<70}  {time_text:<18} {format_vnd(proc.fee.amount_vnd)}")
    ctx.emit(out, lines)
    return 0


def cmd_set_fee(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.errors import ValidationError
    from app.domain.fees import format_vnd
    from app.domain.numbers import parse_grouped
    from app.services.catalog_admin import set_office_fee

    try:
        amount = parse_grouped(args.amount_vnd)
    except ValueError:
        raise ValidationError(
            "fee",
            f"“{args.amount_vnd[:40]}” không phải số tiền đồng: chỉ chữ số 0–9, nhóm nghìn bằng dấu chấm (20.000)",
            f"“{args.amount_vnd[:40]}” is not an amount in đồng: digits 0–9 only, thousands grouped by dots (20.000)",
        ) from None
    set_office_fee(ctx.services(), args.code, amount)
    ctx.emit(
        {"code": args.code, "fee_amount_vnd": amount},
        ctx.t(f"Đã đặt lệ phí {args.code}: {format_vnd(amount)}",
              f"Fee of {args.code} set: {format_vnd(amount, 'en')}"),
    )
    return 0
