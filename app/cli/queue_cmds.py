"""``motcua ticket …``, ``motcua service …`` and ``motcua counter …``: the queue from the command line.

The same services as the clerk's queue panel and the kiosk; a script or a second PC's shell can issue and
call tickets (``motcua ticket call --counter 3``), and a supervisor sets up services and counters. On a device
enrolled with an office hub the tickets, services and counters are the hub's (:mod:`app.services.queue_backend`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from app.cli.context import CliContext
from app.domain.queue import PRIORITY_GROUPS  # pure and tiny: keeps `motcua --help` fast

_GROUPS = tuple(PRIORITY_GROUPS)


def register(sub: argparse._SubParsersAction) -> None:
    _register_ticket(sub)
    _register_service(sub)
    _register_counter(sub)


def _action(
    group: argparse._SubParsersAction, name: str, help_text: str, handler: Any, counter: bool = True
) -> argparse.ArgumentParser:
    p = group.add_parser(name, help=help_text)
    if counter:
        p.add_argument("--counter", type=int, required=True, help="số quầy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=handler)
    return p


def _register_ticket(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ticket", help="số thứ tự (queue tickets)")
    ts = p.add_subparsers(dest="ticket_command", metavar="ACTION", required=True)
    i = _action(ts, "issue", "cấp số (issue a ticket)", cmd_issue, counter=False)
    i.add_argument("--service", required=True, help="mã dịch vụ, ví dụ A")
    i.add_argument(
        "--priority",
        nargs="?",
        const="other",
        choices=_GROUPS,
        help="ưu tiên theo luật (nhóm: " + ", ".join(_GROUPS) + ")",
    )
    c = _action(ts, "call", "gọi số tiếp theo (call next)", cmd_call)
    c.add_argument("--number", help="gọi đúng số này, không theo thứ tự (serve out of order)")
    _action(ts, "recall", "gọi lại số đang phục vụ (recall)", cmd_recall)
    _action(ts, "no-show", "đánh dấu vắng mặt (no-show)", cmd_no_show)
    _action(ts, "finish", "xong, không gọi số mới (finish)", cmd_finish)
    t = _action(ts, "transfer", "chuyển sang dịch vụ khác (transfer)", cmd_transfer)
    t.add_argument("--to", required=True, help="mã dịch vụ mới")
    t.add_argument("--number", help="chuyển số đang chờ này thay cho số đang phục vụ")
    ls = _action(ts, "list", "danh sách số hôm nay (today's tickets)", cmd_list, counter=False)
    ls.add_argument("--counter", type=int, help="chỉ các dịch vụ của quầy này")
    o = _action(ts, "settings", "tùy chọn hàng đợi (supervisor)", cmd_settings, counter=False)
    o.set_defaults(requires_role=_changes_settings)
    o.add_argument("--recalls", type=int, help="số lần gọi lại trước khi được đánh dấu vắng mặt (0–10)")
    o.add_argument("--voice", choices=["clips", "tts", "off"], help="màn hình chờ: đọc bằng đoạn ghi âm, TTS, tắt")
    o.add_argument("--chime", choices=["on", "off"], help="tiếng chuông trước mỗi lần gọi")
    st = _action(ts, "stats", "thống kê hàng đợi (statistics)", cmd_stats, counter=False)
    st.add_argument("--from", dest="first", help="từ ngày YYYY-MM-DD (mặc định hôm nay)")
    st.add_argument("--to", dest="last", help="đến ngày YYYY-MM-DD")
    st.add_argument("--this-pc", action="store_true",
                    help="chỉ số liệu của máy này (bộ phận có máy chủ hàng đợi: mặc định là số liệu của máy chủ)")


def _register_service(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("service", help="dịch vụ của hàng đợi (queue services)")
    ss = p.add_subparsers(dest="service_command", metavar="ACTION", required=True)
    ls = _action(ss, "list", "danh sách dịch vụ", cmd_service_list, counter=False)
    ls.add_argument("--all", action="store_true", help="cả dịch vụ đã ngừng")
    for name, help_text in (("add", "thêm dịch vụ (supervisor)"), ("edit", "sửa dịch vụ (supervisor)")):
        a = _action(ss, name, help_text, cmd_service_save, counter=False)
        a.set_defaults(requires_role="supervisor")
        a.add_argument("code", help="chữ cái A–Z")
        a.add_argument("name", nargs="?" if name == "edit" else None, help="tên dịch vụ")
        a.add_argument("--name-en", default=None)
        a.add_argument("--inactive", action="store_true", help="ngừng cấp số cho dịch vụ này")


def _register_counter(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("counter", help="quầy và dịch vụ của quầy (counters)")
    cs = p.add_subparsers(dest="counter_command", metavar="ACTION", required=True)
    _action(cs, "list", "danh sách quầy", cmd_counter_list, counter=False)
    s = _action(cs, "set", "giao dịch vụ cho quầy (supervisor)", cmd_counter_set, counter=False)
    s.set_defaults(requires_role="supervisor")
    s.add_argument("counter", type=int)
    s.add_argument("--services", required=True, help="các mã dịch vụ, ví dụ A,B (rỗng: không phục vụ)")
    s.add_argument("--name", default="")


def _changes_settings(args: argparse.Namespace) -> str | None:
    """Reading the queue options is everyday work; changing them is a supervisor's."""
    return "supervisor" if (args.recalls, args.voice, args.chime) != (None, None, None) else None


