"""Races inside the central database: the same batch delivered several times at once, and a reader following
the feed while writers commit. On PostgreSQL these are real concurrent transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import feed, ingest
from sync.server.db import Database
from sync.server.devices import Device
from tests.sync.serverdata import enrolled, office_database, received_events

OFFICE = "000.00.12.H62"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with office_database(db_url, (OFFICE,), pool_size=12) as database:
        yield database


def _device(db: Database, name: str) -> Device:
    return enrolled(db, OFFICE, name)


def _events(slot: int, count: int) -> list[WireEvent]:
    return received_events(OFFICE, slot, count)


def _in_threads(count: int, work: object) -> list[BaseException]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()  # type: ignore[operator]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_the_same_batch_delivered_six_times_at_once_is_stored_once(db: Database) -> None:
    device = _device(db, "pc")
    batch = _events(device.slot, 40)
    answers: list[list[dict[str, object]]] = []

    def deliver() -> None:
        with db.transaction() as tx:
            answers.append(ingest.ingest(tx, device, batch, utc_now()))

    assert _in_threads(6, deliver) == []
    assert all(r["result"] == "accepted" for answer in answers for r in answer) and len(answers) == 6
    with db.transaction(write=False) as tx:
        assert tx.scalar("SELECT COUNT(*) AS n FROM events") == 40
        assert tx.scalar("SELECT COUNT(*) AS n FROM dossiers") == 40
        assert tx.scalar("SELECT COUNT(*) AS n FROM changes") == 40


def test_a_reader_following_the_feed_never_skips_a_change_committed_late(db: Database) -> None:
    writers = [_device(db, f"pc{i}") for i in range(4)]
    _device(db, "reader")
    seen: list[str] = []
    stop = threading.Event()

    def follow() -> None:
        cursor = ""
        while True:
            finished = stop.is_set()
            with db.transaction() as tx:
                changes, cursor, _ = feed.read(tx, OFFICE, cursor, 1000)
            seen.extend(c["key"] for c in changes)
            if finished:
                return

    follower = threading.Thread(target=follow)
    follower.start()
    batches = {w.id: [_events(w.slot, 60)[i : i + 3] for i in range(0, 60, 3)] for w in writers}

    def write(device: Device) -> None:
        for batch in batches[device.id]:
            with db.transaction() as tx:
                ingest.ingest(tx, device, batch, utc_now())

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    stop.set()
    follower.join(60)
    expected = [e.aggregate_id for w in writers for b in batches[w.id] for e in b]
    assert sorted(seen) == sorted(expected)
