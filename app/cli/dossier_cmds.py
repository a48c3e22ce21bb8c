"""``motcua dossier …``: receive, show, list, search and change the status of dossiers."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from app.cli.attach_cmds import register_dossier
from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dossier", help="hồ sơ (dossiers)")
    ds = p.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    r = ds.add_parser("receive", help="tiếp nhận hồ sơ (receive a dossier)")
    r.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    r.add_argument("--name", default="", help="họ tên người nộp")
    r.add_argument("--id-number", default="", help="số CCCD 12 chữ số")
    r.add_argument("--cccd-qr", default="", help="nội dung mã QR trên thẻ CCCD")
    r.add_argument("--phone", default="")
    r.add_argument("--email", default="")
    r.add_argument("--address", default="")
    r.add_argument("--channel", default="counter", help="counter | post | online")
    r.add_argument("--pages", type=int, help="số trang (phí chứng thực theo trang)")
    r.add_argument("--copies", type=int, default=1, help="số bản")
    r.add_argument("--received-at", help="thời điểm tiếp nhận ISO, ví dụ 2026-11-20T09:30")
    r.add_argument("--ticket", help="số thứ tự hôm nay (ví dụ A012) mà công dân được gọi tới quầy")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_receive)

    s = ds.add_parser("show", help="xem một hồ sơ (show one dossier)")
    s.add_argument("code")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_show)

    ls = ds.add_parser("list", help="danh sách hồ sơ (list dossiers)")
    ls.add_argument("--date", help="ngày tiếp nhận YYYY-MM-DD")
    ls.add_argument("--status", help="mã trạng thái 1–10")
    ls.add_argument("--limit", type=int, default=500)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)

    q = ds.add_parser("search", help="tìm hồ sơ (search)")
    q.add_argument("query")
    q.add_argument("--limit", type=int, default=50)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_search)

    st = ds.add_parser("set-status", help="chuyển trạng thái (change status)")
    st.add_argument("code")
    st.add_argument("status", help="mã trạng thái 1–10 hoặc tên")
    st.add_argument("--reason", default="")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=cmd_set_status)
    register_dossier(ds)  # attach, attachments, pages (app/cli/attach_cmds.py)


def _parse_datetime(text: str) -> datetime:
    from app.domain.errors import ValidationError

    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "received_at",
            f"“{text}” không phải ngày giờ hợp lệ (ví dụ 2026-11-20T09:30)",
            f"“{text}” is not a valid date-time (e.g. 2026-11-20T09:30)",
        ) from None


def _parse_date(text: str) -> str:
    from app.domain.errors import ValidationError

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(
            "date",
            f"“{text}” không phải ngày hợp lệ (YYYY-MM-DD)",
            f"“{text}” is not a valid date (YYYY-MM-DD)",
        ) from None


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: row.get(k)
        for k in (
            "code",
            "status",
            "procedure_code",
            "applicant_name",
            "id_number",
            "received_at",
            "due_at",
            "fee_vnd",
            "channel",
        )
    }


def _line(row: dict[str, Any]) -> str:
    due = row["due_at"] or "-"
    return f"{row['code']}  [{row['status']}]  {row['applicant_name']}  {row['procedure_code']}  hạn {due}"


def _ticket_id(ctx: CliContext, text: str) -> str:
    from app.services.queue import find_ticket

    return find_ticket(ctx.services(), text).id


def cmd_receive(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.fees import format_vnd
    from app.services.receive import ReceiveInput, receive_dossier

    inp = ReceiveInput(
        procedure_code=args.procedure,
        applicant_name=args.name,
        id_number=args.id_number,
        cccd_qr=args.cccd_qr,
        phone=args.phone,
        email=args.email,
        address=args.address,
        channel=args.channel,
        pages=args.pages,
        copies=args.copies,
        received_at=_parse_datetime(args.received_at) if args.received_at else None,
        ticket_id=_ticket_id(ctx, args.ticket) if args.ticket else None,
    )
    result = receive_dossier(ctx.services(), inp)
    d = result.dossier
    data = {**_summary(d), "id": d["id"], "documents": result.documents}
    ctx.emit(
        data,
        [
            ctx.t(f"Đã tiếp nhận hồ sơ {d['code']}", f"Received dossier {d['code']}"),
            ctx.t(f"Hẹn trả: {d['due_at'] or 'không quy định'}", f"Due: {d['due_at'] or 'no legal deadline'}"),
            ctx.t(f"Lệ phí: {format_vnd(d['fee_vnd'])}", f"Fee: {format_vnd(d['fee_vnd'], 'en')}"),
        ],
    )
    return 0


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.status import Status
    from app.services.access_log import record_access
    from app.services.queries import dossier_detail

    svc = ctx.services()
    d = dossier_detail(svc.store, args.code, svc.clock.now())
    record_access(svc, d["code"], "view", {"via": "cli"})
    lines = [
        f"{d['code']} — {d['status_label']}",
        ctx.t(f"Thủ tục: {d['procedure_code']} {d['procedure_name']}", f"Procedure: {d['procedure_code']}"),
        ctx.t(
            f"Người nộp: {d['applicant_name']} (CCCD {d['id_number']})",
            f"Applicant: {d['applicant_name']} (ID {d['id_number']})",
        ),
        ctx.t(
            f"Tiếp nhận: {d['received_at']}  Hẹn trả: {d['due_at'] or '-'}",
            f"Received: {d['received_at']}  Due: {d['due_at'] or '-'}",
        ),
        ctx.t("Lịch sử:", "History:"),
    ]
    for e in d["events"]:
        label = Status(e["to_status"]).label(ctx.lang) if e["to_status"] else e["kind"]
        lines.append(f"  {e['at']}  {label}  {e['reason']}  ({e['actor']})")
    ctx.emit(d, lines)
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.status import parse_status
    from app.services.queries import list_rows
    from app.store.dossiers import ListFilter

    flt = ListFilter(
        day=_parse_date(args.date) if args.date else None,
        status=int(parse_status(args.status)) if args.status else None,
    )
    rows = list_rows(ctx.services().store, flt, limit=args.limit)
    ctx.emit([_summary(r) for r in rows], [_line(r) for r in rows] or [ctx.t("(không có hồ sơ)", "(no dossiers)")])
    return 0


def cmd_search(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.queries import search_rows

    rows = search_rows(ctx.services().store, args.query, limit=args.limit)
    ctx.emit(
        [_summary(r) for r in rows],
        [_line(r) for r in rows] or [ctx.t("(không tìm thấy)", "(nothing found)")],
    )
    return 0


def cmd_set_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.status import parse_status
    from app.services.status_change import change_status

    result = change_status(ctx.services(), args.code, parse_status(args.status), args.reason)
    ctx.emit(
        {**_summary(result.dossier), "from_status": int(result.from_status), "reason": result.reason},
        ctx.t(
            f"{result.dossier['code']}: {result.from_status.label('vi')} → {result.to_status.label('vi')}",
            f"{result.dossier['code']}: {result.from_status.label('en')} → {result.to_status.label('en')}",
        ),
    )
    return 0
