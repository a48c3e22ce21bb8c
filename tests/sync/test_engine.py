"""The client engine against a real server: rounds, batching, rejections, pulls that respect local changes."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from sync.client import api
from sync.client.credentials import TokenFile
from sync.client.engine import EngineConfig, SyncEngine
from sync.client.errors import NotEnrolledError, OfflineError
from sync.client.status import status_of
from sync.client.store import IncomingChange, OutgoingEvent
from sync.client.transport import Transport
from tests.sync.central import Central, assert_exactly_once
from tests.sync.conftest import FAST_TRANSPORT, DeviceFactory, new_device
from tests.sync.pgserver import free_port
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow


class CountingTransport(Transport):
    """A real transport that also notes how many events each push carries."""

    def __init__(self, url: str, token: str | None, pushes: list[int]) -> None:
        super().__init__(url, token, FAST_TRANSPORT)
        self.pushes = pushes

    def call(self, method, path, model, *, body=None, **kw):  # type: ignore[no-untyped-def, override]
        if path.endswith("/events") and body is not None:
            self.pushes.append(body.count(b'"kind":'))
        return super().call(method, path, model, body=body, **kw)


def test_a_round_pushes_everything_and_the_other_device_pulls_it(central: Central, device: DeviceFactory) -> None:
    office = central.new_office()
    (a, store_a), (b, store_b) = device(office, "a"), device(office, "b")
    assert (store_a.state.slot, store_b.state.slot) == (0, 1)
    dossiers = [store_a.receive() for _ in range(3)]
    store_a.change_status(dossiers[0]["id"], 4, "2025-07-01T09:00:00+07:00")
    report = a.run_once()
    assert (report.pushed, report.rejected, report.pending, report.rejected_total) == (4, 0, 0, 0)
    report_b = b.run_once()
    # the server is shared by the session: a catalogue or calendar another test published reaches every office
    assert report_b.pulled == report_b.applied >= 4
    assert {d["id"]: d["status"] for d in store_b.dossiers.values()} == {
        d["id"]: 4 if d is dossiers[0] else 2 for d in dossiers
    }
    assert a.run_once().pulled == 0  # its own changes do not come back
    assert_exactly_once(central, office, [store_a, store_b])


def test_batches_are_bounded_by_count_and_by_bytes(central: Central, device: DeviceFactory, tmp_path: Path) -> None:
    office = central.new_office()
    pushes: list[int] = []
    factory = lambda url, token: CountingTransport(url, token, pushes)  # noqa: E731
    engine, store = device(office)
    engine = SyncEngine(store, engine.credentials, config=EngineConfig(batch_events=10), transport_factory=factory)
    for _ in range(25):
        store.receive()
    engine.run_once()
    assert pushes == [10, 10, 5]
    for _ in range(6):
        store.receive(notes="x" * 3000)
    engine = SyncEngine(store, engine.credentials, config=EngineConfig(batch_bytes=8000), transport_factory=factory)
    pushes.clear()
    engine.run_once()
    assert pushes == [2, 2, 2]
    assert_exactly_once(central, office, [store])


def test_too_large_batches_are_halved_and_a_too_large_event_is_set_aside(central: Central, tmp_path: Path) -> None:
    proc = CentralProcess(central.db_url, tmp_path / "small.log", args=("--max-body-bytes", "20000")).start()
    try:
        office = central.new_office()
        engine, store = new_device(proc.url, tmp_path)
        engine.enroll(proc.url, central.enrollment_code(office))
        for _ in range(40):
            store.receive(notes=secrets.token_hex(800))  # random: gzip cannot shrink it below the limit
        huge = store.receive(notes=secrets.token_hex(20000))
        report = engine.run_once()
        assert (report.pushed, report.rejected, report.pending) == (40, 1, 0)
        [rejected] = store.ids("rejected")
        assert store.outbox[rejected]["event"].aggregate_id == huge["id"]
        assert store.outbox[rejected]["reason"].startswith("body_too_large")
    finally:
        proc.stop()


def test_a_corrupt_outbox_row_is_isolated_and_set_aside(central: Central, device: DeviceFactory) -> None:
    engine, store = device(central.new_office())
    store.receive_many(5)
    broken = store.ids()[2]
    row = store.outbox[broken]
    row["event"] = OutgoingEvent(broken, "x" * 100, row["event"].aggregate_id, row["event"].payload, "")
    report = engine.run_once()
    assert (report.pushed, report.rejected, report.pending) == (4, 1, 0)
    assert store.ids("rejected") == [broken] and store.outbox[broken]["reason"].startswith("bad_request: HTTP 422")


def test_a_rejected_event_never_blocks_the_rest_and_goes_through_once_fixed(
    central: Central, device: DeviceFactory
) -> None:
    office = central.new_office()
    engine, store = device(office)
    first = store.receive()
    bad = store.receive(channel="fax")
    status_of_bad = store.change_status(bad["id"], 4, "2025-07-01T09:00:00+07:00")
    last = store.receive()
    report = engine.run_once()
    assert (report.pushed, report.rejected, report.pending, report.rejected_total) == (2, 2, 0, 2)
    assert {d["id"] for d in central.dossiers(office)} == {first["id"], last["id"]}
    [received_event] = [i for i in store.ids("rejected") if store.outbox[i]["event"].kind == "dossier.received"]
    assert store.outbox[received_event]["reason"] == "invalid_field: channel: must be counter, online or post"
    store.requeue(received_event, {**bad, "channel": "post"})
    store.requeue(status_of_bad)
    report = engine.run_once()
    assert (report.pushed, report.rejected_total) == (2, 0)
    assert_exactly_once(central, office, [store])


def test_a_pull_never_overwrites_an_unsent_change_and_the_winner_comes_back(
    central: Central, device: DeviceFactory
) -> None:
    office = central.new_office()
    engine, store = device(office)
    dossier = store.receive()
    engine.run_once()
    store.change_status(dossier["id"], 9, "2025-07-01T09:00:00+07:00")  # unsent: the clerk is offline
    central.set_status(dossier["code"], 4, "back office, later")  # happens after, by the clock
    # A pull before the push (the skip rule itself) leaves the clerk's status 9 alone.
    page = api.pull(Transport(central.url, engine.credentials.load()), store.cursor, 100)
    store.apply_pulled([IncomingChange(c.kind, c.key, c.data, c.at) for c in page.changes], page.cursor)
    assert store.dossiers[dossier["id"]]["status"] == 9
    engine.run_once()  # push first: the server keeps the later status and sends it back
    assert store.dossiers[dossier["id"]]["status"] == 4
    assert central.dossiers(office)[0]["status"] == 4


def test_catalogue_and_calendar_arrive_with_the_feed(central: Central, device: DeviceFactory) -> None:
    engine, store = device(central.new_office())
    central.publish_catalog([{"code": "9.999999", "name_vi": "Thủ tục thử"}])
    central.publish_catalog([{"code": "9.999999", "name_vi": "Thủ tục thử (sửa)"}])
    calendar = {"2027": [{"date": "2027-01-01", "kind": "holiday", "name_vi": "Tết Dương lịch"}]}
    central.publish_calendar(calendar)
    engine.run_once()
    assert store.catalog["9.999999"]["name_vi"] == "Thủ tục thử (sửa)"
    assert store.calendar == calendar


def test_state_remembers_the_round_and_the_clock(central: Central, device: DeviceFactory) -> None:
    engine, store = device(central.new_office())
    engine.run_once()
    state = store.load_state()
    assert state.last_error is None and state.last_sync_at is not None
    assert state.clock_offset_s is not None and abs(state.clock_offset_s) < 2
    status = status_of(state, store.outbox_counts(), enrolled=True)
    assert status.online is True and not status.clock_warning and status.slot == 0


def test_offline_and_not_enrolled_are_typed_and_lose_nothing(central: Central, tmp_path: Path) -> None:
    engine, store = new_device(central.url, tmp_path)
    with pytest.raises(NotEnrolledError):
        engine.run_once()
    engine.enroll(central.url, central.enrollment_code(central.new_office()))
    store.receive()
    store.state.server_url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    with pytest.raises(OfflineError):
        engine.run_once()
    assert store.load_state().last_error == "offline" and len(store.ids("pending")) == 1
    assert status_of(store.load_state(), store.outbox_counts(), enrolled=True).online is False
    assert engine.run_once(server_url=central.url).pushed == 1  # --server overrides for one run


def test_enrolling_in_another_office_starts_the_feed_again(central: Central, tmp_path: Path) -> None:
    engine, store = new_device(central.url, tmp_path)
    engine.enroll(central.url, central.enrollment_code(central.new_office()))
    engine.run_once()
    assert store.cursor != ""
    first_id = store.state.device_id
    state = engine.enroll(central.url, central.enrollment_code(central.new_office()))
    assert store.cursor == "" and state.slot == 0
    assert TokenFile(tmp_path / "pc.token").load() is not None
    # the first office's device record is not touched: the moved device is a new device there
    assert state.device_id != first_id
