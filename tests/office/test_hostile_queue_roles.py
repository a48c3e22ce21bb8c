"""Hostile identity cases of the office queue on a real hub process: the kiosk and the waiting-room screen stand
in the public room with a token for the hub, so their tokens must not run the queue, and a revoked screen must
lose the call stream at once, not at its next reconnect."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.context import Actor
from app.services.queue_backend import hub_session
from sync.client.errors import AuthError, SyncError
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")


def _services(db: Database) -> dict[str, str]:
    with db.transaction(write=False) as tx:
        return {r["letter"]: r["name_vi"] for r in tx.all("SELECT letter, name_vi FROM queue_services")}


def test_a_kiosk_only_issues_and_a_screen_only_reads(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    counter_ctx = device(store_template, tmp_path / "quay", db, proc.url, SUPERVISOR)
    counter = remote(counter_ctx)
    counter.set_counter(counter_ctx, 1, ["A"])
    kiosk_ctx = device(store_template, tmp_path / "kiosk", db, proc.url, SUPERVISOR, devices.ROLE_KIOSK)
    screen_ctx = device(store_template, tmp_path / "screen", db, proc.url, SUPERVISOR, devices.ROLE_SCREEN)
    kiosk, screen = remote(kiosk_ctx), remote(screen_ctx)
    issued = kiosk.issue_ticket(kiosk_ctx, "A", source="kiosk")  # the kiosk's one write
    before = _services(db)
    for q, ctx in ((kiosk, kiosk_ctx), (screen, screen_ctx)):
        for act, args in (
            (q.call_next, (ctx, 1)),
            (q.save_service, (ctx, "A", "Đã bị đổi tên")),
            (q.set_counter, (ctx, 1, ["B"])),
            (q.finish, (ctx, 1)),
        ):
            with pytest.raises(ValidationError) as refused:
                act(*args)
            assert refused.value.field == "device"
            assert "enrolled as a" in refused.value.message("en") and "được đăng ký là" in refused.value.message("vi")
    with pytest.raises(ValidationError) as refused:
        screen.issue_ticket(screen_ctx, "A")
    assert "a waiting-room screen: it may not issue tickets" in refused.value.message("en")
    assert _services(db) == before, "nothing of the set-up changed"
    assert [t.number for t in screen.waiting_for(screen_ctx)] == [issued.ticket.number], "reads stay open"
    assert counter.call_next(counter_ctx, 1).ticket.number == issued.ticket.number, "a counter still calls"
    for ctx in (counter_ctx, kiosk_ctx, screen_ctx):
        ctx.store.close()


def _follow(screen: object, events: queue.Queue[object]) -> None:
    """Read the screen's stream until it ends; put each event name, then the error that ended it."""
    try:
        for name, _ in screen.stream("/v1/queue/stream", 5.0):  # type: ignore[attr-defined]
            events.put(name)
    except SyncError as exc:
        events.put(exc)


def test_a_screen_revoked_at_the_hub_loses_the_stream_at_once_and_cannot_reconnect(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    screen_ctx = device(store_template, tmp_path / "screen", db, proc.url, SUPERVISOR, devices.ROLE_SCREEN)
    counter_ctx = device(store_template, tmp_path / "quay", db, proc.url, SUPERVISOR)
    factory = hub_session(screen_ctx)
    assert factory is not None
    events: queue.Queue[object] = queue.Queue()
    threading.Thread(target=_follow, args=(factory(), events), daemon=True).start()
    assert events.get(timeout=5) == "board"
    with db.transaction() as tx:
        screen_id = tx.one("SELECT id FROM devices WHERE role = ?", (devices.ROLE_SCREEN,))["id"]
        assert devices.revoke(tx, screen_id, utc_now())
    revoked = time.monotonic()
    counter = remote(counter_ctx)
    counter.set_counter(counter_ctx, 1, ["A"])
    counter.issue_ticket(counter_ctx, "A")
    counter.call_next(counter_ctx, 1)  # a call the revoked screen must not be shown
    seen: list[object] = []
    while time.monotonic() - revoked < 6.0 and not isinstance(seen[-1:] and seen[-1], SyncError):
        with contextlib.suppress(queue.Empty):
            seen.append(events.get(timeout=1))
    assert "calls" not in seen, "no call reached the revoked screen"
    assert seen and isinstance(seen[-1], SyncError), f"the stream went on after the revocation: {seen}"
    with pytest.raises(AuthError):
        next(iter(factory().stream("/v1/queue/stream", 5.0)))
    for ctx in (screen_ctx, counter_ctx):
        ctx.store.close()


def test_a_streaming_screen_is_seen_by_the_hub_while_it_listens(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    """A screen makes no new request while it listens: ``hub status`` showed it as last seen when its stream
    opened (hours ago on a screen left on all day), as if it were off."""
    proc, db = hub
    screen_ctx = device(store_template, tmp_path / "screen", db, proc.url, SUPERVISOR, devices.ROLE_SCREEN)
    factory = hub_session(screen_ctx)
    assert factory is not None
    events: queue.Queue[object] = queue.Queue()
    threading.Thread(target=_follow, args=(factory(), events), daemon=True).start()
    assert events.get(timeout=5) == "board"

    screen_role = (devices.ROLE_SCREEN,)

    def last_seen() -> str:
        with db.transaction(write=False) as tx:
            return str(tx.one("SELECT last_seen_at FROM devices WHERE role = ?", screen_role)["last_seen_at"])

    with db.transaction() as tx:  # as if the stream had opened an hour ago
        tx.execute("UPDATE devices SET last_seen_at = '2020-01-01T00:00:00.000Z' WHERE role = ?", screen_role)
    deadline = time.monotonic() + 10
    while last_seen().startswith("2020") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not last_seen().startswith("2020"), "the listening screen was marked seen"
    screen_ctx.store.close()
