"""The app's store behind the sync engine, against a real central server process (SQLite)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.services.calendar_source import load_calendar
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.services.sync_bridge import StoreSyncBridge, build_engine, build_runner
from app.store import catalog, dossiers, outbox, settings
from sync.client.engine import RoundReport, SyncEngine
from sync.client.errors import RejectedError
from sync.client.store import IncomingChange, SyncState, SyncStore
from sync.protocol.timefmt import utc_now
from sync.server import devices
from tests.conftest import OFFICE_CODE
from tests.sync.central import Central, drain
from tests.sync.conftest import FAST_TRANSPORT, new_device
from tests.sync.fakes import MemoryStore
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    proc = CentralProcess(db_url, tmp_path / "central.log").start()
    central = Central(proc.url, db_url)
    with central.db.transaction() as tx:
        devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", utc_now())
    yield central
    central.close()
    proc.stop()


@pytest.fixture
def engine(ctx, central: Central) -> SyncEngine:  # type: ignore[no-untyped-def]
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock, FAST_TRANSPORT)
    engine.enroll(central.url, central.enrollment_code(OFFICE_CODE), "Quầy 1", expect_office=OFFICE_CODE)
    return engine


def other_device(central: Central, tmp_path: Path) -> tuple[SyncEngine, MemoryStore]:
    engine, store = new_device(central.url, tmp_path, "other")
    engine.enroll(central.url, central.enrollment_code(OFFICE_CODE), "Quầy 2")
    return engine, store


def receive(ctx, **kw):  # type: ignore[no-untyped-def]
    base = {"procedure_code": "1.004873", "applicant_name": "Nguyễn Văn Mạnh", "id_number": "001085012345", **kw}
    return receive_dossier(ctx, ReceiveInput(**base))


def test_the_bridge_is_a_sync_store(ctx) -> None:  # type: ignore[no-untyped-def]
    bridge: SyncStore = StoreSyncBridge(ctx.store, ctx.clock)
    result = receive(ctx)
    [event] = bridge.pending_events(10)
    assert (event.kind, event.aggregate_id, event.payload["code"]) == (
        "dossier.received",
        result.dossier["id"],
        result.code,
    )
    bridge.record_attempt([event.id], "offline")
    assert bridge.outbox_counts().pending == 1
    bridge.mark_acked([event.id])
    assert bridge.outbox_counts().pending == 0 and bridge.pending_events(10) == []
    bridge.save_state(SyncState(server_url="https://x", slot=None, clock_offset_s=1.5))
    assert bridge.load_state().clock_offset_s == 1.5 and bridge.get_cursor() == ""


def test_enrolment_sets_the_slot_and_a_round_sends_everything_once(ctx, engine, central, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert settings.get(ctx.store, "device_slot") == 0 and settings.get(ctx.store, "server_url") == central.url
    assert ctx.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'sync.enrol'") == 1
    first, second = receive(ctx), receive(ctx)
    change_status(ctx, first.code, 4)
    report = engine.run_once()
    assert (report.pushed, report.pending, report.rejected_total) == (3, 0, 0)
    assert outbox.counts(ctx.store) == {"pending": 0, "acked": 3, "rejected": 0}
    on_server = {d["code"]: d["status"] for d in central.dossiers(OFFICE_CODE)}
    assert on_server == {first.code: 4, second.code: 2}


def test_pulled_dossiers_statuses_catalogue_and_calendar_land_in_the_store(ctx, engine, central, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other, other_store = other_device(central, tmp_path)
    theirs = other_store.receive(procedure_code="9.000001", procedure_name="Thủ tục mới của tỉnh")
    drain(other)
    mine = receive(ctx)
    assert engine.run_once().applied == 1  # the other counter's dossier
    central.set_status(mine.code, 9, "đã xử lý")
    central.publish_catalog([{"code": "9.000001", "name_vi": "Thủ tục mới của tỉnh", "documents": []}])
    central.publish_calendar({"2027": [{"date": "2027-09-03", "kind": "holiday", "name_vi": "Nghỉ lễ thử"}]})
    report = engine.run_once()
    assert report.applied == 3
    row = dossiers.by_id(ctx.store, theirs["id"])
    assert (row["code"], row["origin"], row["status"]) == (theirs["code"], "remote", 2)
    assert [d["name"] for d in dossiers.documents(ctx.store, theirs["id"])] == ["Giấy chứng sinh"]
    assert dossiers.search_seqs(ctx.store, "hong nhung") == [row["seq"]]
    assert dossiers.by_code(ctx.store, mine.code)["status"] == 9
    assert dossiers.events(ctx.store, mine.dossier["id"])[-1]["actor"] == "central:back-office"
    assert catalog.record(ctx.store, "9.000001")["name_vi"] == "Thủ tục mới của tỉnh"
    assert load_calendar(ctx.store).entry(date(2027, 9, 3)) is not None


def test_an_unsent_local_change_is_never_overwritten(ctx, engine, central) -> None:  # type: ignore[no-untyped-def]
    result = receive(ctx)
    engine.run_once()
    central.set_status(result.code, 4, "back office")
    change_status(ctx, result.code, 3, "thiếu giấy tờ")  # the clerk's change, not sent yet
    bridge: StoreSyncBridge = engine.store  # type: ignore[assignment]
    status = {"dossier_id": result.dossier["id"], "code": result.code, "status": 4, "at": "2026-11-16T02:00:00.000Z"}
    assert bridge.apply_pulled([IncomingChange("dossier_status", result.dossier["id"], status, "x")], "77") == 0
    assert dossiers.by_code(ctx.store, result.code)["status"] == 3 and bridge.get_cursor() == "77"


def test_a_malformed_change_is_skipped_and_the_feed_goes_on(ctx) -> None:  # type: ignore[no-untyped-def]
    bridge = StoreSyncBridge(ctx.store, ctx.clock)
    bad = IncomingChange(
        "dossier",
        "x",
        {
            "id": "x",
            "code": f"{OFFICE_CODE}-261116-1001",
            "channel": "fax",
            "procedure_code": "1.004873",
            "received_at": "2026-11-16T09:00:00+07:00",
            "applicant_name": "A",
            "office_code": OFFICE_CODE,
            "status": 2,
        },
        "x",
    )
    good = IncomingChange("catalog", "9.1", {"code": "9.1", "name_vi": "Thủ tục"}, "x")
    unknown = IncomingChange("future_kind", "k", {}, "x")
    assert bridge.apply_pulled([bad, good, unknown], "5") == 1
    assert bridge.get_cursor() == "5" and ctx.store.scalar("SELECT COUNT(*) FROM dossiers") == 0


def test_a_dossier_of_an_unknown_procedure_keeps_a_hidden_placeholder(ctx, central, tmp_path, engine) -> None:  # type: ignore[no-untyped-def]
    other, other_store = other_device(central, tmp_path)
    other_store.receive(procedure_code="7.777777", procedure_name="Thủ tục lạ")
    drain(other)
    engine.run_once()
    assert ctx.store.scalar("SELECT active FROM procedures WHERE code = '7.777777'") == 0
    central.publish_catalog([{"code": "7.777777", "name_vi": "Thủ tục lạ (chính thức)"}])
    engine.run_once()
    assert catalog.record(ctx.store, "7.777777")["name_vi"] == "Thủ tục lạ (chính thức)"
    assert ctx.store.scalar("SELECT active FROM procedures WHERE code = '7.777777'") == 1


def test_a_code_of_another_office_is_refused_before_anything_is_saved(ctx, central) -> None:  # type: ignore[no-untyped-def]
    other_office = central.new_office()
    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock, FAST_TRANSPORT)
    with pytest.raises(RejectedError) as caught:
        engine.enroll(central.url, central.enrollment_code(other_office), expect_office=OFFICE_CODE)
    assert caught.value.error == "office_mismatch"
    assert engine.credentials.load() is None and engine.store.load_state().slot is None


def test_the_background_runner_has_its_own_connection_and_syncs_when_woken(ctx, engine, central) -> None:  # type: ignore[no-untyped-def]
    rounds: list[RoundReport] = []
    done = threading.Event()
    runner, store = build_runner(ctx.data_dir, on_round=lambda r: (rounds.append(r), done.set()))
    assert store is not ctx.store
    try:
        runner.start()
        assert done.wait(10)
        done.clear()
        receive(ctx)  # the GUI's connection writes the dossier and its outbox event
        runner.wake()
        # the feed watcher may add rounds of its own (one may have started before the dossier was written)
        deadline = time.monotonic() + 10
        while outbox.counts(ctx.store)["pending"] and time.monotonic() < deadline:
            done.wait(0.2)
            done.clear()
    finally:
        runner.stop()
        store.close()
    assert sum(r.pushed for r in rounds) == 1 and outbox.counts(ctx.store)["pending"] == 0
