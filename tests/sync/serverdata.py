"""Devices enrolled and events made straight against a central database, for tests of the server's internals
(ingest, the feed) that run many transactions at once without HTTP in between."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import uuid6

from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from sync.server.devices import Device
from sync.server.schema import migrate
from tests.sync.fakes import dossier_payload


@contextlib.contextmanager
def office_database(db_url: str, offices: tuple[str, ...], pool_size: int) -> Iterator[Database]:
    """A migrated central database holding ``offices``, closed after the test (the server-side tests' fixture)."""
    database = Database(db_url, pool_size=pool_size)
    migrate(database)
    with database.transaction() as tx:
        for office in offices:
            devices.add_office(tx, office, "x", utc_now())
    try:
        yield database
    finally:
        database.close()


def enrolled(db: Database, office: str, name: str = "pc") -> Device:
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, office, utc_now())
        return devices.enroll(tx, code, str(uuid6.uuid7()), name, utc_now(), 60)[0]


def received_events(office: str, slot: int, count: int, first: int = 1) -> list[WireEvent]:
    """``count`` dossier.received events numbered in ``slot`` (``first``, ``first`` + 1, … within it)."""
    out = []
    for n in range(first, first + count):
        p = dossier_payload(office, slot, slot * 1000 + n)
        out.append(
            WireEvent(
                id=str(uuid6.uuid7()),
                kind="dossier.received",
                aggregate_id=p["id"],
                payload=p,
                created_at=p["received_at"],
            )
        )
    return out
