"""``motcua dossier attach|attachments|pages`` and ``motcua attachments …``: a dossier's scanned pages.

The dossier sub-commands are added to the ``dossier`` group by :func:`register_dossier` (one hook line in
``dossier_cmds``); the supervisor's figures (disk usage, check, clean-up, upload) form their own group.
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import asdict
from functools import partial
from pathlib import Path

from app.cli.context import CliContext
from app.cli.personal_output import personal_output

_MODES = ("auto", "grey", "bw", "colour")


def register_dossier(ds: argparse._SubParsersAction) -> None:
    a = ds.add_parser("attach", help="đính kèm trang từ tệp ảnh/PDF (attach pages from files)")
    a.add_argument("code")
    a.add_argument("files", nargs="+", type=Path, help="ảnh (JPG, PNG, TIFF…) hoặc PDF, theo thứ tự trang")
    a.add_argument("--document", type=int, default=1, help="số dòng trong danh mục thành phần hồ sơ (1, 2, …)")
    a.add_argument("--mode", choices=_MODES, default="auto", help="xám / đen trắng / màu (mặc định: tự nhận)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_attach)

    ls = ds.add_parser("attachments", help="các trang đã số hóa của hồ sơ (scanned pages of a dossier)")
    ls.add_argument("code")
    ls.add_argument("--export", type=Path, help="ghi PDF của từng thành phần vào thư mục này")
    ls.add_argument("--json", action="store_true")
    # taking a citizen's scanned papers off the PC is an export, a supervisor's like the log book's (DESIGN.md)
    ls.set_defaults(handler=cmd_list, requires_role=lambda a: "supervisor" if a.export else None)

    p = ds.add_parser("pages", help="xoay / xóa / sắp xếp trang (rotate, delete, reorder pages)")
    p.add_argument("code")
    p.add_argument("--document", type=int, required=True)
    op = p.add_mutually_exclusive_group(required=True)
    op.add_argument("--rotate", type=int, metavar="PAGE", help="xoay trang này 90° theo chiều kim đồng hồ")
    op.add_argument("--delete", type=int, metavar="PAGE", help="xóa trang này")
    op.add_argument("--order", help="thứ tự mới, ví dụ 2,1,3")
    p.add_argument("--degrees", type=int, default=90)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_pages)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("attachments", help="tệp đính kèm: dung lượng, kiểm tra, tải lên (attachment storage)")
    grp = p.add_subparsers(dest="attachments_command", metavar="ACTION", required=True)
    u = grp.add_parser("usage", help="dung lượng đĩa của các trang đã số hóa (disk usage)")
    u.add_argument("--json", action="store_true")
    u.set_defaults(handler=cmd_usage)
    c = grp.add_parser("check", help="mọi tệp được tham chiếu đều có và đúng mã băm (verify files)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=cmd_check)
    g = grp.add_parser("clean", help="xóa tệp không còn được tham chiếu (remove unreferenced files)")
    g.add_argument("--json", action="store_true")
    g.set_defaults(handler=cmd_clean)
    up = grp.add_parser("upload", help="gửi các trang chờ lên máy chủ trung tâm, sau các sự kiện (upload)")
    up.add_argument("--max-seconds", type=float, help="dừng sau chừng này giây (tiếp tục lần sau)")
    up.add_argument("--json", action="store_true")
    up.set_defaults(handler=cmd_upload)


def _document_dict(doc: object) -> dict:
    return asdict(doc)  # type: ignore[call-overload]


def _doc_line(ctx: CliContext, d: object) -> str:
    data = _document_dict(d)
    state = data["upload_state"] or "-"
    return ctx.t(
        f"{data['position']}. {data['name']}: {data['pages']} trang, {data['bytes'] // 1024} KB, tải lên: {state}",
        f"{data['position']}. {data['name']}: {data['pages']} pages, {data['bytes'] // 1024} KB, upload: {state}",
    )


def cmd_attach(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.attachments import attach_files

    svc = ctx.services()
    doc = attach_files(svc, args.code, args.files, args.document, args.mode)
    ctx.emit(_document_dict(doc), [ctx.t("Đã đính kèm.", "Attached."), _doc_line(ctx, doc)])
    return 0


def _export(ctx: CliContext, path: Path, data: bytes) -> int:
    from app.services.output_files import write_output

    write_output(path, data, ctx.data_dir, force=True)  # a second export of the dossier replaces its own files
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.attachments import document_pages, document_pdf

    svc = ctx.services()
    docs = document_pages(svc, args.code)
    exported: list[str] = []
    if args.export:
        # The scanned pages are a citizen's papers: the folder follows every --out's rules (not the data folder,
        # not through a link, not created with its parents: a pulled-out USB stick), and each file is recorded.
        if args.export.parent.is_dir() and not args.export.exists():
            with contextlib.suppress(OSError):  # read-only: said by the write below, naming the folder
                args.export.mkdir()
        for d in docs:
            pdf = document_pdf(svc, args.code, d.position) if d.pages else None
            if pdf:
                path = args.export / f"{args.code.strip().upper()}-{d.position:02d}.pdf"
                personal_output(ctx, path, partial(_export, ctx, path, pdf), document="attachment", code=args.code)
                exported.append(str(path))
    total = sum(d.bytes for d in docs)
    data = {"code": args.code.strip().upper(), "documents": [_document_dict(d) for d in docs], "bytes": total}
    if args.export:
        data["exported"] = exported
    lines = [_doc_line(ctx, d) for d in docs] or [ctx.t("(không có thành phần hồ sơ)", "(no documents)")]
    ctx.emit(data, [*lines, *exported])
    return 0


def cmd_pages(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain.errors import ValidationError
    from app.services import attachments as svc_att

    svc = ctx.services()
    if args.rotate is not None:
        doc = svc_att.rotate_page(svc, args.code, args.document, args.rotate, args.degrees)
    elif args.delete is not None:
        doc = svc_att.delete_page(svc, args.code, args.document, args.delete)
    else:
        try:
            order = [int(x) for x in args.order.split(",")]
        except ValueError:
            raise ValidationError(
                "page", f"“{args.order}” không phải danh sách số trang (ví dụ 2,1,3)", "not a page list (e.g. 2,1,3)"
            ) from None
        doc = svc_att.reorder_pages(svc, args.code, args.document, order)
    ctx.emit(_document_dict(doc), _doc_line(ctx, doc))
    return 0


def cmd_usage(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.attachments import usage

    u = usage(ctx.services())
    ctx.emit(
        u,
        ctx.t(
            f"{u['documents']} thành phần, {u['pages']} trang, {u['disk_bytes'] / 1048576:.1f} MB trên đĩa"
            f" ({u['files_on_disk']} tệp); chờ tải lên: {u['pending']} ({u['pending_bytes'] // 1024} KB)",
            f"{u['documents']} documents, {u['pages']} pages, {u['disk_bytes'] / 1048576:.1f} MB on disk"
            f" ({u['files_on_disk']} files); waiting to upload: {u['pending']} ({u['pending_bytes'] // 1024} KB)",
        ),
    )
    return 0


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.attachments import check

    bad = check(ctx.services())
    ctx.emit({"problems": bad}, [f"{b['sha256']}: {b['problem']}" for b in bad] or [ctx.t("Tốt.", "All good.")])
    return 3 if bad else 0


def cmd_clean(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.attachments import collect_garbage

    n = collect_garbage(ctx.services())
    ctx.emit({"removed": n}, ctx.t(f"Đã xóa {n} tệp không dùng", f"Removed {n} unused files"))
    return 0


def cmd_upload(args: argparse.Namespace, ctx: CliContext) -> int:
    from dataclasses import asdict as plain

    from app.services.attachment_sync import upload_pending

    svc = ctx.services()
    report = upload_pending(svc.store, svc.data_dir, args.max_seconds)
    lines = [
        ctx.t(
            f"Đã gửi xong {len(report.completed)} tài liệu ({report.bytes_sent // 1024} KB)",
            f"Uploaded {len(report.completed)} document(s) ({report.bytes_sent // 1024} KB)",
        )
    ]
    if report.yielded_to_events:
        lines.append(
            ctx.t(
                "Dừng lại nhường cho sự kiện hồ sơ đang chờ gửi (chạy “motcua sync” trước)",
                "Stopped: dossier events are waiting (run “motcua sync” first)",
            )
        )
    if report.deferred:
        lines.append(
            ctx.t(
                f"{len(report.deferred)} tài liệu chờ máy chủ nhận hồ sơ trước",
                f"{len(report.deferred)} document(s) wait for the server to have their dossier",
            )
        )
    ctx.emit(plain(report), lines)
    return 0
