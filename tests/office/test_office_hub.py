"""Issue 13: one office, many PCs, one hub between them and the province — real processes on 127.0.0.1.

The province is a ``motcua-central`` process, the hub a ``motcua hub serve`` process over HTTPS with its own
certificate, the counters are app data folders enrolled with ``motcua enroll`` and the hub's code."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uuid6

from app.services.clock import SystemClock
from app.services.hub_keys import AppHubKeys
from app.services.sync_bridge import build_engine, build_runner
from app.store import outbox, settings
from sync.client import api
from sync.client.errors import AuthError, OfflineError
from sync.client.pinning import short_fingerprint
from sync.client.runner import RunnerConfig
from sync.client.transport import Transport, TransportConfig
from sync.hub import forward
from sync.hub import keys as hub_keys
from sync.hub.folder import HubFolder
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from sync.server.devices import Device
from sync.server.ingest import ingest
from sync.server.schema import migrate
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Counter, Office, central_cli, motcua
from tests.office.hubproc import HubProcess
from tests.sync.fakes import dossier_payload
from tests.sync.serverproc import REPO

pytestmark = pytest.mark.slow
NAMES = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Em",
    "Giang",
    "Hà",
    "Khánh",
    "Lan",
    "Minh",
    "Nga",
    "Oanh",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Uyên",
    "Vân",
    "Xuân",
    "Yến",
]


def until(check: Callable[[], bool], timeout: float = 10.0) -> float:
    """Seconds it took ``check`` to hold; fails after ``timeout``."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.02)
    return time.monotonic() - start


def _sync_all(counters: list[Counter]) -> None:
    for c in counters:
        c.sync()


def _province_codes(office: Office) -> list[str]:
    return sorted(d["code"] for d in office.province.dossiers(OFFICE_CODE))


def test_twenty_dossiers_on_three_counters_with_the_hub_killed_in_the_middle(office: Office) -> None:
    counters = [office.counter(f"quay-{i}") for i in (1, 2, 3)]
    made = []
    for i in range(20):
        if i == 10:
            office.hub.kill()  # SIGKILL: in-flight work cut, the lock file left behind
            with pytest.raises(OfflineError):
                counters[0].sync()
        made.append(counters[i % 3].receive(f"Người nộp {NAMES[i]}").code)  # the counter goes on: its own store
        if i % 4 == 0 and i < 10:
            counters[i % 3].sync()
    office.hub.start()  # the stale lock of the killed process does not block the restart
    _sync_all(counters)
    _sync_all(counters)  # the second round pulls what the others sent in the first
    for c in counters:
        assert c.codes() >= set(made), "each counter finds every dossier of the office"
        assert outbox.counts(c.ctx.store)["pending"] == 0
    until(lambda: set(made) <= set(_province_codes(office)))
    sent = {r["id"] for c in counters for r in c.ctx.store.query("SELECT id FROM outbox")}
    until(lambda: sent <= {e["id"] for e in office.province.events(OFFICE_CODE)})  # the same ids, end to end
    events = [e for e in office.province.events(OFFICE_CODE) if e["id"] in sent]
    assert all(e["result"] == "accepted" for e in events)
    assert sum(e["kind"] == "dossier.received" for e in events) == 20, "every dossier at the province exactly once"
    assert sorted(c for c in _province_codes(office) if c in set(made)) == sorted(made)
    code, status, err = motcua(office.hub_dir, "hub", "status", "--json")
    assert code == 0, err
    until(lambda: motcua(office.hub_dir, "hub", "status", "--json")[1]["forward"]["waiting"] == 0)
    assert status["forward"]["refused"] == 0


def test_a_device_revoked_at_the_hub_is_refused(office: Office) -> None:
    counter = office.counter("quay-thu-hoi")
    counter.sync()
    device_id = build_engine(counter.ctx.store, counter.data_dir).store.load_state().device_id
    code, _, err = motcua(office.hub_dir, "hub", "revoke", device_id)
    assert code == 0, err
    counter.receive("Sau khi thu hồi")
    with pytest.raises(AuthError):
        counter.sync()
    assert outbox.counts(counter.ctx.store)["pending"] == 1  # kept for when it is enrolled again


