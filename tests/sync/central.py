"""A running central server plus the province's direct access to its database, and the sync invariant.

The invariant every fault test ends with: every event and dossier a device wrote exists exactly once on the
server, accepted; every device's outbox is empty (all acknowledged); nothing was lost.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sync.client.engine import SyncEngine
from sync.client.errors import AuthError, OfflineError, ServerError
from sync.protocol.timefmt import utc_now
from sync.server import backoffice, devices
from sync.server.db import Database
from tests.sync.fakes import MemoryStore

_office_numbers = itertools.count(1)


class Central:
    def __init__(self, url: str, db_url: str) -> None:
        self.url = url
        self.db_url = db_url
        self.db = Database(db_url, pool_size=2)

    def new_office(self, name: str = "UBND xã Thử nghiệm") -> str:
        code = f"000.00.{next(_office_numbers):02d}.T{uuid.uuid4().hex[:6].upper()}"
        with self.db.transaction() as tx:
            devices.add_office(tx, code, name, utc_now())
        return code

    def enrollment_code(self, office: str) -> str:
        with self.db.transaction() as tx:
            return devices.new_enrollment_code(tx, office, utc_now())

    def dossiers(self, office: str) -> list[dict[str, Any]]:
        with self.db.transaction(write=False) as tx:
            return backoffice.list_dossiers(tx, office)

    def events(self, office: str) -> list[dict[str, Any]]:
        with self.db.transaction(write=False) as tx:
            return tx.all("SELECT id, kind, result, device_id FROM events WHERE office_code = ?", (office,))

    def set_status(self, code: str, status: int, reason: str = "") -> None:
        with self.db.transaction() as tx:
            backoffice.set_status(tx, code, status, reason, "back-office", utc_now())

    def revoke(self, device_id: str) -> None:
        with self.db.transaction() as tx:
            assert devices.revoke(tx, device_id, utc_now())

    def publish_catalog(self, records: list[dict[str, Any]]) -> None:
        with self.db.transaction() as tx:
            backoffice.publish_catalog(tx, records, utc_now())

    def publish_calendar(self, document: dict[str, Any]) -> None:
        with self.db.transaction() as tx:
            backoffice.publish_calendar(tx, document, utc_now())

    def close(self) -> None:
        self.db.close()


def drain(
    engine: SyncEngine, *, deadline_s: float = 60.0, pause: float = 0.05, between: Callable[[], None] | None = None
) -> int:
    """Run rounds like the background runner until the outbox is empty; returns the rounds it took."""
    end = time.monotonic() + deadline_s
    for rounds in itertools.count(1):
        try:
            report = engine.run_once()
            if report.pending == 0:
                return rounds
        except (OfflineError, ServerError):
            pass
        if between is not None:
            between()
        if time.monotonic() > end:
            raise AssertionError(f"outbox not drained after {rounds} rounds: {engine.store.outbox_counts()}")
        time.sleep(pause)
    raise AssertionError("unreachable")


def assert_exactly_once(central: Central, office: str, stores: Iterable[MemoryStore]) -> None:
    stores = list(stores)
    written = {i: s.outbox[i]["event"] for s in stores for i in s.outbox}
    for store in stores:
        assert store.ids("pending") == [], "events still pending"
        assert store.ids("rejected") == [], [store.outbox[i]["reason"] for i in store.ids("rejected")]
    events = central.events(office)
    ids = [e["id"] for e in events if e["device_id"] is not None]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(written), "the server's events differ from what the devices wrote"
    assert all(e["result"] == "accepted" for e in events)
    dossiers = central.dossiers(office)
    sent = {e.aggregate_id for e in written.values() if e.kind == "dossier.received"}
    assert sorted(d["id"] for d in dossiers) == sorted(sent), "dossiers missing or duplicated on the server"
    assert len({d["code"] for d in dossiers}) == len(dossiers)
    for d in dossiers:  # what arrived is what was written
        original = next(
            e.payload for e in written.values() if e.aggregate_id == d["id"] and e.kind == "dossier.received"
        )
        assert json.dumps({k: d[k] for k in original if k != "status"}, sort_keys=True) == json.dumps(
            {k: v for k, v in original.items() if k != "status"}, sort_keys=True
        )


def expect_auth_error(engine: SyncEngine) -> AuthError:
    try:
        engine.run_once()
    except AuthError as exc:
        return exc
    raise AssertionError("expected the server to refuse the token")
