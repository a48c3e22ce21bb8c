"""A device keeps its connection between sync rounds: one handshake, not one per round, and nothing lost or doubled.

Against real servers: the session's central (SQLite and PostgreSQL), one over HTTPS that closes idle
connections after a second, and the test proxy closing a kept connection just as a push arrives on it (before
the server saw it, and after the server stored it but before the answer got back).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sync.client import api
from sync.client.engine import SyncEngine
from sync.client.errors import AuthError, OfflineError
from sync.client.runner import RunnerConfig, SyncRunner
from sync.client.transport import Transport
from sync.protocol.constants import DEVICE_KEEP_CONNECTION_S, SERVER_KEEP_ALIVE_S
from sync.server.cli import main
from tests.sync.central import Central, assert_exactly_once
from tests.sync.chaos import FORWARD, Action, ChaosProxy
from tests.sync.conftest import FAST_TRANSPORT, DeviceFactory, new_device
from tests.sync.serverproc import CentralProcess
from tests.sync.tlscerts import make_tls

pytestmark = pytest.mark.slow


def _kept(engine: SyncEngine) -> Transport:
    assert engine._kept is not None, "the round's connection was not kept"
    return engine._kept.transport


def _pool(t: Transport) -> Any:
    """The transport's one connection pool (urllib3 counts the TCP and TLS connections it opened)."""
    manager = t._session.get_adapter(t.base_url).poolmanager
    [key] = manager.pools.keys()
    return manager.pools[key]


def _local_ports(t: Transport) -> set[int]:
    """The device-side TCP ports of the transport's open connections: a new port is a new connection (urllib3
    reconnects a connection it found closed in place, without counting it)."""
    return {c.sock.getsockname()[1] for c in _pool(t).pool.queue if c is not None and c.sock is not None}


def _port(central: Central) -> int:
    return int(central.url.rsplit(":", 1)[1])


def test_the_keep_alive_outlasts_the_runners_interval() -> None:
    assert RunnerConfig().interval < DEVICE_KEEP_CONNECTION_S < SERVER_KEEP_ALIVE_S


def test_rounds_share_one_connection_and_a_revoked_device_is_refused_on_it(
    central: Central, device: DeviceFactory
) -> None:
    office = central.new_office()
    engine, store = device(office)
    runner = SyncRunner(engine, RunnerConfig(interval=60.0))  # the runner turns keeping on
    try:
        ports = set()
        for _ in range(3):
            store.receive()
            assert runner.run_cycle(woken=True) == 60.0
            ports |= _local_ports(_kept(engine))
        pool = _pool(_kept(engine))
        assert len(ports) == 1 and pool.num_connections == 1  # three rounds (a push and a pull each) on one
        assert_exactly_once(central, office, [store])
        central.revoke(store.state.device_id)
        store.receive()
        with pytest.raises(AuthError):
            engine.run_once()  # the next push on the kept connection is refused at once
        assert pool.num_connections == 1 and engine._kept is None  # refused on that connection, then closed
        assert store.ids("pending") == [store.ids()[-1]]
    finally:
        runner.stop()


def test_a_round_after_the_keep_time_opens_a_new_connection(central: Central, device: DeviceFactory) -> None:
    engine, store = device(central.new_office())
    engine.keep_connection_s = 70.0
    clock = [1000.0]
    engine._monotonic = lambda: clock[0]
    try:
        engine.run_once()
        first = _kept(engine)
        clock[0] += 69.0
        engine.run_once()
        assert _kept(engine) is first
        clock[0] += 71.0
        engine.run_once()
        assert _kept(engine) is not first and _pool(_kept(engine)).num_connections == 1
        second = _kept(engine)
        store.state.ca_bundle = "/elsewhere/ca.pem"  # other trust settings: never the old connection
        engine.keep_connection_s = 0.0  # and without keeping, nothing is held after the round
        engine.run_once()
        assert engine._kept is None
        assert len(second._session.adapters["http://"].poolmanager.pools) == 0  # the old one was closed
    finally:
        engine.close()


