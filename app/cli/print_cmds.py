"""``motcua print …``: receipts, forms 02–06, queue tickets, the post-office hand-over list and a test page.

The same records and layouts as the app (``app.services.print_data`` → ``app.printing``); documents are written to
``--out`` so a script can archive or send them, and ``test-page`` goes through the configured printers.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from app.cli.personal_output import personal_output

FORMS = ("02", "03", "04", "05", "06")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="in giấy tờ (print documents)")
    ps = p.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)

    r = _document(ps, "receipt", "giấy tiếp nhận, hẹn trả (form 01)", cmd_receipt)
    r.add_argument("code", help="mã hồ sơ")
    r.add_argument("--paper", choices=("a5", "a4"), default="a5")

    f = _document(ps, "form", "biểu mẫu 02–06 (forms 02–06)", cmd_form)
    f.add_argument("number", choices=FORMS, help="số mẫu: 02 bổ sung, 03 từ chối, 04 xin lỗi, 05 dừng, 06 kiểm soát")
    f.add_argument("code", help="mã hồ sơ")
    f.add_argument("--paper", choices=("a5", "a4"), default="a5")
    f.add_argument("--reason", default="", help="lý do (mặc định: lý do đã ghi khi chuyển trạng thái)")
    f.add_argument("--unit", default="", help="mẫu 04: đơn vị làm chậm")
    f.add_argument("--new-due", help="mẫu 04: ngày giờ hẹn mới ISO, ví dụ 2026-12-02T15:00")

    t = _document(ps, "ticket", "phiếu số thứ tự (queue ticket)", cmd_ticket)
    t.add_argument("number", help="số thứ tự hôm nay, ví dụ A012 (hoặc nội dung mã QR trên phiếu)")
    t.add_argument("--format", choices=("pdf", "escpos"), default="pdf")
    t.add_argument("--width", type=int, choices=(58, 80), default=58, help="khổ giấy cuộn, mm")

    h = _document(ps, "handover", "bảng kê giao nhận hồ sơ bưu điện (post-office hand-over list)", cmd_handover)
    h.add_argument("--date", required=True, help="ngày tiếp nhận YYYY-MM-DD")
    h.add_argument("--sender", default="", help="tên bưu cục giao")
    h.add_argument("--batch", default="", help="số lô")
    h.add_argument("--seal", default="", help="số niêm phong")

    tp = ps.add_parser("test-page", help="in trang thử (print a test page)")
    tp.add_argument("--printer", help="tên máy in đã cài (mặc định: máy in cho trang thử, hoặc tệp PDF)")
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=cmd_test_page)


def _document(group: argparse._SubParsersAction, name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
    p = group.add_parser(name, help=help_text)
    p.add_argument("--out", required=True, type=Path, help="tệp kết quả (output file)")
    p.add_argument("--force", action="store_true", help="ghi đè tệp đã có (overwrite an existing file)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=handler)
    return p


def _write(ctx: CliContext, args: argparse.Namespace, data: bytes, what_vi: str, what_en: str) -> int:
    from app.services.output_files import write_output

    out = write_output(args.out, data, ctx.data_dir, args.force)
    ctx.emit(
        {"file": str(out), "bytes": len(data)},
        ctx.t(f"Đã ghi {what_vi} vào {out}", f"Wrote {what_en} to {out}"),
    )
    return 0


def _parse(text: str, parse: Any, example: str) -> Any:
    """``parse(text)`` (``date.fromisoformat`` or ``datetime.fromisoformat``), or a ValidationError on "date"."""
    from app.domain.errors import ValidationError

    try:
        return parse(text)
    except ValueError:
        raise ValidationError(
            "date", f"“{text}” không hợp lệ (ví dụ {example})", f"“{text}” is not valid (e.g. {example})"
        ) from None


def cmd_receipt(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.printing.form01 import render_receipt
    from app.services.print_data import receipt

    data = receipt(ctx.services(), args.code)
    pdf = render_receipt(data, args.paper)
    return personal_output(ctx, args.out, lambda: _write(ctx, args, pdf, f"giấy tiếp nhận {args.code.upper()}",
                           f"receipt {args.code.upper()}"), document="form01", code=args.code)


def cmd_form(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.printing.service import SHEET_RENDERERS
    from app.services.print_data import form

    new_due = _parse(args.new_due, datetime.fromisoformat, "2026-12-02T15:00") if args.new_due else None
    data = form(ctx.services(), args.number, args.code, reason=args.reason, unit=args.unit, new_due=new_due)
    pdf = SHEET_RENDERERS[f"form{args.number}"](data, args.paper)
    return personal_output(ctx, args.out, lambda: _write(ctx, args, pdf, f"mẫu {args.number} của hồ sơ "
                           f"{data.dossier_code}", f"form {args.number}"), document=f"form{args.number}",
                           code=data.dossier_code)


def cmd_ticket(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.printing.ticket import render_ticket_escpos, render_ticket_pdf
    from app.services.print_data import ticket

    data = ticket(ctx.services(), args.number)
    render = render_ticket_escpos if args.format == "escpos" else render_ticket_pdf
    return _write(ctx, args, render(data, args.width), f"phiếu số {data.number}", f"ticket {data.number}")


def cmd_handover(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.printing.handover import render_handover
    from app.services.print_data import handover

    day = _parse(args.date, date.fromisoformat, "2026-11-16")
    data = handover(ctx.services(), day, sender=args.sender, batch=args.batch, seal=args.seal)
    pdf = render_handover(data)
    count = len(data.items)
    return personal_output(ctx, args.out, lambda: _write(ctx, args, pdf, f"bảng kê {count} hồ sơ",
                           f"hand-over list of {count} dossiers"), document="handover", days=(str(day), str(day)))


def cmd_test_page(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.printing.service import PrintService
    from app.services.print_data import print_settings

    svc = ctx.services()
    done = PrintService(print_settings(svc)).print_test_page(args.printer, svc.clock.now())
    where = str(done.path) if done.path else done.printer
    ctx.emit(
        {"printer": done.printer, "backend": done.backend, "bytes": done.size, "file": str(done.path or "")},
        ctx.t(f"Đã in trang thử: {where}", f"Test page printed: {where}"),
    )
    return 0
