"""Fault injection between a real client and a real server process, on SQLite and PostgreSQL.

Each test breaks the link or the server in one way, lets the device sync as the background runner would, and
ends with the invariant: every event and dossier exactly once on the server, the outbox empty, nothing lost.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.client.engine import EngineConfig, SyncEngine
from sync.client.errors import OfflineError
from sync.client.transport import TransportConfig
from tests.sync.central import Central, assert_exactly_once, drain, expect_auth_error
from tests.sync.chaos import FORWARD, Action, ChaosProxy, Policy
from tests.sync.conftest import new_device
from tests.sync.fakes import MemoryStore
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow


@dataclass
class Rig:
    server: CentralProcess
    central: Central
    proxy: ChaosProxy
    folder: Path
    restarts: int = 0

    def device(self, office: str, name: str = "pc", **options: object) -> tuple[SyncEngine, MemoryStore]:
        engine, store = new_device(self.proxy.url, self.folder, name, **options)
        engine.enroll(self.proxy.url, self.central.enrollment_code(office), name)
        return engine, store

    def restart_if_dead(self) -> None:
        if self.server.proc is not None and self.server.proc.poll() is not None:
            self.server.start()
            self.restarts += 1


@pytest.fixture
def rig(db_url: str, tmp_path: Path) -> Iterator[Rig]:
    server = CentralProcess(db_url, tmp_path / "server.log").start()
    proxy = ChaosProxy(server.port).start()
    central = Central(server.url, db_url)
    yield Rig(server, central, proxy, tmp_path)
    proxy.stop()
    central.close()
    server.stop()


def pushes(actions: dict[int, Action], default: Action = FORWARD) -> Policy:
    """A policy that numbers the pushes (from 1) and breaks the ones named; other requests get ``default``."""
    count = 0

    def policy(_: int, head: bytes) -> Action:
        nonlocal count
        if not head.startswith(b"POST /v1/events"):
            return default
        count += 1
        return actions.get(count, default)

    return policy


def test_server_killed_in_the_middle_of_a_batch(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, config=EngineConfig(batch_events=300))
    store.receive_many(1200)
    rng = random.Random(7)

    def kill_soon() -> None:  # the batch is on the server: kill it while it works on the batch
        threading.Timer(rng.uniform(0.0, 0.04), rig.server.kill).start()

    rig.proxy.policy = pushes({2: Action(on_sent=kill_soon), 4: Action(on_sent=kill_soon)})
    drain(engine, between=rig.restart_if_dead)
    assert rig.restarts == 2
    assert_exactly_once(rig.central, office, [store])


def test_the_server_commits_but_the_answer_is_lost(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, config=EngineConfig(batch_events=50))
    store.receive_many(200)
    lost = {n: Action("drop_response") for n in range(1, 12, 2)}
    rig.proxy.policy = pushes(lost)
    drain(engine)
    assert sum(1 for _, line, _ in rig.proxy.seen if line.startswith("POST")) > 4  # answers were lost, retried
    assert_exactly_once(rig.central, office, [store])


def test_duplicated_and_reordered_deliveries(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, "a")
    other, other_store = rig.device(office, "b")
    dossiers = [store.receive() for _ in range(30)]
    store.change_status(dossiers[0]["id"], 4, "2025-07-01T09:00:00+07:00")
    # The first delivery is held back (the device sees it fail and retries); every other one arrives twice.
    rig.proxy.policy = pushes({1: Action("hold")}, default=Action("duplicate"))
    drain(engine)
    store.change_status(dossiers[0]["id"], 9, "2025-07-01T10:00:00+07:00")
    drain(engine)
    assert rig.proxy.release_held() == 1  # the old batch arrives last, after the newer status
    other.run_once()
    assert {d["code"]: d["status"] for d in rig.central.dossiers(office)}[dossiers[0]["code"]] == 9
    assert other_store.dossiers[dossiers[0]["id"]]["status"] == 9
    assert len(other_store.dossiers) == 30
    assert_exactly_once(rig.central, office, [store])


def test_500s_and_timeouts(rig: Rig) -> None:
    office = rig.central.new_office()
    transport = TransportConfig(connect_timeout=1.0, read_timeout=0.5, attempts=2, backoff_base=0.01)
    engine, store = rig.device(office, config=EngineConfig(batch_events=40), transport_config=transport)
    store.receive_many(200)
    # A timed-out request still reaches the server late, racing the device's retry of the same batch.
    cycle = [Action("status_500"), Action("forward_then_500"), Action(delay=0.8), FORWARD]
    rig.proxy.policy = lambda n, head: cycle[n % len(cycle)]
    drain(engine)
    kinds = {kind for _, _, kind in rig.proxy.seen}
    assert {"status_500", "forward_then_500"} <= kinds
    assert_exactly_once(rig.central, office, [store])


def test_truncated_bodies(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, config=EngineConfig(batch_events=40))
    store.receive_many(160)
    cycle = [Action("truncate_request"), Action("truncate_response"), FORWARD]
    rig.proxy.policy = lambda n, head: cycle[n % len(cycle)]
    drain(engine)
    assert_exactly_once(rig.central, office, [store])


def test_slow_lossy_link(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, config=EngineConfig(batch_events=25))
    store.receive_many(150)
    rng = random.Random(11)
    faults = ["reset", "drop_response", "truncate_response", "truncate_request"]

    def lossy(_: int, head: bytes) -> Action:
        kind = rng.choice(faults) if rng.random() < 0.3 else "forward"
        return Action(kind, delay=rng.uniform(0.02, 0.08), bandwidth=64 * 1024)

    rig.proxy.policy = lossy
    drain(engine)
    assert_exactly_once(rig.central, office, [store])


def test_two_devices_of_one_office_offline_at_once(rig: Rig) -> None:
    office = rig.central.new_office()
    (a, store_a), (b, store_b) = rig.device(office, "a"), rig.device(office, "b")
    rig.proxy.policy = lambda n, head: Action("reset")  # the commune's line is down
    for _ in range(40):
        store_a.receive()
        store_b.receive()
    for engine in (a, b):
        with pytest.raises(OfflineError):
            engine.run_once()
    assert len(store_a.ids("pending")) == len(store_b.ids("pending")) == 40
    rig.proxy.policy = lambda n, head: FORWARD
    threads = [threading.Thread(target=drain, args=(engine,)) for engine in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    a.run_once(), b.run_once()
    assert_exactly_once(rig.central, office, [store_a, store_b])
    codes = {d["code"] for d in rig.central.dossiers(office)}
    assert len(codes) == 80
    assert {d["code"] for d in store_a.dossiers.values()} == codes == {d["code"] for d in store_b.dossiers.values()}
    assert all(int(d["code"][-4:]) < 1000 for d in store_a.dossiers.values() if d.get("origin") != "remote")


def test_a_revoked_token_loses_nothing_and_the_device_resumes_after_enrolling_again(rig: Rig) -> None:
    office = rig.central.new_office()
    engine, store = rig.device(office, config=EngineConfig(batch_events=20, max_batches_per_round=2))
    store.receive_many(100)
    assert engine.run_once().pushed == 40
    rig.central.revoke(store.state.device_id)
    error = expect_auth_error(engine)
    assert error.revoked and store.load_state().last_error == "auth"
    assert len(store.ids("pending")) == 60
    engine.enroll(rig.proxy.url, rig.central.enrollment_code(office))
    drain(engine)
    assert_exactly_once(rig.central, office, [store])
