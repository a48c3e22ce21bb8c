"""Whose a forwarded event is (:mod:`sync.server.origin`): a slotless device changes no dossier, directly or
through a hub; a hub cannot speak for another office's device; the clock skew a hub measured on its device
travels with the event, so the province orders status changes by that device's corrected time.

The province is a real ``motcua-central`` process on 127.0.0.1; the hub's side is its real database and its
real forwarder (:func:`sync.hub.forward.forward_once`) pushing over HTTP, as ``motcua hub serve`` does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import uuid6

from sync.client import api
from sync.client.transport import Transport, TransportConfig
from sync.hub import forward
from sync.protocol import constants as c
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import format_utc, utc_now
from sync.server import devices
from sync.server.db import Database
from sync.server.ingest import ingest
from sync.server.origin import ERR_FOREIGN_DEVICE
from sync.server.schema import migrate
from tests.sync.fakes import dossier_payload
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
CONFIG = TransportConfig(connect_timeout=2, read_timeout=10, attempts=1)


def _event(kind: str, payload: dict[str, Any], aggregate: str) -> WireEvent:
    return WireEvent(id=str(uuid6.uuid7()), kind=kind, aggregate_id=aggregate, payload=payload,
                     created_at=payload.get("at") or payload.get("received_at"))


def received(office: str, slot: int, number: int) -> WireEvent:
    p = dossier_payload(office, slot, number)
    return _event(c.EVENT_DOSSIER_RECEIVED, p, p["id"])


def status(dossier: WireEvent, to: int, at: datetime) -> WireEvent:
    p = {"dossier_id": dossier.payload["id"], "code": dossier.payload["code"], "from_status": 2, "to_status": to,
         "reason": "", "at": format_utc(at), "actor": "clerk1"}
    return _event(c.EVENT_STATUS_CHANGED, p, p["dossier_id"])


def corrected(dossier: WireEvent) -> WireEvent:
    p = {"dossier_id": dossier.payload["id"], "code": dossier.payload["code"],
         "fields": {"applicant_name": "Lê Văn Sửa"}, "reason": "gõ nhầm", "at": utc_now(), "actor": "clerk1"}
    return _event(c.EVENT_APPLICANT_CORRECTED, p, p["dossier_id"])


def _enrol(db: Database, office: str, role: str = devices.ROLE_DEVICE) -> devices.Device:
    now = utc_now()
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, office, now, role=role)
        return devices.enroll(tx, code, str(uuid.uuid4()), role, now, 60)[0]


def _push(db: Database, device: devices.Device, events: list[WireEvent], sent_at: str | None = None) -> list[dict]:
    now = utc_now()
    with db.transaction() as tx:
        return ingest(tx, device, events, now, sent_at or now)


def _dossier(db: Database, dossier_id: str) -> dict[str, Any]:
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT status, device_id, data FROM dossiers WHERE id = ?", (dossier_id,))
    assert row is not None
    return row


class Province:
    def __init__(self, folder: Path) -> None:
        url = f"sqlite:///{folder / 'province.sqlite3'}"
        self.proc = CentralProcess(url, folder / "province.log").start()
        self.db = Database(url, pool_size=2)
        self.url = self.proc.url

    def office(self) -> str:
        code = f"000.00.77.H{uuid.uuid4().hex[:5].upper()}"
        with self.db.transaction() as tx:
            devices.add_office(tx, code, "UBND xã Thử", utc_now())
        return code

    def close(self) -> None:
        self.db.close()
        self.proc.stop()

    def enrol(self, office: str, role: str = devices.ROLE_DEVICE) -> tuple[str, Transport]:
        with self.db.transaction() as tx:
            code = devices.new_enrollment_code(tx, office, utc_now(), role=role)
        device_id = str(uuid.uuid4())
        answer = requests.post(self.url + "/v1/enroll", json={"code": code, "device_id": device_id}, timeout=10)
        assert answer.status_code == 200, answer.text
        return device_id, Transport(self.url, answer.json()["token"], CONFIG)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Province]:
    p = Province(tmp_path_factory.mktemp("origin"))
    yield p
    p.close()


class Hub:
    """The hub's own database with one office, and its forwarder's link to the province."""

    def __init__(self, folder: Path, province: Province, office: str) -> None:
        self.office = office
        self.db = Database(f"sqlite:///{folder / 'hub.sqlite3'}", pool_size=2)
        migrate(self.db)
        with self.db.transaction() as tx:
            devices.add_office(tx, office, "UBND xã Thử", utc_now())
        self.id, self.up = province.enrol(office, devices.ROLE_HUB)

    def forward(self) -> None:
        while forward.forward_once(self.db, self.up, self.office)[0]:
            pass


def test_a_slotless_device_changes_no_dossier_and_its_queue_events_still_count(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=2)
    migrate(db)
    office = "000.00.77.H00001"
    with db.transaction() as tx:
        devices.add_office(tx, office, "UBND xã Thử", utc_now())
    counter, kiosk = _enrol(db, office), _enrol(db, office, devices.ROLE_KIOSK)
    dossier = received(office, counter.slot, counter.slot * 1000 + 1)
    assert _push(db, counter, [dossier])[0]["result"] == "accepted"
    answers = _push(db, kiosk, [status(dossier, 4, datetime.now(UTC)), corrected(dossier), received(office, 0, 2)])
    assert [(a["result"], a["error"]) for a in answers] == [("rejected", devices.ERR_NO_SLOT)] * 3
    assert all("no slot" in a["message"] and a["message"].startswith("device_id:") for a in answers)
    row = _dossier(db, dossier.payload["id"])
    assert row["status"] == 2 and "Sửa" not in row["data"]  # nothing written
    # the same changes from the counter go through: the refusal is the kiosk's, not the events'
    assert [a["result"] for a in _push(db, counter, [status(dossier, 4, datetime.now(UTC)), corrected(dossier)])] == [
        "accepted", "accepted"]
    db.close()


def test_through_a_hub_the_province_refuses_a_kiosk_and_another_office_s_device(
    province: Province, tmp_path: Path
) -> None:
    office, elsewhere = province.office(), province.office()
    hub = Hub(tmp_path, province, office)
    kiosk_id, _ = province.enrol(office, devices.ROLE_KIOSK)  # once direct at the province, known as a kiosk
    stranger_id, _ = province.enrol(elsewhere)
    counter = _enrol(hub.db, office)
    dossier = received(office, counter.slot, counter.slot * 1000 + 7)
    _push(hub.db, counter, [dossier])
    hub.forward()
    # what a hub's database would hold if its edge had let them through (an older hub, a restored copy)
    bad = [(kiosk_id, status(dossier, 4, datetime.now(UTC))), (stranger_id, status(dossier, 5, datetime.now(UTC))),
           (stranger_id, received(office, counter.slot, counter.slot * 1000 + 8))]
    rows = [{"id": e.id, "kind": e.kind, "aggregate_id": e.aggregate_id, "created_at": e.created_at,
             "payload": json.dumps(e.payload, ensure_ascii=False), "device_id": who, "skew_ms": None}
            for who, e in bad]
    answers = api.push(hub.up, [forward.encode(r) for r in rows], utc_now()).results
    assert [(a.result, a.error) for a in answers] == [
        ("rejected", devices.ERR_NO_SLOT), ("rejected", ERR_FOREIGN_DEVICE), ("rejected", ERR_FOREIGN_DEVICE)]
    assert _dossier(province.db, dossier.payload["id"])["status"] == 2
    with province.db.transaction(write=False) as tx:
        made = tx.one("SELECT device_id, origin_device FROM events WHERE id = ?", (dossier.id,))
    assert made == {"device_id": hub.id, "origin_device": counter.id}  # the counter made it, the hub sent it
    assert _dossier(province.db, dossier.payload["id"])["device_id"] == counter.id  # the province's book says so


def test_a_device_clock_ten_minutes_slow_behind_a_hub_is_corrected_at_the_province(
    province: Province, tmp_path: Path
) -> None:
    office = province.office()
    hub = Hub(tmp_path, province, office)
    slow, right = _enrol(hub.db, office), _enrol(hub.db, office)
    direct_id, direct = province.enrol(office)
    first, second = received(office, slow.slot, slow.slot * 1000 + 1), received(office, slow.slot, slow.slot * 1000 + 2)
    _push(hub.db, slow, [first, second])
    hub.forward()
    real = datetime.now(UTC).replace(microsecond=0)
    # At the province a clerk with a right clock moved both dossiers 5 minutes ago (to "being processed", 4)...
    api.push(direct, [status(d, 4, real - timedelta(minutes=5)).model_dump_json().encode() for d in (first, second)],
             utc_now())
    # ...and 2 minutes ago a counter behind the hub returned the first one (5): its clock says 12 minutes ago.
    ten = timedelta(minutes=10)
    answers = _push(hub.db, slow, [status(first, 5, real - timedelta(minutes=2) - ten)],
                    sent_at=format_utc(datetime.now(UTC) - ten))
    assert answers[0]["result"] == "accepted"
    # A counter with a right clock behind the same hub acting on the second one 12 minutes ago really was earlier.
    _push(hub.db, right, [status(second, 5, real - timedelta(minutes=12))])
    with hub.db.transaction(write=False) as tx:
        skews = {r["device_id"]: r["skew_ms"] for r in tx.all(
            "SELECT device_id, skew_ms FROM events WHERE kind = 'dossier.status_changed'")}
    assert abs(skews[slow.id] - 600_000) < 5_000 and skews[right.id] is None
    hub.forward()
    assert _dossier(province.db, first.payload["id"])["status"] == 5  # the later change, by corrected time
    assert _dossier(province.db, second.payload["id"])["status"] == 4  # a right clock: its change was older
    with province.db.transaction(write=False) as tx:
        up = tx.one("SELECT origin_device, skew_ms FROM events WHERE kind = 'dossier.status_changed' "
                    "AND origin_device = ?", (slow.id,))
    assert up is not None and abs(up["skew_ms"] - 600_000) < 5_000
    assert direct_id != slow.id
