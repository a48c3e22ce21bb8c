"""``motcua hub …``: set up and run the office hub on this PC (issue 13).

The hub has its own folder (``<data folder>/hub``) and database and needs no counter store, so a small
always-on box can run it without ``motcua init``. The work is in ``sync/hub/``; its refusals carry their own
Vietnamese and English sentence, printed as one line like every other error. Each command builds this PC's key
source (``hub_keys.AppHubKeys``) and passes it to the hub function it runs: the hub's database is encrypted with
a key derived from the data folder's key, which ``hub init`` makes on a PC without one and then shows as a
recovery key.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import hub_backup_cmds
from app.cli.context import CliContext
from app.cli.setup_cmds import recovery_lines
from app.services import hub_keys

if TYPE_CHECKING:
    from app.services.recovery_key import RecoverySheet


def register(sub: argparse._SubParsersAction) -> None:
    hub = sub.add_parser("hub", help="máy chủ văn phòng (office hub): init, serve, status, backup, restore…")
    hs = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    p = hs.add_parser("init", help="tạo hub và đăng ký với máy chủ tỉnh (set up the hub, enrol it upstream)")
    p.add_argument("--office-code", required=True, help="mã đơn vị, ví dụ 000.00.12.H62")
    p.add_argument("--upstream", required=True, help="địa chỉ máy chủ tỉnh (the province's server URL)")
    p.add_argument("--code", required=True, help="mã đăng ký hub do tỉnh cấp (motcua-central enrollment-code --hub)")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ LAN hub lắng nghe (listen address; default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--name", action="append", default=[], help="tên/địa chỉ khác ghi vào chứng chỉ (repeatable)")
    p.add_argument("--ca-bundle", help="tệp CA (PEM) của máy chủ tỉnh, nếu có")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_init)
    p = hs.add_parser("serve", help="chạy hub (HTTPS) (run the hub)")
    p.add_argument("--host", help="địa chỉ lắng nghe (default: the one given at init)")
    p.add_argument("--port", type=int)
    p.add_argument("--plain-http", action="store_true", help="HTTP không mã hoá, chỉ trên 127.0.0.1 (tests)")
    p.add_argument("--no-announce", action="store_true", help="không quảng bá trên mạng LAN (no DNS-SD)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.set_defaults(handler=cmd_serve)
    p = hs.add_parser("enrollment-code", help="mã đăng ký một lần cho một máy của đơn vị (one-time device code)")
    p.add_argument("--ttl-hours", type=float, default=72.0)
    p.add_argument("--role", choices=["counter", "kiosk", "screen"], default="counter",
                   help="kiosk (máy cấp số) hoặc screen (màn hình phòng chờ): không chiếm khe thiết bị (no slot)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_code)
    p = hs.add_parser("status", help="tình trạng hub (hub state)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)
    p = hs.add_parser("revoke", help="thu hồi quyền của một thiết bị (revoke a device's token)")
    p.add_argument("device_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_revoke)
    p = hs.add_parser("recovery-key", help="xem lại khóa khôi phục của máy chỉ chạy hub (a hub-only PC's recovery key)")
    p.add_argument("--out", type=Path, help="tệp PDF tờ khóa khôi phục")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_recovery_key)
    hub_backup_cmds.register(hs)


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    from sync.hub.setup import init_hub

    source = hub_keys.AppHubKeys()
    had_key = source.store_key(ctx.data_dir, create=False) is not None
    config = init_hub(
        ctx.data_dir, args.office_code, args.upstream, args.code,
        host=args.host, port=args.port, names=args.name, ca_bundle=args.ca_bundle, key_source=source,
    )
    made = None if had_key else source.store_key(ctx.data_dir, create=False)  # a hub-only PC: made just now
    sheet = _sheet(made, config.office_code, config.office_name) if made is not None else None
    data = {"office_code": config.office_code, "office_name": config.office_name, "upstream": config.upstream,
            "cert_sha256": config.cert_sha256, "host": config.host, "port": config.port,
            "recovery_key": sheet.key_text if sheet is not None else None}
    ctx.emit(data, [
        ctx.t(f"Đã tạo hub của đơn vị {config.office_code} ({config.office_name}), nối với {config.upstream}",
              f"Hub of office {config.office_code} ({config.office_name}) set up, upstream {config.upstream}"),
        ctx.t(f"Dấu vân tay chứng chỉ (SHA-256): {config.cert_sha256}",
              f"Certificate fingerprint (SHA-256): {config.cert_sha256}"),
        *(recovery_lines(ctx, sheet, None) if sheet is not None else []),
        ctx.t("Tiếp theo: “motcua hub serve”, rồi “motcua hub enrollment-code” cho từng máy",
              "Next: “motcua hub serve”, then “motcua hub enrollment-code” for each PC"),
    ])
    return 0


def _sheet(store_key: bytes, office_code: str, office_name: str) -> RecoverySheet:
    from app.security.recovery import format_recovery_key
    from app.services.recovery_key import RecoverySheet

    return RecoverySheet(format_recovery_key(store_key), office_code, office_name)


def cmd_recovery_key(args: argparse.Namespace, ctx: CliContext) -> int:
    """The recovery key of a hub-only PC (no store: ``motcua recovery-key``, an admin's, is for a PC with one)."""
    from app.domain.errors import ValidationError
    from app.store.db import DB_FILENAME
    from sync.hub import keys
    from sync.hub.setup import open_hub

    if (ctx.data_dir / DB_FILENAME).exists():
        raise ValidationError("recovery_key", "máy này có dữ liệu quầy: quản trị viên xem bằng “motcua recovery-key”",
                              "this PC has a counter store: an admin shows it with “motcua recovery-key”")
    source = hub_keys.AppHubKeys()
    folder, config = open_hub(ctx.data_dir)
    store_key = source.store_key(ctx.data_dir, create=False)
    if store_key is None:
        raise keys.missing_key(folder.database)
    sheet = _sheet(store_key, config.office_code, config.office_name)
    ctx.emit({"recovery_key": sheet.key_text}, recovery_lines(ctx, sheet, args.out))
    return 0


def cmd_serve(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.domain import queue
    from sync.hub.serve import serve_hub

    # The composition root: the hub's office queue runs by the desktop's own queue rules and its database opens
    # with this PC's key store (sync/ imports no app/).
    return serve_hub(ctx.data_dir, queue, hub_keys.AppHubKeys(), args.host, args.port, plain_http=args.plain_http,
                     log_level=args.log_level, advertise=not args.no_announce)


def cmd_code(args: argparse.Namespace, ctx: CliContext) -> int:
    from sync.hub.setup import new_device_code, open_hub

    role = "device" if args.role == "counter" else args.role
    code = new_device_code(ctx.data_dir, hub_keys.AppHubKeys(), args.ttl_hours, role)
    config = open_hub(ctx.data_dir)[1]
    ctx.emit({"code": code, "office_code": config.office_code, "ttl_hours": args.ttl_hours,
              "cert_sha256": config.cert_sha256, "role": args.role}, code)
    return 0


def cmd_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from sync.hub import backup_daily, forward, keys, pages_up, skipped
    from sync.hub.setup import open_hub
    from sync.server import devices

    folder, config = open_hub(ctx.data_dir)
    db = keys.open_database(folder, hub_keys.AppHubKeys())
    try:
        counts = forward.counts(db, config.office_code)
        pages = pages_up.counts(db, config.office_code)
        dropped = skipped.summary(db)
        with db.transaction(write=False) as tx:
            rows: list[dict[str, Any]] = devices.list_devices(tx, config.office_code)
    finally:
        db.close()
    latest = backup_daily.newest(ctx.data_dir)
    data = {"office_code": config.office_code, "upstream": config.upstream, "cert_sha256": config.cert_sha256,
            "forward": counts, "attachments": pages, "skipped_from_province": dropped, "devices": rows,
            "latest_backup": str(latest) if latest else None}
    lines = [
        ctx.t(f"Hub đơn vị {config.office_code}, máy chủ tỉnh {config.upstream}",
              f"Hub of office {config.office_code}, upstream {config.upstream}"),
        ctx.t(f"Chờ gửi lên tỉnh {counts['waiting']}, đã gửi {counts['forwarded']}, tỉnh từ chối {counts['refused']}",
              f"Waiting to go up {counts['waiting']}, forwarded {counts['forwarded']}, refused {counts['refused']}"),
        ctx.t(f"Tệp đính kèm chờ gửi lên tỉnh {pages['waiting']} ({pages['waiting_pages']} trang), đã gửi "
              f"{pages['sent']}, tỉnh từ chối {pages['refused']}",
              f"Attachments waiting to go up {pages['waiting']} ({pages['waiting_pages']} pages), sent "
              f"{pages['sent']}, refused {pages['refused']}"),
        *_skipped_lines(ctx, dropped),
        ctx.t(f"Bản sao lưu hub gần nhất: {latest}", f"Latest hub backup: {latest}") if latest else
        ctx.t("Chưa có bản sao lưu hub (motcua hub backup)", "No hub backup yet (motcua hub backup)"),
        *(f"{r['id']}\t{_slot_text(r)}\t{'revoked' if r['revoked_at'] else 'active'}\t{r['last_seen_at'] or '-'}"
          for r in rows),
    ]
    ctx.emit(data, lines)
    return 0


def _skipped_lines(ctx: CliContext, dropped: dict[str, Any]) -> list[str]:
    """Changes from the province that failed the checks and reached no counter (none: no line)."""
    if not dropped["count"]:
        return []
    head = ctx.t(f"Thay đổi từ tỉnh không hợp lệ, không chuyển cho các máy: {dropped['count']} (gần nhất:)",
                 f"Changes from the province that failed the checks, handed to no device: {dropped['count']} "
                 "(latest:)")
    return [head, *(f"  {d['at']}\t{d['kind']}\t{d['key']}\t{d['reason']}" for d in dropped["last"])]


def _slot_text(row: dict[str, Any]) -> str:
    return f"slot {row['slot']}" if row["slot"] is not None else f"{row['role']} (no slot)"


def cmd_revoke(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store.errors import NotFoundError
    from sync.hub import keys
    from sync.hub.setup import open_hub
    from sync.protocol.timefmt import utc_now
    from sync.server import devices

    folder = open_hub(ctx.data_dir)[0]
    db = keys.open_database(folder, hub_keys.AppHubKeys())
    try:
        with db.transaction() as tx:
            if not devices.revoke(tx, args.device_id, utc_now()):
                raise NotFoundError("device", args.device_id)
    finally:
        db.close()
    ctx.emit({"revoked": args.device_id}, ctx.t(f"Đã thu hồi thiết bị {args.device_id}",
                                                f"Device {args.device_id} revoked"))
    return 0
