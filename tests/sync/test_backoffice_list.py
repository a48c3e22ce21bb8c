"""The province's dossier list (``motcua-central dossiers``) shows when a dossier was received by the province's
clock: a counter whose clock ran a day ahead must not list its dossier as received tomorrow. The device's own claim
is kept beside it, so a supervisor can see the counter's clock was wrong.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import uuid6

from sync.protocol import constants as c
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import format_utc, parse_time, utc_now
from sync.server import backoffice, devices
from sync.server.db import Database
from sync.server.ingest import ingest
from sync.server.schema import migrate
from tests.sync.fakes import dossier_payload

OFFICE = "000.00.77.H62"


def _province(tmp_path: Path) -> tuple[Database, devices.Device]:
    db = Database(f"sqlite:///{tmp_path / 'province.sqlite3'}", pool_size=1)
    migrate(db)
    now = utc_now()
    with db.transaction() as tx:
        devices.add_office(tx, OFFICE, "UBND xã Thử", now)
        code = devices.new_enrollment_code(tx, OFFICE, now)
        device = devices.enroll(tx, code, str(uuid.uuid4()), devices.ROLE_DEVICE, now, 60)[0]
    return db, device


def _received(device: devices.Device, at: datetime) -> WireEvent:
    day = at.astimezone(UTC).date()
    p = dossier_payload(OFFICE, device.slot, device.slot * 1000 + 1, day)
    p["received_at"] = at.isoformat()
    return WireEvent(id=str(uuid6.uuid7()), kind=c.EVENT_DOSSIER_RECEIVED, aggregate_id=p["id"], payload=p,
                     created_at=p["received_at"])


def test_a_counter_a_day_ahead_is_listed_at_the_province_s_time_with_its_claim_beside(tmp_path: Path) -> None:
    db, device = _province(tmp_path)
    vn = timedelta(hours=7)
    real = datetime.now(UTC).replace(microsecond=0)
    ahead = (real + timedelta(days=1)).astimezone(UTC).astimezone(tz=timezone(vn))
    event = _received(device, ahead)
    with db.transaction() as tx:
        answers = ingest(tx, device, [event], utc_now(), format_utc(ahead))  # the device's clock sent it
    assert answers[0]["result"] == c.RESULT_ACCEPTED
    with db.transaction(write=False) as tx:
        [row] = backoffice.list_dossiers(tx, OFFICE)
    listed = parse_time(row["received_at"])
    assert abs(listed - real) < timedelta(minutes=1)  # today, by the province's clock
    assert row["received_at"].endswith("+07:00")  # in the counter's own offset, as it wrote it
    assert row["device_received_at"] == ahead.isoformat()  # what the counter claimed, kept beside
    db.close()


def test_a_counter_with_a_right_clock_is_listed_as_it_wrote_it(tmp_path: Path) -> None:
    db, device = _province(tmp_path)
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=3)
    event = _received(device, at.astimezone(timezone(timedelta(hours=7))))
    with db.transaction() as tx:
        ingest(tx, device, [event], utc_now(), utc_now())
    with db.transaction(write=False) as tx:
        [row] = backoffice.list_dossiers(tx, OFFICE)
    assert row["received_at"] == event.payload["received_at"]
    assert "device_received_at" not in row
    db.close()