def test_a_counter_hears_of_another_counters_dossier_at_once_and_reconnects_after_the_hub_was_down(
    office: Office,
) -> None:
    a, b = office.counter("quay-1"), office.counter("quay-2")
    b.sync()
    runner, store = build_runner(b.data_dir, config=RunnerConfig(watch=True, probe_interval=60.0))
    runner.start()
    try:
        code = a.receive("Lê Văn Tám").code
        a.sync()
        seen = until(lambda: code in b.codes(), timeout=5.0)
        office.hub.kill()
        time.sleep(0.5)
        office.hub.start()
        code2 = a.receive("Phạm Thị Hoa").code
        a.sync()
        back = until(lambda: code2 in b.codes(), timeout=10.0)  # no manual sync: the watcher saw the hub back
    finally:
        runner.stop()
        store.close()
    print(f"visible at the other counter after {seen:.3f} s; after the hub came back {back:.3f} s")


def test_a_device_moved_from_the_province_to_the_hub_loses_and_repeats_nothing(fresh_office: Office) -> None:
    office = fresh_office
    mover = office.counter("quay-cu", enrol=False)
    province_code = office.province_code()
    code, _, err = motcua(
        mover.data_dir, "enroll", "--server", office.central.url, "--code", province_code
    )
    assert code == 0, err
    slot = settings.get(mover.ctx.store, "device_slot")
    first = mover.receive("Trước khi chuyển").code
    mover.sync()  # reached the province directly
    pending = mover.receive("Chưa gửi khi chuyển").code  # still in the outbox at the move
    other = office.counter("quay-1")
    other_code = other.receive("Quầy khác").code
    other.sync()
    code, out, err = motcua(
        mover.data_dir, "enroll", "--server", office.hub.url, "--code", office.hub_code(), "--json"
    )
    assert code == 0, err
    assert out["slot"] == slot, "the moved device keeps its slot: the numbers it gave stay its own"
    mover.sync()
    mover.sync()
    assert mover.codes() == {first, pending, other_code}
    until(lambda: _province_codes(office) == sorted([first, pending, other_code]))
    kinds = [e["kind"] for e in office.province.events(OFFICE_CODE)]
    assert kinds.count("dossier.received") == 3


