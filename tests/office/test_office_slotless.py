"""Issue 13 follow-up: a ticket kiosk and waiting-room screens enrol with no device slot, so an office keeps its
ten slots for ten counters. Real hub process on 127.0.0.1 (``motcua hub serve``), PCs enrolled through the CLI."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
import uuid6

from app.domain.errors import ValidationError
from app.store import outbox
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from sync.server.ingest import ingest
from sync.server.schema import migrate
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Office, central_cli, motcua
from tests.office.helpers import remote
from tests.office.test_whole_office import SUPERVISOR, Screen, until
from tests.sync.fakes import dossier_payload

pytestmark = pytest.mark.slow
NO_DOSSIER = "kiosk or waiting-room screen with no device slot"


def _hub_devices(office: Office) -> list[dict]:
    code, status, err = motcua(office.hub_dir, "hub", "status", "--json")
    assert code == 0, err
    return [d for d in status["devices"] if d["revoked_at"] is None]


def test_ten_counters_a_kiosk_and_two_screens_share_one_office(fresh_office: Office) -> None:
    office = fresh_office
    counters = [office.counter(f"quay-{n}") for n in range(10)]
    kiosk = office.counter("kiosk", role="kiosk")
    screens = [office.counter(f"man-hinh-{n}", role="screen") for n in range(2)]
    rows = _hub_devices(office)
    assert sorted(r["slot"] for r in rows if r["role"] == "device") == list(range(10))
    assert sorted((r["role"], r["slot"]) for r in rows if r["role"] != "device") == [
        ("kiosk", None), ("screen", None), ("screen", None)]  # fmt: skip

    # An 11th counter is still refused, and says why.
    extra = office.counter("quay-11", enrol=False)
    code, _, err = motcua(extra.data_dir, "enroll", "--server", office.hub.url, "--code", office.hub_code(), "--json")
    assert code != 0 and "no free slot" in err and len(err.strip().splitlines()) == 1

    # The kiosk issues on the hub; a screen follows the call stream; a counter calls.
    supervisor = dataclasses.replace(counters[0].ctx, actor=SUPERVISOR)
    remote(supervisor).set_counter(supervisor, 1, ["A"])
    screen = Screen(screens[0])
    try:
        # A call made before the stream opens is in its opening board, not a "calls" event: on a loaded machine
        # the screen's TLS session could open after the call (the test timed out in a full run).
        until(screen.opened.is_set, timeout=30)
        issued = remote(kiosk.ctx).issue_ticket(kiosk.ctx, "A", "", "kiosk").ticket.number
        assert not issued[:1].isdigit(), "a hub number, not a slot-prefixed one"
        assert remote(counters[0].ctx).call_next(counters[0].ctx, 1).ticket.number == issued
        until(lambda: issued in [n for _, n in screen.calls], timeout=15)
    finally:
        screen.stop()
    for pc in (kiosk, *screens):
        pc.sync()  # a slotless PC syncs like any other


def test_a_dossier_on_the_kiosk_is_refused_and_nothing_is_written(office: Office) -> None:
    kiosk = office.counter("kiosk", role="kiosk")
    with pytest.raises(ValidationError) as refused:
        kiosk.receive("Trần Văn Kiốt")
    assert refused.value.field == "device" and NO_DOSSIER in refused.value.reason_en
    code, _, err = motcua(kiosk.data_dir, "dossier", "receive", "--procedure", "1.001193", "--name", "Lê An")
    assert code != 0 and NO_DOSSIER in err and len(err.strip().splitlines()) == 1
    assert kiosk.codes() == set() and outbox.counts(kiosk.ctx.store)["pending"] == 0
    assert kiosk.ctx.store.query_one("SELECT COUNT(*) AS n FROM daily_counters")["n"] == 0


def test_hub_down_a_kiosk_without_a_slot_says_tickets_are_issued_at_the_counters(office: Office) -> None:
    kiosk = office.counter("kiosk", role="kiosk")
    office.hub.stop()
    try:
        code, _, err = motcua(kiosk.data_dir, "ticket", "issue", "--service", "A")
        assert code != 0 and "tickets are issued at the counters until the hub is back" in err
        assert len(err.strip().splitlines()) == 1
        assert kiosk.ctx.store.query_one("SELECT COUNT(*) AS n FROM queue_tickets")["n"] == 0
    finally:
        office.hub.start()


def test_the_server_refuses_dossier_codes_from_a_slotless_device(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=1)
    migrate(db)
    now = utc_now()
    with db.transaction() as tx:
        devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", now)
        code = devices.new_enrollment_code(tx, OFFICE_CODE, now, role=devices.ROLE_KIOSK)
        kiosk = devices.enroll(tx, code, str(uuid.uuid4()), "kiosk", now, 60)[0]
        assert kiosk.slot is None
        payload = dossier_payload(OFFICE_CODE, 0, 1)
        event = WireEvent(id=str(uuid6.uuid7()), kind="dossier.received", aggregate_id=payload["id"],
                          payload=payload, created_at=payload["received_at"])
        [answer] = ingest(tx, kiosk, [event], now)
        assert answer["result"] == "rejected" and answer["error"] == devices.ERR_NO_SLOT
        assert tx.one("SELECT COUNT(*) AS n FROM dossiers")["n"] == 0
        # A counter PC turned into a kiosk gives its slot up (held until the quarantine ends, then free).
        pc = str(uuid.uuid4())
        assert devices.enroll(tx, devices.new_enrollment_code(tx, OFFICE_CODE, now), pc, "quầy", now, 60)[0].slot == 0
        code = devices.new_enrollment_code(tx, OFFICE_CODE, now, role=devices.ROLE_SCREEN)
        assert devices.enroll(tx, code, pc, "màn hình", now, 60)[0].slot is None
        assert tx.one("SELECT until FROM slot_holds WHERE device_id = ?", (pc,))["until"] == now
        with pytest.raises(ValueError, match="role"):
            devices.new_enrollment_code(tx, OFFICE_CODE, now, role="printer")
    db.close()
    made = central_cli(f"sqlite:///{tmp_path / 'hub.sqlite3'}", "enrollment-code", "--office", OFFICE_CODE,
                       "--role", "screen", "--json")
    assert made["role"] == "screen" and len(made["code"]) == 14
