"""``motcua scan``: list and choose the scanner, scan pages into a document, or import a "scan to folder" folder."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="quét trang vào thành phần hồ sơ (scan pages into a dossier document)")
    p.add_argument("code", nargs="?", help="mã hồ sơ")
    p.add_argument("--document", type=int, default=1, help="số dòng trong danh mục thành phần hồ sơ")
    p.add_argument("--pages", type=int, default=1, help="số trang quét liền (khay nạp giấy)")
    p.add_argument("--list", action="store_true", help="liệt kê máy quét (list scanners)")
    p.add_argument("--choose", metavar="DEVICE", help="chọn máy quét dùng từ nay (save the scanner)")
    p.add_argument("--resolution", type=int, default=300)
    p.add_argument("--mode", default="grey", help="grey | bw | colour")
    p.add_argument("--source", default="", help="ví dụ “Automatic Document Feeder”")
    p.add_argument(
        "--option", action="append", default=[], help="tùy chọn riêng của máy, ví dụ --option=--test-picture=Grid"
    )
    p.add_argument("--hot-folder", type=Path, help="thư mục máy photocopy lưu bản quét (scan-to-folder)")
    p.add_argument("--once", action="store_true", help="nhận các tệp đang có rồi dừng (không chờ thêm)")
    p.add_argument("--settle", type=float, default=1.0, help="giây tệp không đổi cỡ trước khi nhận")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_scan)


def cmd_scan(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.errors import ValidationError

    if args.list:
        return _list(ctx)
    if args.choose is not None:
        return _choose(args, ctx)
    if not args.code:
        raise ValidationError("code", "hãy cho mã hồ sơ cần quét vào", "give the dossier code to scan into")
    if args.hot_folder is not None:
        return _hot_folder(args, ctx)
    if not 1 <= args.pages <= 200:
        raise ValidationError("pages", "số trang phải từ 1 đến 200", "pages must be 1–200")
    from app.services.scanning import scan_into

    doc = scan_into(ctx.services(), args.code, args.document, args.pages)
    ctx.emit(
        asdict(doc),
        ctx.t(
            f"Đã quét {args.pages} trang; {doc.name}: {doc.pages} trang",
            f"Scanned {args.pages} page(s); {doc.name}: {doc.pages} pages",
        ),
    )
    return 0


def _list(ctx: CliContext) -> int:
    from app.scanning.sane import list_devices

    devices = list_devices()
    ctx.emit(
        [asdict(d) for d in devices],
        [f"{d.name}  {d.vendor} {d.model} ({d.kind})" for d in devices]
        or [ctx.t("(không thấy máy quét)", "(no scanner)")],
    )
    return 0


def _choose(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.scanning import choose_scanner

    value = choose_scanner(
        ctx.services(),
        args.choose,
        args.resolution,
        args.mode,
        args.source,
        str(args.hot_folder or ""),
        tuple(args.option),
    )
    ctx.emit(value, ctx.t(f"Đã chọn máy quét {value['device']}", f"Scanner set to {value['device']}"))
    return 0


def _hot_folder(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.scanning import import_hot_folder

    report = import_hot_folder(
        ctx.services(),
        args.code,
        args.document,
        args.hot_folder,
        once=args.once,
        settle_seconds=args.settle,
        lang=ctx.lang,
    )
    data = {
        "attached": report.attached,
        "rejected": [{"file": f, "reason": r} for f, r in report.rejected],
        "document": asdict(report.document) if report.document else None,
    }
    lines = [ctx.t(f"Đã nhận {len(report.attached)} tệp", f"Attached {len(report.attached)} file(s)")]
    lines += [f"  ✗ {r}" for _, r in report.rejected]
    ctx.emit(data, lines)
    return 2 if report.rejected else 0
