"""The feed watcher and the hub's link to the province keep their connection, and a connection the server closed
while it sat idle is replaced at once, not after a failed attempt and its backoff.

Against the session's real central server (SQLite and PostgreSQL) behind the test proxy, which counts the
connections devices open and cuts the one request a test names.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from sync.client import api
from sync.client.transport import Transport, TransportConfig
from sync.client.watch import FeedWatcher
from sync.hub import forward
from sync.hub.link import UpstreamLink
from sync.protocol.timefmt import utc_now
from sync.server import attachment_store, devices
from sync.server.db import Database
from sync.server.devices import ROLE_HUB, Device
from sync.server.ingest import ingest
from sync.server.schema import migrate
from tests.sync.central import Central
from tests.sync.chaos import FORWARD, Action, ChaosProxy
from tests.sync.conftest import DeviceFactory
from tests.sync.serverdata import received_events

pytestmark = pytest.mark.slow
ONE_TRY = TransportConfig(connect_timeout=2.0, read_timeout=5.0, attempts=1, resend_after_idle_s=0.2)


def until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.02)


def _port(central: Central) -> int:
    return int(central.url.rsplit(":", 1)[1])


def _requests(proxy: ChaosProxy, start: str) -> list[str]:
    return [action for _, line, action in proxy.seen if line.startswith(start)]


def test_the_feed_watcher_holds_its_long_polls_on_one_connection(central: Central, device: DeviceFactory) -> None:
    proxy = ChaosProxy(_port(central)).start()
    office = central.new_office()
    engine, _ = device(office, "watching", url=proxy.url)
    other, other_store = device(office, "other")
    engine.run_once()  # the server is shared by the session: a catalogue another test published is news here
    woken = threading.Event()
    watcher = FeedWatcher(woken.set, wait=0.3)
    try:
        opened = proxy.connections  # the enrolment's and the round's
        watcher.aim(engine.watch_target())
        watcher.start()
        until(lambda: len(_requests(proxy, "GET /v1/changes")) >= 4)  # empty polls, one after the other
        assert not woken.is_set()
        assert proxy.connections - opened == 1
        other_store.receive()
        other.run_once()
        assert woken.wait(5.0)  # news from another counter, heard on the same connection
        assert proxy.connections - opened == 1
        central.revoke(engine.store.load_state().device_id)
        until(lambda: watcher._kept is None)  # refused: the connection is closed, nothing watched
    finally:
        watcher.stop()
        proxy.stop()


def _hub_events(db: Database, office: str, counter: Device, first: int, count: int) -> None:
    with db.transaction() as tx:
        events = received_events(office, 0, count, first)
        assert {r["result"] for r in ingest(tx, counter, events, utc_now())} == {"accepted"}


def test_the_hubs_link_resends_at_once_on_a_connection_the_province_closed_while_idle(
    central: Central, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The second forwarded push goes out on the connection kept from the first and is cut as it arrives (a
    province closing an idle connection): it goes again at once on a new one, with one try allowed and no
    failure logged, and the province holds every event once."""
    caplog.set_level(logging.INFO, logger="motcua.hub")
    pushes = [0]

    def policy(_: int, head: bytes) -> Action:
        if head.startswith(b"POST /v1/events"):
            pushes[0] += 1
            if pushes[0] == 2:
                return Action("reset")
        return FORWARD

    proxy = ChaosProxy(_port(central), policy).start()
    office = central.new_office()
    with central.db.transaction() as tx:
        code = devices.new_enrollment_code(tx, office, utc_now(), role=ROLE_HUB)
    t = Transport(central.url, None, ONE_TRY)
    token = api.enroll(t, code, str(uuid.uuid4()), "hub", office).token
    t.close()
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=2)
    migrate(db)
    attachment_store.ensure_schema(db)  # as the hub's server makes it
    with db.transaction() as tx:
        devices.add_office(tx, office, "UBND xã Thử", utc_now())
    counter = Device(str(uuid.uuid4()), office, "quầy", 0)
    link = UpstreamLink(db, office, proxy.url, token, lambda: None, transport=ONE_TRY, wait=0.2, idle=0.2)
    try:
        _hub_events(db, office, counter, 1, 3)
        link.start()
        until(lambda: forward.counts(db, office)["forwarded"] == 3)
        time.sleep(0.5)  # the forwarder's connection sits idle
        _hub_events(db, office, counter, 4, 3)
        link.wake()
        until(lambda: forward.counts(db, office)["forwarded"] == 6, timeout=5.0)
        assert _requests(proxy, "POST /v1/events") == ["forward", "reset", "forward"]
        assert not [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert link.last_error is None
    finally:
        link.stop()
        proxy.stop()
        db.close()
    stored = central.events(office)
    assert len(stored) == 6 and {e["result"] for e in stored} == {"accepted"}
    assert len(central.dossiers(office)) == 6