def test_a_second_hub_is_refused_for_the_same_folder_and_for_the_same_office(office: Office) -> None:
    second = HubProcess(office.hub_dir)
    done = subprocess.run(
        second.command(),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 3
    assert "already running" in done.stderr or "đã đang chạy" in done.stderr
    other_code = office.province_code("--hub")
    code, _, err = motcua(
        office.root / "hub-2",
        "hub",
        "init",
        "--office-code",
        OFFICE_CODE,
        "--upstream",
        office.central.url,
        "--code",
        other_code,
    )
    assert code == 2 and "already has another active hub" in err and err.count("\n") == 1
    code, _, err = motcua(
        office.hub_dir,
        "hub",
        "init",
        "--office-code",
        OFFICE_CODE,
        "--upstream",
        office.central.url,
        "--code",
        other_code,
    )
    assert code == 2 and "already the hub of office" in err  # a second init changes nothing
    assert office.hub.proc is not None and office.hub.proc.poll() is None  # the running hub is untouched


def test_a_wrong_fingerprint_or_another_office_is_refused_and_says_why(office: Office) -> None:
    device = office.counter("la", enrol=False)
    good = office.hub_code()
    forged = good[:14] + "-".join(short_fingerprint("ab" * 32)[i : i + 4] for i in range(0, 16, 4))
    code, _, err = motcua(device.data_dir, "enroll", "--server", office.hub.url, "--code", forged)
    assert code == 3 and "does not match the fingerprint" in err and err.count("\n") == 1
    code, _, err = motcua(
        device.data_dir, "enroll", "--server", office.hub.url.replace("https", "http"), "--code", good
    )
    assert code == 3 and "https://" in err
    settings.set_many(device.ctx.store, {"office_code": "000.00.99.X01"})
    code, _, err = motcua(device.data_dir, "enroll", "--server", office.hub.url, "--code", good)
    assert code == 2 and "office_mismatch" in err
    settings.set_many(device.ctx.store, {"office_code": OFFICE_CODE})
    code, _, err = motcua(device.data_dir, "enroll", "--server", office.hub.url, "--code", good)
    assert code == 0, err  # the refusals burnt nothing


class _Ahead(SystemClock):
    def now(self) -> datetime:
        return super().now() + timedelta(minutes=10)


def test_a_device_clock_ten_minutes_ahead_is_ordered_by_the_hubs_time(office: Office) -> None:
    ahead = office.counter("quay-lech", clock=_Ahead())
    received = datetime.now(UTC)
    made = ahead.receive("Đồng hồ sai").code
    time.sleep(2.5)  # sent later: capping at arrival alone would give the arrival time
    assert ahead.sync().pushed == 1
    db = hub_keys.open_database(HubFolder.of_data_dir(office.hub_dir), AppHubKeys())
    try:
        with db.transaction(write=False) as tx:
            row = tx.one("SELECT received_at, data FROM dossiers WHERE code = ?", (made,))
    finally:
        db.close()
    assert row is not None
    hub_time = datetime.fromisoformat(row["received_at"].replace("Z", "+00:00"))
    # the hub's view: the device's +10 min corrected by the skew its push showed, to the second
    assert received - timedelta(seconds=1.5) <= hub_time <= received + timedelta(seconds=1.5), (received, hub_time)
    until(lambda: made in _province_codes(office))


def test_enrol_without_an_address_finds_the_hub_of_its_office_on_the_lan(office: Office) -> None:
    from sync.hub.discovery import Announcer

    device = office.counter("quay-moi", enrol=False)
    code, _, err = motcua(device.data_dir, "enroll", "--code", office.hub_code())
    assert code == 2 and "no hub of office" in err  # nobody announces yet: the typed URL stays the way in
    announcer = Announcer.start(OFFICE_CODE, "127.0.0.1", office.hub.port)  # what `hub serve` announces
    try:
        code, out, err = motcua(device.data_dir, "enroll", "--code", office.hub_code(), "--json")
    finally:
        announcer.close()
    assert code == 0, err
    assert out["server"] == office.hub.url and out["office_code"] == OFFICE_CODE


def test_forwarding_again_after_a_lost_answer_stores_nothing_twice(office: Office, tmp_path: Path) -> None:
    """The hub dies after the province stored a batch but before the hub recorded the answers: the next pass
    sends the batch again, with the same ids and bodies, and the province answers "accepted" storing nothing."""
    other = f"000.00.77.T{uuid.uuid4().hex[:4].upper()}"
    central_cli(office.central.db_url, "office", "add", "--code", other, "--name", "UBND xã Thử")
    hub_code = central_cli(office.central.db_url, "enrollment-code", "--office", other, "--hub")
    t = Transport(office.central.url, None, TransportConfig(attempts=1))
    t.token = api.enroll(t, hub_code, str(uuid.uuid4()), "hub", other).token
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=1)
    migrate(db)
    now = utc_now()
    with db.transaction() as tx:
        devices.add_office(tx, other, "UBND xã Thử", now)
        counter = Device(str(uuid.uuid4()), other, "quầy", 0)
        events = []
        for n in range(1, 6):
            payload = dossier_payload(other, 0, n)
            events.append(WireEvent(id=str(uuid6.uuid7()), kind="dossier.received", aggregate_id=payload["id"],
                                    payload=payload, created_at=payload["received_at"]))
        assert {r["result"] for r in ingest(tx, counter, events, now)} == {"accepted"}
    assert forward.forward_once(db, t, other) == (5, 0)
    with db.transaction() as tx:
        tx.execute("DELETE FROM hub_forwarded")  # the answers were never recorded
    assert forward.forward_once(db, t, other) == (5, 0)  # sent again, accepted again
    assert forward.forward_once(db, t, other) == (0, 0)
    t.close()
    db.close()
    stored = office.province.events(other)
    assert sorted(e["id"] for e in stored) == sorted(e.id for e in events) and len(office.province.dossiers(other)) == 5