def test_a_server_that_closed_the_idle_connection_over_https(tmp_path: Path) -> None:
    tls = make_tls(tmp_path / "tls")
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    server = CentralProcess(
        db_url, tmp_path / "server.log", tls=tls, args=("--log-level", "warning", "--keep-alive", "1")
    ).start()
    central = Central(server.url, db_url)
    engine, store = new_device(server.url, tmp_path, transport_config=replace(FAST_TRANSPORT, attempts=1))
    try:
        office = central.new_office()
        engine.enroll(server.url, central.enrollment_code(office), "pc", ca_bundle=str(tls.ca))
        engine.keep_connection_s = 70.0
        store.receive()
        engine.run_once()
        t = _kept(engine)
        before = _local_ports(t)
        time.sleep(1.6)  # the server closes the idle connection after 1 s
        store.receive()
        report = engine.run_once()  # attempts=1: no ordinary retry would hide a failure
        assert report.pushed == 1 and _kept(engine) is t
        assert len(before) == 1 and len(_local_ports(t)) == 1 and before != _local_ports(t)
        assert_exactly_once(central, office, [store])
        assert "Traceback" not in server.log_tail(200)
    finally:
        engine.close()
        central.close()
        server.stop()


@pytest.mark.parametrize("kind", ["reset", "drop_response"])
def test_a_kept_connection_closed_under_a_push(central: Central, tmp_path: Path, kind: str) -> None:
    """``reset``: closed as the push arrived, the server never saw it. ``drop_response``: the server stored the
    push and the connection closed before the answer came back. Either way the push goes again at once on a
    new connection (no retry budget: attempts=1) and the server holds each event once."""
    pushes = [0]

    def policy(n: int, head: bytes) -> Action:
        if head.startswith(b"POST /v1/events"):
            pushes[0] += 1
            if pushes[0] == 2:  # the second round's push, on the kept connection
                return Action(kind)
        return FORWARD

    proxy = ChaosProxy(_port(central), policy).start()
    office = central.new_office()
    config = replace(FAST_TRANSPORT, attempts=1, resend_after_idle_s=0.2)
    engine, store = new_device(proxy.url, tmp_path, transport_config=config)
    try:
        engine.enroll(proxy.url, central.enrollment_code(office), "pc")
        engine.keep_connection_s = 70.0
        store.receive()
        engine.run_once()
        t = _kept(engine)
        store.receive()
        time.sleep(0.3)  # the connection sits idle between the rounds
        report = engine.run_once()
        assert report.pushed == 1 and t.resent_on_new_connection == 1 and _pool(t).num_connections == 2
        assert_exactly_once(central, office, [store])
        assert [a for _, line, a in proxy.seen if line.startswith("POST /v1/events")] == [
            "forward", kind, "forward"
        ]
    finally:
        engine.close()
        proxy.stop()


def test_a_first_request_that_breaks_is_not_sent_again_at_once(central: Central, tmp_path: Path) -> None:
    """Only a connection kept from before may have been closed unseen; a new one that breaks is an outage,
    left to the ordinary retries and backoff."""
    proxy = ChaosProxy(_port(central), lambda n, head: Action("reset")).start()
    engine, _ = new_device(proxy.url, tmp_path, transport_config=replace(FAST_TRANSPORT, attempts=1))
    try:
        t = engine._factory(proxy.url, None)
        with pytest.raises(OfflineError):
            api.health(t)
        assert t.resent_on_new_connection == 0 and len(proxy.seen) == 1
        t.close()
    finally:
        proxy.stop()


def test_keep_alive_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--database-url", f"sqlite:///{tmp_path / 'c.sqlite3'}"]
    for bad in ("0", "-5", "nan"):
        assert main(["serve", *db, "--port", "1", "--keep-alive", bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith("motcua-central: error: --keep-alive: must be a positive") and err.count("\n") == 1
    assert not (tmp_path / "c.sqlite3").exists()
