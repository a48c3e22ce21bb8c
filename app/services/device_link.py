"""Connecting this device to the central server or the office hub, one sync round, and the sync state.

Why one module for the command line and the window: ``motcua enroll`` / ``motcua sync`` and the "Kết nối và
đồng bộ" screen must do exactly the same thing (issue 17: clerks and supervisors do not use a terminal), so both
call these functions. The network work is in ``sync/``; its typed errors carry their own Vietnamese and English
sentence. From the window these run on the worker connection, like every other write.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError
from app.services.context import ServiceContext
from app.services.sync_bridge import build_engine
from app.store import settings
from sync.client.engine import RoundReport
from sync.client.pinning import split_code
from sync.client.server_url import CLEARTEXT_EN, CLEARTEXT_VI, cleartext
from sync.client.status import SyncStatus, status_of


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    office_code: str
    office_name: str
    slot: int | None
    device_id: str


def _require_supervisor(ctx: ServiceContext) -> None:
    if not ctx.actor.can_supervise():
        raise ValidationError("role", "chỉ giám sát hoặc quản trị được kết nối thiết bị",
                              "only supervisors and admins may connect the device")


def enroll_device(ctx: ServiceContext, server_url: str, code: str, name: str = "",
                  ca_bundle: str | None = None) -> Enrolment:
    """Join the office's account on the central server (or hub) with a one-time enrolment code. No address:
    the hub of this office announced on the LAN (the window's empty address field does the same)."""
    _require_supervisor(ctx)
    server_url, code = server_url.strip(), code.strip()
    office = settings.get(ctx.store, "office_code")
    if not server_url and office and code:
        from app.services.hub_discovery import find_hub_url

        server_url = find_hub_url(str(office))
    if not server_url.startswith(("http://", "https://")):
        raise ValidationError("server", "phải bắt đầu bằng http:// hoặc https://", "must start with http:// or https://")
    check_not_cleartext(server_url)
    if not code:
        raise ValidationError("code", "hãy nhập mã đăng ký do máy chủ cấp", "enter the enrolment code from the server")
    try:
        split_code(code)
    except ValueError as exc:
        raise ValidationError("code", "dấu vân tay sau # phải gồm 64 chữ số thập lục phân", str(exc)) from None
    if not office:
        raise ValidationError("office_code", "chưa khởi tạo đơn vị: hãy chạy “motcua init”",
                              "the office is not set up: run “motcua init”")
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    state = engine.enroll(server_url, code, name.strip(), ca_bundle=ca_bundle or None, expect_office=str(office))
    learn_queue_host(ctx)
    return Enrolment(state.server_url, state.office_code, state.office_name, state.slot, state.device_id)


def learn_queue_host(ctx: ServiceContext) -> None:
    """Ask the server just enrolled with whether it hosts the office queue, and remember the answer (a server
    of before, hub or province, no longer counts). Otherwise the first queue screen asks: a waiting-room screen
    asks before its window exists, so a hub that hung then held the screen black for its timeouts."""
    from app.services.queue_backend import remember
    from app.services.queue_remote import QUEUE_TRANSPORT
    from sync.client import api
    from sync.client.errors import SyncError

    transport = build_engine(ctx.store, ctx.data_dir, ctx.clock).session(QUEUE_TRANSPORT)
    try:
        hosted: bool | None = api.health(transport).queue
    except SyncError:
        hosted = None  # it answered the enrolment a moment ago: unknown, the first queue action asks again
    finally:
        transport.close()
    remember(ctx, hosted)


def check_not_cleartext(server_url: str) -> None:
    """Refuse ``http://`` to another machine: the token and the citizens' dossiers would cross the network in clear."""
    if cleartext(server_url):
        raise ValidationError("server", CLEARTEXT_VI, CLEARTEXT_EN)


def sync_once(ctx: ServiceContext, server_url: str | None = None) -> RoundReport:
    """One round now: send what waits, receive what others sent (the background sync does the same on a timer)."""
    if server_url:
        check_not_cleartext(server_url)
    return build_engine(ctx.store, ctx.data_dir, ctx.clock).run_once(server_url=server_url)


def sync_status(ctx: ServiceContext) -> SyncStatus:
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    return status_of(engine.store.load_state(), engine.store.outbox_counts(),
                     enrolled=engine.credentials.load() is not None)
