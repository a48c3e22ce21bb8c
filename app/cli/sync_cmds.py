"""``motcua enroll`` and ``motcua sync``: join the central server, run one sync round, see the sync state.

The network part lives in ``sync/``; failures arrive as its typed errors, which carry their own Vietnamese and
English message and exit code, so ``app/cli/errors.py`` prints them as one line like any other error.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("enroll", help="đăng ký thiết bị với máy chủ trung tâm (enrol with the central server)")
    e.add_argument(
        "--server",
        help="địa chỉ máy chủ, ví dụ https://motcua.tinh.gov.vn; bỏ trống: tìm hub của đơn vị trên mạng LAN",
    )
    e.add_argument("--code", required=True, help="mã đăng ký dùng một lần (one-time enrolment code)")
    e.add_argument("--name", default="", help="tên thiết bị, ví dụ Quầy 1")
    e.add_argument("--ca-bundle", help="tệp chứng chỉ CA (PEM) của tỉnh, nếu có")
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=cmd_enroll)

    s = sub.add_parser("sync", help="đồng bộ một lượt với máy chủ trung tâm (one sync round)")
    s.add_argument("--server", help="dùng địa chỉ này cho lượt này (override the enrolled server)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_sync)
    ss = s.add_subparsers(dest="sync_command", metavar="ACTION")
    st = ss.add_parser("status", help="trạng thái đồng bộ (sync state)")
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=cmd_status)
    rj = ss.add_parser("rejected", help="sự kiện bị máy chủ từ chối, kèm lý do (rejected events)")
    rj.add_argument("--json", action="store_true")
    rj.set_defaults(handler=cmd_rejected)
    hd = ss.add_parser("held", help="thay đổi tải về bị giữ lại, kèm lý do (pulled changes kept aside)")
    hd.add_argument("--json", action="store_true")
    hd.set_defaults(handler=cmd_held)
    rs = ss.add_parser("resend", help="gửi lại một sự kiện bị từ chối (re-send a rejected event)")
    rs.add_argument("event_id")
    rs.add_argument("--json", action="store_true")
    rs.set_defaults(handler=cmd_resend)


def _engine(ctx: CliContext) -> Any:
    from app.services.sync_bridge import build_engine

    svc = ctx.services()
    return build_engine(svc.store, svc.data_dir, svc.clock)


def cmd_enroll(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.device_link import enroll_device

    # no --server: the office hub announced on the LAN (DNS-SD), see app/services/hub_discovery.py
    state = enroll_device(ctx.services(), args.server or "", args.code, args.name, ca_bundle=args.ca_bundle)
    data = {
        "server": state.server_url,
        "office_code": state.office_code,
        "office_name": state.office_name,
        "slot": state.slot,
        "device_id": state.device_id,
    }
    ctx.emit(
        data,
        ctx.t(
            f"Đã đăng ký với {state.server_url}: đơn vị {state.office_code}, "
            + (f"khe thiết bị {state.slot}" if state.slot is not None else "máy cấp số/màn hình, không chiếm khe"),
            f"Enrolled with {state.server_url}: office {state.office_code}, "
            + (f"device slot {state.slot}" if state.slot is not None else "kiosk/screen, no device slot"),
        ),
    )
    return 0


def cmd_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.device_link import sync_once

    report = sync_once(ctx.services(), server_url=args.server)
    data = {
        "pushed": report.pushed,
        "pulled": report.pulled,
        "applied": report.applied,
        "pending": report.pending,
        "rejected": report.rejected_total,
        "rejected_now": report.rejected,
        "held_now": report.held,
        "clock_offset_s": report.clock_offset_s,
    }
    lines = [
        ctx.t(
            f"Đã gửi {data['pushed']}, nhận {data['pulled']}; còn chờ {data['pending']}, bị từ chối {data['rejected']}",
            f"Sent {data['pushed']}, received {data['pulled']}; pending {data['pending']}, rejected {data['rejected']}",
        )
    ]
    if report.held:
        lines.append(
            ctx.t(
                f"{report.held} thay đổi tải về bị giữ lại (không hợp lệ): xem “motcua sync held”",
                f"{report.held} pulled change(s) kept aside as invalid: see “motcua sync held”",
            )
        )
    ctx.emit(data, lines)
    return 0


def cmd_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import sync_held
    from sync.client.status import status_of

    engine = _engine(ctx)
    state = engine.store.load_state()
    held = sync_held.count(engine.store.store)
    status = status_of(state, engine.store.outbox_counts(), enrolled=engine.credentials.load() is not None, held=held)
    data = {**status.as_dict(), "device_id": state.device_id, "last_attempt_at": state.last_attempt_at}
    online = {True: ctx.t("trực tuyến", "online"), False: ctx.t("ngoại tuyến", "offline"), None: "—"}[status.online]
    lines = [
        ctx.t(
            f"Máy chủ: {status.server_url or '—'} (đơn vị {status.office_code or '—'}, khe {status.slot})",
            f"Server: {status.server_url or '—'} (office {status.office_code or '—'}, slot {status.slot})",
        ),
        ctx.t(
            f"Trạng thái: {online}; chờ gửi {status.pending}; bị từ chối {status.rejected}",
            f"State: {online}; pending {status.pending}; rejected {status.rejected}",
        ),
        ctx.t(f"Đồng bộ lần cuối: {status.last_sync_at or 'chưa'}", f"Last sync: {status.last_sync_at or 'never'}"),
    ]
    if status.last_error:
        lines.append(
            ctx.t(
                f"Lỗi lần đồng bộ gần nhất: {status.last_error} (lúc {state.last_attempt_at})",
                f"Last sync round failed: {status.last_error} (at {state.last_attempt_at})",
            )
        )
    if status.held:
        lines.append(
            ctx.t(
                f"Có {status.held} thay đổi tải về bị giữ lại: xem “motcua sync held”",
                f"{status.held} pulled change(s) kept aside: see “motcua sync held”",
            )
        )
    if status.clock_warning:
        from app.ui.format import clock_gap  # plain text, no Qt: the same words as the status bar's

        lines.append(
            ctx.t(
                f"Cảnh báo: đồng hồ máy {clock_gap(status.clock_offset_s)} so với máy chủ",
                f"Warning: this PC's clock is off the server's: {clock_gap(status.clock_offset_s, 'en')}",
            )
        )
    ctx.emit(data, lines)
    return 0


def cmd_rejected(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import outbox

    rows = [
        {
            "id": e.id,
            "kind": e.kind,
            "aggregate_id": e.aggregate_id,
            "code": e.payload.get("code"),
            "reason": e.reject_reason,
            "created_at": e.created_at,
        }
        for e in outbox.rejected(ctx.services().store)
    ]
    ctx.emit(
        rows,
        [f"{r['id']}  {r['kind']}  {r['code'] or ''}  {r['reason']}" for r in rows]
        or [ctx.t("Không có sự kiện bị từ chối", "No rejected events")],
    )
    return 0


def cmd_held(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import sync_held

    rows = [
        {"id": h.id, "kind": h.kind, "key": h.key, "at": h.at, "reason": h.reason, "held_at": h.held_at}
        for h in sync_held.listing(ctx.services().store)
    ]
    ctx.emit(
        rows,
        [f"{r['held_at']}  {r['kind']}  {r['key']}  {r['reason']}" for r in rows]
        or [ctx.t("Không có thay đổi nào bị giữ lại", "No pulled change kept aside")],
    )
    return 0


def cmd_resend(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.store import outbox
    from app.store.errors import NotFoundError

    store = ctx.services().store
    if not any(e.id == args.event_id for e in outbox.rejected(store)):
        raise NotFoundError("event", args.event_id)
    outbox.requeue(store, args.event_id)
    ctx.emit({"requeued": args.event_id}, ctx.t("Đã đưa vào hàng chờ gửi lại", "Queued to be sent again"))
    return 0
