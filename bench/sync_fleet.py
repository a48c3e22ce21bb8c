"""A fleet of simulated counters enrolled the real way: the back office makes one-time codes, each device trades
its code for a token through ``POST /v1/enroll`` over HTTPS with its pinned CA (the app's own sync client).

Why: enrolling straight in the database skips the endpoint, the TLS handshake and the slot allocation that a
province's first morning really goes through. Offices have ten devices each (slots 0–9), as a ward's counters.
"""

from __future__ import annotations

import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import uuid6

from sync.client import api
from sync.client.transport import Transport, TransportConfig
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database

DEVICES_PER_OFFICE = 10


@dataclass(frozen=True)
class Enrolled:
    office: str
    slot: int
    token: str


def back_office_codes(db_url: str, count: int) -> list[tuple[str, str]]:
    """(office, one-time code) for ``count`` devices: new offices of ten, codes as ``motcua-central
    enrollment-code`` makes them (the same function, without a process per code)."""
    db = Database(db_url, pool_size=1)
    out = []
    try:
        for first in range(0, count, DEVICES_PER_OFFICE):
            office = f"000.00.{first // DEVICES_PER_OFFICE % 100:02d}.L{uuid.uuid4().hex[:4].upper()}"
            with db.transaction() as tx:
                devices.add_office(tx, office, f"UBND xã Tải {first // DEVICES_PER_OFFICE}", utc_now())
                for _ in range(min(DEVICES_PER_OFFICE, count - first)):
                    out.append((office, devices.new_enrollment_code(tx, office, utc_now())))
    finally:
        db.close()
    return out


def enroll_fleet(base_url: str, ca: Path, db_url: str, count: int) -> tuple[list[Enrolled], dict[str, float]]:
    """Enrol ``count`` devices one after the other through the API; returns them and the enrolment timings (ms).
    A refused enrolment raises: a fleet with holes would measure fewer devices than it says."""
    fleet, times = [], []
    for office, code in back_office_codes(db_url, count):
        t = Transport(base_url, config=TransportConfig(ca_bundle=str(ca), attempts=1))
        try:
            began = time.perf_counter()
            answer = api.enroll(t, code, str(uuid6.uuid7()), "bench counter", office)
            times.append((time.perf_counter() - began) * 1000)
        finally:
            t.close()
        fleet.append(Enrolled(answer.office_code, answer.slot, answer.token))
    times.sort()
    return fleet, {
        "enrolled": len(fleet),
        "enroll_p50_ms": round(statistics.median(times), 1),
        "enroll_max_ms": round(times[-1], 1),
    }
