"""The event merge as a property (issue 12): whatever the order the server receives status changes in, however
often each is delivered, whatever each device's clock says, the server and every device end in one state —
the change made last in real time (the device clock corrected by the skew its pushes show), ties by event id.

Runs the server's own ingest and feed on a real SQLite file per example; devices are the in-memory store that
keeps the client's promises.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import uuid6
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.client.store import IncomingChange
from sync.protocol.models import WireEvent
from sync.protocol.timefmt import format_utc
from sync.server import devices, feed, ingest
from sync.server.db import Database
from sync.server.schema import migrate
from tests.sync.fakes import MemoryStore, dossier_payload

OFFICE = "000.00.12.H62"
VN = timezone(timedelta(hours=7))
T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # when device 0 received the dossier (real time)
DAY = 86400
clocks = st.sampled_from([0, 0.4, 30, -45, 600, -3600, 200 * DAY, -150 * DAY, 365 * DAY])


def _local(moment: datetime) -> str:
    return moment.astimezone(VN).replace(microsecond=0).isoformat()


def _event(kind: str, aggregate: str, payload: dict[str, Any], at: str) -> WireEvent:
    return WireEvent(id=str(uuid6.uuid7()), kind=kind, aggregate_id=aggregate, payload=payload, created_at=at)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_order_any_duplication_any_clocks_one_final_state(data: st.DataObject) -> None:
    offsets = data.draw(st.lists(clocks, min_size=2, max_size=3), label="device clock offsets (s)")
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'c.sqlite3'}", pool_size=1)
        migrate(db)
        now = format_utc(T0 - timedelta(days=1))
        with db.transaction() as tx:
            devices.add_office(tx, OFFICE, "UBND xã A", now)
            devs = [
                devices.enroll(tx, devices.new_enrollment_code(tx, OFFICE, now), str(uuid6.uuid7()), f"pc{i}", now,
                               3600)[0]
                for i in range(len(offsets))
            ]

        def clock(device: int, real: datetime) -> datetime:
            return real + timedelta(seconds=offsets[device])

        received_local = clock(0, T0)
        payload = dossier_payload(OFFICE, devs[0].slot, 1, received_local.astimezone(VN).date())
        payload["received_at"] = _local(received_local)
        reception = _event("dossier.received", payload["id"], payload, payload["received_at"])
        changes = data.draw(
            st.lists(st.tuples(st.integers(0, len(offsets) - 1), st.integers(1, 600), st.integers(1, 10)),
                     min_size=1, max_size=6),
            label="status changes (device, real minute after reception, to_status)",
        )
        made: list[tuple[int, WireEvent, datetime]] = []
        for device, minute, status in changes:
            real = T0 + timedelta(minutes=minute)
            body = {"dossier_id": payload["id"], "code": payload["code"], "from_status": None, "to_status": status,
                    "reason": "", "at": _local(clock(device, real)), "actor": f"pc{device}"}
            made.append((device, _event("dossier.status_changed", payload["id"], body, body["at"]), real))
        deliveries = data.draw(st.permutations(made * 2), label="arrival order")
        deliveries = deliveries[: data.draw(st.integers(len(made), len(deliveries)), label="deliveries")]
        if set(id(m) for m in deliveries) != set(id(m) for m in made):
            deliveries += made  # every change arrives at least once
        arrival = T0 + timedelta(hours=12)
        with db.transaction() as tx:
            result = ingest.ingest(tx, devs[0], [reception], format_utc(arrival), format_utc(clock(0, arrival)))
            assert result[0]["result"] == "accepted", result
        for k, (device, event, _) in enumerate(deliveries, start=1):
            server_now = arrival + timedelta(seconds=k)
            with db.transaction() as tx:
                [answer] = ingest.ingest(
                    tx, devs[device], [event], format_utc(server_now), format_utc(clock(device, server_now))
                )
            assert answer["result"] == "accepted", answer

        last = max(made, key=lambda m: (m[2], m[1].id))
        expected = last[1].payload["to_status"]
        with db.transaction(write=False) as tx:
            assert tx.scalar("SELECT status FROM dossiers WHERE id = ?", (payload["id"],)) == expected
        for i in range(len(offsets)):
            store = MemoryStore()
            if i == 0:
                store.dossiers[payload["id"]] = dict(payload)
            cursor = ""
            while True:
                with db.transaction() as tx:
                    page, cursor, more = feed.read(tx, OFFICE, cursor, 3)
                store.apply_pulled([IncomingChange(c["kind"], c["key"], c["data"], c["at"]) for c in page], cursor)
                if not more:
                    break
            assert store.dossiers[payload["id"]]["status"] == expected, f"device {i}"
        db.close()
