"""``motcua calendar …``: see and edit the working-day calendar that due dates are counted on."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calendar", help="lịch ngày nghỉ (holiday calendar)")
    cs = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    ls = cs.add_parser("list", help="các ngày nghỉ / làm bù của một năm")
    ls.add_argument("--year", type=int, required=True)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_list)
    st = cs.add_parser("set-day", help="khai báo ngày nghỉ hoặc ngày làm bù")
    st.add_argument("date")
    st.add_argument("--kind", default="holiday", help="holiday | compensatory | swapped_off | makeup_workday")
    st.add_argument("--name", required=True)
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=cmd_set_day, requires_role="supervisor")
    rm = cs.add_parser("remove-day", help="bỏ một ngày khỏi lịch")
    rm.add_argument("date")
    rm.add_argument("--json", action="store_true")
    rm.set_defaults(handler=cmd_remove_day, requires_role="supervisor")
    im = cs.add_parser("import", help="nhập lịch đã công bố từ tệp JSON (định dạng holidays.json): các năm có "
                       "trong tệp được thay, các năm khác giữ nguyên (import the years of an announced calendar file)")
    im.add_argument("file", type=Path)
    im.add_argument("--json", action="store_true")
    im.set_defaults(handler=cmd_import, requires_role="supervisor")


def _date(text: str):
    from datetime import date

    from app.cli.dossier_cmds import _parse_date

    return date.fromisoformat(_parse_date(text))


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.calendar import check_year
    from app.services.calendar_source import load_calendar

    check_year(args.year)
    cal = load_calendar(ctx.services().store)
    entries = cal.entries(args.year)
    data = {
        "year": args.year,
        "status": cal.year_status(args.year),
        "entries": [
            {"date": e.day.isoformat(), "kind": str(e.kind), "name_vi": e.name_vi, "provisional": e.provisional}
            for e in entries
        ],
    }
    head = ctx.t(
        f"Năm {args.year}: {'tạm tính' if data['status'] == 'provisional' else 'đã công bố'}",
        f"Year {args.year}: {data['status']}",
    )
    lines = [head] + [
        f"{e.day:%d/%m/%Y} {e.day:%a}  {e.kind!s:<15} {e.name_vi}{' (tạm tính)' if e.provisional else ''}"
        for e in entries
    ]
    ctx.emit(data, lines)
    return 0


def cmd_set_day(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.calendar_admin import set_day

    day = _date(args.date)
    set_day(ctx.services(), day, args.kind, args.name)
    ctx.emit({"date": day.isoformat(), "kind": args.kind}, ctx.t(f"Đã cập nhật ngày {day:%d/%m/%Y}", f"Updated {day}"))
    return 0


def cmd_remove_day(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.calendar_admin import remove_day

    day = _date(args.date)
    remove_day(ctx.services(), day)
    ctx.emit({"date": day.isoformat()}, ctx.t(f"Đã bỏ ngày {day:%d/%m/%Y}", f"Removed {day}"))
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.calendar_file import import_calendar_file

    years = import_calendar_file(ctx.services(), args.file).extra["years"]
    listed = ", ".join(str(y) for y in years)  # type: ignore[attr-defined]
    ctx.emit({"imported": str(args.file), "years": years},
             ctx.t(f"Đã thay lịch năm {listed} từ {args.file}; các năm khác giữ nguyên",
                   f"Replaced the calendar of {listed} from {args.file}; other years unchanged"))
    return 0
