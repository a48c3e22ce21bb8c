"""``motcua audit verify``: walk the hash chain, check it against its anchors and against the rows it covers.

Anchors are (seq, hash) pairs kept outside the database: the local anchor file beside it is always used; a file
of anchors from elsewhere (e.g. those the central server keeps) can be given with ``--anchors``.
``audit accesses``: who viewed, printed or exported a citizen's dossiers (supervisors).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="nhật ký kiểm tra (audit log)")
    a = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = a.add_parser("verify", help="kiểm tra chuỗi băm (verify the hash chain)")
    v.add_argument("--anchors", type=Path, help='tệp JSON [[seq, "hash"], …] giữ ngoài máy (anchors kept elsewhere)')
    v.add_argument("--server", action="store_true",
                   help="so cả với mốc máy chủ trung tâm giữ (also against the central server's anchors)")
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


def read_anchors(path: Path) -> list[tuple[int, str]]:
    """A JSON list of [seq, hash] pairs (or {"seq":…, "hash":…} objects); a clear error names the file."""
    from app.cli.user_files import read_user_text
    from app.domain.errors import ValidationError

    bad = ValidationError("anchors", "tệp phải là danh sách [seq, hash]", "the file must be a list of [seq, hash]")
    try:
        data = json.loads(read_user_text(path, "anchors"))
    except (ValueError, RecursionError):
        raise bad from None
    if not isinstance(data, list):
        raise bad
    anchors: list[tuple[int, str]] = []
    for item in data:
        pair = (item.get("seq"), item.get("hash")) if isinstance(item, dict) else item
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise bad
        seq, digest = pair
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq < 2**62 or not isinstance(digest, str):
            raise bad
        anchors.append((seq, digest))
    return anchors


def cmd_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import local_anchor
    from app.store.audit import verify

    anchors = read_anchors(args.anchors) if args.anchors else []
    if args.server:
        from app.services.audit_anchors import server_anchors

        anchors += server_anchors(ctx.services(), ctx.data_dir)
    local = local_anchor.read(ctx.data_dir)
    if local is not None:
        anchors.append(local)
    result = verify(ctx.services().store, anchors)
    data = {
        "ok": result.ok,
        "rows": result.rows,
        "broken_seq": result.broken_seq,
        "reason": result.reason,
        "anchors": len(anchors),
        "drift": [{"table": d.table, "id": d.object_id, "seq": d.seq, "reason": d.reason} for d in result.drift],
    }
    if result.ok:
        ctx.emit(data, ctx.t(f"Nhật ký toàn vẹn: {result.rows} dòng", f"Audit chain intact: {result.rows} rows"))
        return 0
    where = ctx.t(f"tại dòng {result.broken_seq}", f"at row {result.broken_seq}") if result.broken_seq else ""
    lines = [ctx.t(f"Nhật ký bị sửa {where}: {result.reason}", f"Audit chain broken {where}: {result.reason}")]
    lines += [f"  {d.table} {d.object_id}: {d.reason}" for d in result.drift[1:]]
    ctx.emit(data, lines)
    return 1