# -- tickets --------------------------------------------------------------------------------------------------
def _queue(ctx: CliContext) -> tuple[Any, Any]:
    """The services and the queue this device works with: its own, or the office hub's when enrolled with one."""
    from app.services.queue_backend import queue_for

    svc = ctx.services()
    return svc, queue_for(svc)


def _hub_down_note(ctx: CliContext, q: Any) -> None:
    """Say so when the office hub could not be reached and this PC worked on its own tickets."""
    if getattr(q, "degraded", False):
        print(
            ctx.t(
                "Chú ý: không kết nối được máy chủ hàng đợi (hub); máy này cấp và gọi số riêng của mình.",
                "Note: the queue hub cannot be reached; this PC issues and calls its own numbers.",
            ),
            file=sys.stderr,
        )


def cmd_issue(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    r = q.issue_ticket(svc, args.service, args.priority or "", source="cli")
    _hub_down_note(ctx, q)
    flag = ctx.t(" (ưu tiên)", " (priority)") if r.ticket.priority else ""
    ctx.emit(
        r.to_dict(),
        ctx.t(
            f"Số {r.ticket.number}{flag} — {r.service_name}; {r.ahead} người chờ trước, khoảng {r.wait_minutes} phút",
            f"Ticket {r.ticket.number}{flag} — {r.service_name}; {r.ahead} ahead, about {r.wait_minutes} min",
        ),
    )
    return 0


def _call_text(ctx: CliContext, data: dict[str, Any], verb_vi: str, verb_en: str) -> str:
    closed = data.get("closed")
    tail = ctx.t(f" (xong {closed})", f" ({closed} done)") if closed else ""
    return ctx.t(
        f"{verb_vi} số {data['number']} đến quầy {data['counter']}{tail}",
        f"{verb_en} {data['number']} to counter {data['counter']}{tail}",
    )


def cmd_call(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    r = q.call_ticket(svc, args.counter, args.number) if args.number else q.call_next(svc, args.counter)
    _hub_down_note(ctx, q)
    ctx.emit(r.to_dict(), _call_text(ctx, r.to_dict(), "Mời", "Calling"))
    return 0


def cmd_recall(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    r = q.recall(svc, args.counter)
    ctx.emit(r.to_dict(), _call_text(ctx, r.to_dict(), f"Gọi lại lần {r.ticket.recalls}:", "Recalling"))
    return 0


def _closed(ctx: CliContext, ticket: Any, vi: str, en: str) -> int:
    ctx.emit(ticket.to_dict(), ctx.t(f"Số {ticket.number}: {vi}", f"Ticket {ticket.number}: {en}"))
    return 0


def cmd_no_show(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    return _closed(ctx, q.no_show(svc, args.counter).ticket, "vắng mặt", "no-show")


def cmd_finish(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    return _closed(ctx, q.finish(svc, args.counter).ticket, "đã phục vụ xong", "served")


def cmd_transfer(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    t = q.transfer(svc, args.counter, args.to, args.number).ticket
    return _closed(ctx, t, f"chuyển sang dịch vụ {t.letter}", f"moved to service {t.letter}")


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    rows = q.waiting_for(svc, args.counter)
    data: list[dict[str, Any]] = [
        {
            "number": t.number,
            "service": t.letter,
            "priority": t.priority,
            "priority_group": t.priority_group,
            "issued_at": t.issued_at,
            "position": i + 1,
        }
        for i, t in enumerate(rows)
    ]
    lines = [
        f"{d['position']:>3}. {d['number']}  {d['service']}{'  ƯU TIÊN' if d['priority'] else ''}"
        f"  {d['issued_at'][11:16]}"
        for d in data
    ]
    ctx.emit(data, lines or [ctx.t("(không có ai đang chờ)", "(nobody is waiting)")])
    return 0


def _day(text: str | None, default: str) -> str:
    from app.domain.errors import ValidationError

    if not text:
        return default
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(
            "date", f"“{text}” không phải ngày hợp lệ (YYYY-MM-DD)", f"“{text}” is not a valid date (YYYY-MM-DD)"
        ) from None


def cmd_stats(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.queue_backend import office_stats

    svc = ctx.services()
    first = _day(args.first, svc.clock.now().date().isoformat())
    data = office_stats(svc, first, _day(args.last, first), this_pc=args.this_pc)

    def line(name: str, f: dict[str, Any]) -> str:
        wait = f["avg_wait_seconds"]
        serve = f["avg_service_seconds"]
        return (
            f"{name:<12} {ctx.t('cấp', 'issued')} {f['issued']:>4}  {ctx.t('xong', 'served')} {f['served']:>4}"
            f"  {ctx.t('vắng', 'no-show')} {f['no_show']:>3}"
            + (f"  {ctx.t('chuyển hub', 'to hub')} {f['handed_over']:>3}" if f["handed_over"] else "")
            + f"  {ctx.t('chờ TB', 'avg wait')} "
            f"{'-' if wait is None else round(wait / 60)}′  {ctx.t('phục vụ TB', 'avg service')} "
            f"{'-' if serve is None else round(serve / 60)}′"
        )

    where = (ctx.t("cả bộ phận, theo máy chủ hàng đợi", "the whole office, from the queue hub")
             if data["source"] == "hub" else ctx.t("máy này", "this PC"))
    lines = [f"{data['from']} – {data['to']} ({where})", line(ctx.t("Tổng", "Total"), data["total"])]
    lines += [line(f"{ctx.t('Dịch vụ', 'Service')} {k}", f) for k, f in data["service"].items()]
    lines += [line(f"{ctx.t('Quầy', 'Counter')} {k}", f) for k, f in data["counter"].items()]
    lines += [line(k, f) for k, f in data["clerk"].items()]
    ctx.emit(data, lines)
    return 0


def cmd_settings(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    chime = None if args.chime is None else args.chime == "on"
    if _changes_settings(args):
        q.set_options(svc, recalls_before_no_show=args.recalls, voice=args.voice, chime=chime)
    data = q.get_settings(svc)
    ctx.emit(data, [f"{key}: {value}" for key, value in data.items()])
    return 0


# -- services and counters ----------------------------------------------------------------------------------
def cmd_service_list(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    rows = q.list_services(svc, include_inactive=args.all)
    off = ctx.t(" (ngừng)", " (inactive)")
    ctx.emit(rows, [f"{r['letter']}  {r['name']}{'' if r['active'] else off}" for r in rows])
    return 0


def cmd_service_save(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.queue import validate_letter

    svc, q = _queue(ctx)
    known = {r["letter"]: r for r in q.list_services(svc, include_inactive=True)}
    current = known.get(validate_letter(args.code)) if args.service_command == "edit" else None
    if args.service_command == "edit" and current is None:
        from app.domain.errors import ValidationError

        raise ValidationError("service", f"không có dịch vụ “{args.code}”", f"there is no service “{args.code}”")
    name = args.name or (current["name"] if current else "")
    name_en = args.name_en if args.name_en is not None else (current["name_en"] if current else "")
    q.save_service(svc, args.code, name, name_en, active=not args.inactive)
    letter = args.code.strip().upper()
    ctx.emit(
        {"letter": letter, "name": name, "active": not args.inactive},
        ctx.t(f"Đã lưu dịch vụ {letter} — {name}", f"Saved service {letter} — {name}"),
    )
    return 0


def cmd_counter_list(args: argparse.Namespace, ctx: CliContext) -> int:
    svc, q = _queue(ctx)
    rows = q.list_counters(svc)
    ctx.emit(
        rows,
        [
            f"{ctx.t('Quầy', 'Counter')} {r['counter']:>2}  {', '.join(r['letters']) or '—'}  {r['name']}".rstrip()
            for r in rows
        ],
    )
    return 0


def cmd_counter_set(args: argparse.Namespace, ctx: CliContext) -> int:
    letters = [x for x in args.services.replace(" ", "").split(",") if x]
    svc, q = _queue(ctx)
    q.set_counter(svc, args.counter, letters, args.name)
    ctx.emit(
        {"counter": args.counter, "letters": [x.upper() for x in letters]},
        ctx.t(
            f"Quầy {args.counter}: {', '.join(letters) or 'không phục vụ'}",
            f"Counter {args.counter}: {', '.join(letters) or 'serves nothing'}",
        ),
    )
    return 0
