"""``motcua export daily|range|apology`` and ``motcua report stats``: the log book (form 07), the statistics and
the form 04 letters, for scripts and for the province's requests.

The same use cases as the supervisor view (:mod:`app.reports.service`), which refuse a clerk; the CLI runs as
the OS account's admin actor, so it is allowed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from app.cli.personal_output import personal_output

FORMATS = ("pdf", "xlsx", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="xuất sổ theo dõi hồ sơ, thống kê (export the log book, statistics)")
    es = e.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    d = _export(es, "daily", "một ngày (one day)")
    d.add_argument("--date", required=True, help="ngày YYYY-MM-DD")
    r = _export(es, "range", "một khoảng ngày (a range of days)")
    r.add_argument("--from", dest="first", required=True, help="từ ngày YYYY-MM-DD")
    r.add_argument("--to", dest="last", required=True, help="đến ngày YYYY-MM-DD")
    a = es.add_parser("apology", help="thư xin lỗi, gia hạn (form 04) cho hồ sơ quá hạn")
    a.add_argument("code", help="mã hồ sơ")
    a.add_argument("--out", required=True, type=Path)
    a.add_argument("--force", action="store_true", help="ghi đè tệp đã có (overwrite an existing file)")
    a.add_argument("--reason", default="", help="lý do chậm (mặc định: cần thêm thời gian thẩm định)")
    a.add_argument("--unit", default="", help="đơn vị làm chậm (mặc định: đơn vị này)")
    a.add_argument("--new-due", help="hẹn mới ISO, ví dụ 2026-12-04T17:00 (mặc định: 3 ngày làm việc)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_apology, requires_role="supervisor")

    p = sub.add_parser("report", help="số liệu thống kê (statistics)")
    ps = p.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    s = ps.add_parser("stats", help="hồ sơ đúng hạn, chỉ số hài lòng, hàng đợi (on time, satisfaction, queue)")
    s.add_argument("--from", dest="first", required=True, help="từ ngày YYYY-MM-DD")
    s.add_argument("--to", dest="last", required=True, help="đến ngày YYYY-MM-DD")
    _filters(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_stats, requires_role="supervisor")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--clerk", help="tên đăng nhập cán bộ tiếp nhận")
    p.add_argument("--procedure", help="mã thủ tục")
    p.add_argument("--channel", choices=("counter", "online", "post"))
    p.add_argument("--service", help="chữ cái dịch vụ hàng đợi (A, B, …)")


def _export(group: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:
    p = group.add_parser(name, help=help_text)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--what", choices=("log", "stats"), default="log",
                   help="log: sổ theo dõi hồ sơ (mẫu 07); stats: thống kê (xlsx, csv)")
    p.add_argument("--out", required=True, type=Path, help="tệp kết quả (output file)")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có (overwrite an existing file)")
    _filters(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export, requires_role="supervisor")
    return p


def _scope(args: argparse.Namespace) -> Any:
    from app.reports.service import make_scope, parse_day

    if getattr(args, "date", None):
        first = last = parse_day(args.date)
    else:
        first, last = parse_day(args.first), parse_day(args.last)
    return make_scope(first, last, clerk=args.clerk, procedure_code=args.procedure, channel=args.channel,
                      service=args.service.upper() if args.service else None)


def _write(ctx: CliContext, args: argparse.Namespace, data: bytes) -> int:
    from app.services.output_files import write_output

    out = write_output(args.out, data, ctx.data_dir, args.force)
    ctx.emit({"out": str(out), "bytes": len(data)}, ctx.t(f"Đã ghi {out} ({len(data)} byte)",
                                                          f"Wrote {out} ({len(data)} bytes)"))
    return 0


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.reports.service import export_log, export_stats_named

    services = ctx.services()
    scope = _scope(args)
    named: list[str] = []
    if args.what == "stats":  # its overdue and due-soon lists name citizens too, some from before the range
        data, named, missing = export_stats_named(services, scope, args.format, lang=ctx.lang)
        if missing:  # the file is written all the same: the rest of the statistics is there
            sys.stderr.write(ctx.t("Cảnh báo: ", "Warning: ") + missing + "\n")
    else:
        data = export_log(services, scope, args.format)
    document = f"stats.{args.format}" if args.what == "stats" else f"form07.{args.format}"
    return personal_output(ctx, args.out, lambda: _write(ctx, args, data), document=document,
                           days=(scope.first_day, scope.last_day), named=named)


def cmd_apology(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.errors import ValidationError
    from app.domain.timezone import to_vn
    from app.services.apology import apology_letter

    new_due = None
    if args.new_due:
        try:
            new_due = to_vn(datetime.fromisoformat(args.new_due))
        except ValueError:
            raise ValidationError("date", f"“{args.new_due}” không phải ngày giờ ISO",
                                  f"“{args.new_due}” is not an ISO date-time") from None
    data = apology_letter(ctx.services(), args.code, new_due=new_due, reason=args.reason, unit=args.unit)
    return personal_output(ctx, args.out, lambda: _write(ctx, args, data), document="form04", code=args.code)


def cmd_stats(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.ontime import OnTimeClass
    from app.reports.service import report_stats
    from app.reports.stats import rate_text as _pct

    stats = report_stats(ctx.services(), _scope(args))
    sat = stats["satisfaction"]
    lines = [
        ctx.t(f"Từ {stats['from']} đến {stats['to']} (tính đến {stats['as_of']})",
              f"From {stats['from']} to {stats['to']} (as of {stats['as_of']})"),
        ctx.t(f"Tiếp nhận: {stats['received']} · giải quyết xong trong kỳ: {stats['finished_in_range']}"
              f" · trả kết quả: {stats['returned_in_range']}",
              f"Received: {stats['received']} · finished in range: {stats['finished_in_range']}"
              f" · returned: {stats['returned_in_range']}"),
        *[f"  {OnTimeClass(c).label(ctx.lang)}: {n}" for c, n in stats["classes"].items()],
        ctx.t(f"Tỷ lệ đúng hạn: {_pct(stats['on_time_rate'])} · chỉ số hài lòng: {_pct(sat['index'])}",
              f"On-time rate: {_pct(stats['on_time_rate'])} · satisfaction index: {_pct(sat['index'])}"),
        ctx.t(f"Quá hạn: {stats['overdue_count']} · sắp đến hạn: {len(stats['due_soon'])}",
              f"Overdue: {stats['overdue_count']} · due soon: {len(stats['due_soon'])}"),
    ]
    lines.append(_queue_line(ctx, stats["queue"]))
    ctx.emit(stats, lines)
    return 0


def _queue_line(ctx: CliContext, queue: dict[str, Any]) -> str:
    """The queue part in one line: whose figures, or why there are none."""
    if not queue.get("available", True):
        return ctx.t(f"Hàng đợi: không có số liệu – {queue['reason']}", f"Queue: no figures – {queue['reason_en']}")
    where = (ctx.t("cả bộ phận, theo máy chủ hàng đợi", "the whole office, from the queue hub")
             if queue.get("source") == "hub" else ctx.t("máy này", "this PC"))
    total = queue["total"]
    return ctx.t(f"Hàng đợi ({where}): phát số {total['issued']} · gọi {total['called']} · "
                 f"đã phục vụ {total['served']}",
                 f"Queue ({where}): issued {total['issued']} · called {total['called']} · served {total['served']}")
