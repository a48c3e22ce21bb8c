"""The change feed ordered per office: pushes of different offices commit in parallel, and still no reader skips
a change of its office or of every office (catalogue) committed late; an older, higher cursor never goes back."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import backoffice, feed, feed_order, ingest
from sync.server.db import Database
from sync.server.devices import Device
from tests.sync.serverdata import enrolled, office_database, received_events

OFFICES = ("000.00.12.H62", "000.00.13.H63", "000.00.14.H64")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with office_database(db_url, OFFICES, pool_size=16) as database:
        yield database


def _device(db: Database, office: str) -> Device:
    return enrolled(db, office)


def _events(device: Device, count: int) -> list[WireEvent]:
    return received_events(device.office_code, device.slot, count)


def test_readers_of_several_offices_miss_nothing_while_offices_and_the_catalogue_write_at_once(db: Database) -> None:
    writers = [_device(db, office) for office in OFFICES for _ in range(2)]
    seen: dict[str, list[tuple[str, str]]] = {office: [] for office in OFFICES}
    stop = threading.Event()
    errors: list[BaseException] = []

    def follow(office: str) -> None:
        cursor = ""
        while True:
            finished = stop.is_set()
            with db.transaction() as tx:
                changes, cursor, more = feed.read(tx, office, cursor, 7)  # small pages: many cursors handed out
            seen[office].extend((c["kind"], c["key"]) for c in changes)
            if finished and not more:
                return

    def write(device: Device) -> None:
        try:
            events = _events(device, 40)
            for i in range(0, 40, 4):
                with db.transaction() as tx:
                    ingest.ingest(tx, device, events[i : i + 4], utc_now())
        except BaseException as exc:
            errors.append(exc)

    def publish() -> None:
        try:
            for n in range(15):
                with db.transaction() as tx:
                    backoffice.publish_catalog(tx, [{"code": f"9.{n:06d}", "name_vi": f"Thủ tục {n}"}], utc_now())
        except BaseException as exc:
            errors.append(exc)

    followers = [threading.Thread(target=follow, args=(office,)) for office in OFFICES]
    threads = [threading.Thread(target=write, args=(w,)) for w in writers] + [threading.Thread(target=publish)]
    for t in followers + threads:
        t.start()
    for t in threads:
        t.join(120)
    stop.set()
    for t in followers:
        t.join(120)
    assert errors == []
    with db.transaction(write=False) as tx:
        for office in OFFICES:
            stored = {r["id"] for r in tx.all("SELECT id FROM dossiers WHERE office_code = ?", (office,))}
            assert len(stored) == 80
            got = [key for kind, key in seen[office] if kind == "dossier"]
            assert sorted(got) == sorted(stored), office  # every one, once, none of another office
            assert {key for kind, key in seen[office] if kind == "catalog"} == {f"9.{n:06d}" for n in range(15)}


def test_a_cursor_past_this_offices_last_change_neither_goes_back_nor_restarts(db: Database) -> None:
    a, b = (_device(db, office) for office in OFFICES[:2])
    with db.transaction() as tx:
        ingest.ingest(tx, a, _events(a, 2), utc_now())
        ingest.ingest(tx, b, _events(b, 3), utc_now())
    with db.transaction() as tx:
        _, first, _ = feed.read(tx, a.office_code, "", 100)
        high = int(tx.scalar("SELECT MAX(seq) AS high FROM changes"))
        changes, cursor, more = feed.read(tx, a.office_code, str(high), 100)  # a cursor of the global high
    assert int(first) < high  # office A's own high is below B's newer changes
    assert (changes, cursor, more) == ([], str(high), False)
    with db.transaction() as tx:
        ingest.ingest(tx, a, _events(a, 4)[2:], utc_now())
        changes, _, _ = feed.read(tx, a.office_code, cursor, 100)
        reset, _, _ = feed.read(tx, a.office_code, str(high + 1000), 100)  # a database that was reset
    assert len(changes) == 2
    assert len([c for c in reset if c["kind"] == "dossier"]) == 4


def test_one_statement_takes_the_feed_lock_shared_and_every_office_lock_of_a_transaction(db: Database) -> None:
    """lock_for takes its locks in one round trip: the shared feed lock and one lock per office, all held."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite serialises every writer already")
    with db.transaction() as tx:
        feed_order.lock_for(tx, {OFFICES[1], OFFICES[0]})
        held = tx.all(
            "SELECT classid, objid, objsubid, mode FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid() ORDER BY objsubid, classid"
        )
        offices = {int(r["objid"]) for r in held if r["objsubid"] == 2}
        wanted = {int(tx.scalar("SELECT hashtext(?)::oid AS h", (o,))) for o in OFFICES[:2]}
    assert [r["mode"] for r in held if r["objsubid"] == 1] == ["ShareLock"]
    assert offices == wanted and all(r["mode"] == "ExclusiveLock" for r in held if r["objsubid"] == 2)
