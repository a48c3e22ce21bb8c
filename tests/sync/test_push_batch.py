"""Group commit of pushes (sync/server/push_batch.py): pushes that wait while others are stored go in together,
and each device still gets the answer it would have had alone — its refusals, its 401, its conflicts — with
what is stored the same. A batch that fails as a whole is stored again push by push. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import uuid6
from fastapi.responses import Response

from sync.protocol.constants import DEFAULT_LIMITS
from sync.protocol.models import AuditHead, PushRequest, WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.answers import error_response, json_response
from sync.server.db import Database
from sync.server.feed_signal import FeedSignal
from sync.server.push_batch import Batcher, Job
from sync.server.push_route import Pusher
from tests.sync.central import Central
from tests.sync.serverdata import office_database, received_events

OFFICE = "000.00.12.H64"


def _job(events: list[WireEvent], token: str = "t", head: AuditHead | None = None) -> Job:
    return Job(PushRequest(events=events, sent_at=utc_now(), audit_head=head), token, {})


# --- the batcher alone: which pushes go together -------------------------------------------------------------


def _recording_batcher(leaders: int = 1, **limits: int) -> tuple[Batcher, list[list[Job]], threading.Event]:
    """A batcher whose batches hold (in their thread) until ``release`` is set, recording every batch it stores."""
    batches: list[list[Job]] = []
    release = threading.Event()

    def store(jobs: list[Job]) -> None:
        batches.append(list(jobs))
        release.wait(10)
        for job in jobs:
            job.response = json_response({"n": len(jobs)})

    return Batcher(store, error_response, leaders=leaders, **limits), batches, release


async def _submit_all(batcher: Batcher, jobs: list[Job], release: threading.Event) -> list[Response]:
    """Submit the jobs in order (the first is being stored when the others come), then let the batches go."""
    tasks = [asyncio.ensure_future(batcher.submit(job)) for job in jobs]
    await asyncio.sleep(0)  # each submit has queued its push (the first one's batch is on its way to a thread)
    release.set()
    return list(await asyncio.wait_for(asyncio.gather(*tasks), 10))


def test_pushes_that_come_while_one_is_stored_are_stored_together_after_it() -> None:
    batcher, batches, release = _recording_batcher()
    jobs = [_job(received_events(OFFICE, 0, 1, first=n)) for n in range(1, 7)]
    answers = asyncio.run(_submit_all(batcher, jobs, release))
    assert [len(b) for b in batches] == [1, 5]
    assert batches[0] == [jobs[0]] and set(map(id, batches[1])) == set(map(id, jobs[1:]))
    assert [json.loads(bytes(a.body)) for a in answers] == [{"n": 1}] + [{"n": 5}] * 5  # each its batch's answer


def test_a_batch_keeps_to_its_limits_and_never_holds_one_event_id_twice() -> None:
    batcher, batches, release = _recording_batcher(max_pushes=3, max_events=4)
    events = received_events(OFFICE, 0, 8)
    first = _job(events[:1])
    again = _job(events[1:3])  # sent again while its first delivery waits: the same ids
    jobs = [first, _job(events[1:3]), again, _job(events[3:4]), _job(events[4:5]), _job(events[5:8])]
    asyncio.run(_submit_all(batcher, jobs, release))
    assert all(job.response is not None for job in jobs)
    for batch in batches:
        ids = [i for job in batch for i in job.ids]
        assert len(ids) == len(set(ids))
        assert len(batch) <= 3 and (len(batch) == 1 or len(ids) <= 4)
    assert sorted(id(j) for b in batches for j in b) == sorted(map(id, jobs))  # each stored once


def test_two_batches_are_stored_at_once_each_in_one_thread() -> None:
    threads: list[int] = []
    sizes: list[int] = []
    both = threading.Barrier(2)

    def store(jobs: list[Job]) -> None:
        threads.append(threading.get_ident())
        sizes.append(len(jobs))
        if len(threads) <= 2:
            both.wait(10)  # the first two batches are in their threads at the same time
        for job in jobs:
            job.response = json_response({"n": len(jobs)})

    async def go() -> list[Response]:
        batcher = Batcher(store, error_response, leaders=2)
        jobs = [_job(received_events(OFFICE, 0, 1, first=n)) for n in range(1, 41)]
        return list(await asyncio.wait_for(asyncio.gather(*(batcher.submit(j) for j in jobs)), 10))

    answers = asyncio.run(go())
    assert [a.status_code for a in answers] == [200] * 40
    # the first two alone, then the 38 that waited meanwhile in batches of at most 16: one hop onto a thread each
    assert sorted(sizes) == [1, 1, 6, 16, 16] and len(threads) == 5


def test_a_store_that_raises_leaves_no_push_without_an_answer(caplog: pytest.LogCaptureFixture) -> None:
    def store(jobs: list[Job]) -> None:
        raise RuntimeError("the database went away")

    async def go() -> list[Response]:
        batcher = Batcher(store, error_response)
        jobs = [_job(received_events(OFFICE, 0, 1, n)) for n in range(1, 9)]
        return list(await asyncio.wait_for(asyncio.gather(*(batcher.submit(j) for j in jobs)), 10))

    answers = asyncio.run(go())
    assert len(answers) == 8 and {a.status_code for a in answers} == {500}
    assert "storing a batch of" in caplog.text  # the operator sees it


# --- the pusher: a batch on a real database answers each push as if alone ---------------------------------------


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with office_database(db_url, (OFFICE,), pool_size=4) as database:
        yield database


def _enrol(db: Database, name: str) -> tuple[devices.Device, str]:
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, OFFICE, utc_now())
        device, token, _ = devices.enroll(tx, code, str(uuid6.uuid7()), name, utc_now(), 60)
    return device, token


def _answer(job: Job) -> tuple[int, Any]:
    assert job.response is not None
    return job.response.status_code, json.loads(bytes(job.response.body))


def _results(job: Job) -> list[tuple[str, str | None]]:
    status, body = _answer(job)
    assert status == 200, body
    return [(r["result"], r.get("error")) for r in body["results"]]


def _count(db: Database, table: str) -> int:
    with db.transaction(write=False) as tx:
        return int(tx.scalar(f"SELECT COUNT(*) AS n FROM {table}"))


def test_a_batch_answers_each_push_as_if_alone(db: Database) -> None:
    pusher = Pusher(db, DEFAULT_LIMITS, utc_now, FeedSignal())
    (a, token_a), (b, token_b), (c, token_c), (d, token_d) = (_enrol(db, n) for n in "abcd")
    sent_before = received_events(OFFICE, d.slot, 2)
    pusher.store_batch([_job(sent_before, token_d), _job(received_events(OFFICE, d.slot, 1, 9), token_d)])
    assert _count(db, "dossiers") == 3
    with db.transaction() as tx:
        devices.revoke(tx, c.id, utc_now())

    good_a = received_events(OFFICE, a.slot, 3)
    bad_a = received_events(OFFICE, a.slot, 1, first=4)[0]
    bad_a.payload["status"] = 99  # refused on its own
    same_dossier = received_events(OFFICE, b.slot, 1)[0]
    same_dossier.payload["id"] = good_a[0].payload["id"]  # another event for a dossier a received
    same_dossier.aggregate_id = same_dossier.payload["id"]
    other_body = sent_before[1].model_copy(deep=True)
    other_body.payload["notes"] = "another body"
    jobs = [
        _job([*good_a, bad_a], token_a, AuditHead(seq=5, hash="a" * 64)),
        _job([same_dossier, *received_events(OFFICE, b.slot, 2, first=2)], token_b),
        _job(received_events(OFFICE, c.slot, 2), token_c),  # revoked: 401, nothing stored
        _job([sent_before[0], other_body], token_d),  # sent again: the first answer, then a conflict
        _job(received_events(OFFICE, d.slot, 1, first=3), "not a token"),
    ]
    pusher.store_batch(jobs)

    assert _results(jobs[0]) == [("accepted", None)] * 3 + [("rejected", "invalid_field")]
    assert _results(jobs[1]) == [("rejected", "dossier_exists"), ("accepted", None), ("accepted", None)]
    assert _answer(jobs[2]) == (401, {"error": "token_revoked", "message": _answer(jobs[2])[1]["message"]})
    assert _results(jobs[3]) == [("accepted", None), ("conflict", "event_id_conflict")]
    assert _answer(jobs[4])[0] == 401
    assert jobs[0].state == {"device_id": a.id, "log": {"events": 4, "accepted": 3, "rejected": 1}}
    assert _count(db, "dossiers") == 3 + 3 + 2
    assert _count(db, "changes") == 3 + 3 + 2
    assert _count(db, "events") == 3 + 4 + 3  # c's events were never written
    with db.transaction(write=False) as tx:
        assert tx.scalar("SELECT COUNT(*) AS n FROM anchors WHERE device_id = ?", (a.id,)) == 1
        refused = tx.all("SELECT result, error FROM events WHERE device_id = ? AND result = 'rejected'", (b.id,))
        assert refused == [{"result": "rejected", "error": "dossier_exists"}]


def test_a_batch_that_fails_as_a_whole_is_stored_push_by_push(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    pusher = Pusher(db, DEFAULT_LIMITS, utc_now, FeedSignal())
    (a, token_a), (b, token_b) = _enrol(db, "a"), _enrol(db, "b")
    with db.transaction() as tx:  # a real database error for b's pushes only: its audit anchor is refused
        if db.dialect == "sqlite":
            tx.execute(
                f"CREATE TRIGGER no_anchor BEFORE INSERT ON anchors WHEN NEW.device_id = '{b.id}' "
                "BEGIN SELECT RAISE(ABORT, 'anchor refused'); END"
            )
        else:
            tx.execute(
                "CREATE FUNCTION no_anchor() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'anchor refused'; END $$"
            )
            tx.execute(
                f"CREATE TRIGGER no_anchor BEFORE INSERT ON anchors FOR EACH ROW WHEN (NEW.device_id = '{b.id}') "
                "EXECUTE FUNCTION no_anchor()"
            )
    jobs = [
        _job(received_events(OFFICE, a.slot, 2), token_a),
        _job(received_events(OFFICE, b.slot, 2), token_b, AuditHead(seq=1, hash="b" * 64)),
        _job(received_events(OFFICE, a.slot, 2, first=3), token_a),
    ]
    pusher.store_batch(jobs)
    assert _results(jobs[0]) == _results(jobs[2]) == [("accepted", None)] * 2
    assert _answer(jobs[1])[0] == 500
    assert _count(db, "dossiers") == 4 and _count(db, "events") == 4  # nothing of b's push
    assert "log" not in jobs[1].state
    assert "a batch of 3 pushes failed as a whole" in caplog.text  # the operator sees it


# --- the real server: many devices at once, one sending the same push three times, one revoked -----------------


@pytest.mark.slow
def test_devices_pushing_at_once_to_the_real_server_are_each_answered_as_alone(central: Central) -> None:
    offices = [central.new_office(), central.new_office()]  # at most ten devices an office
    tokens, slots, office_of = [], {}, {}
    for n in range(12):
        office = offices[n % 2]
        answer = requests.post(
            central.url + "/v1/enroll",
            json={"code": central.enrollment_code(office), "device_id": str(uuid6.uuid7()), "device_name": f"pc{n}"},
            timeout=10,
        )
        assert answer.status_code == 200, answer.text
        device = answer.json()["device_id"]
        tokens.append((device, answer.json()["token"]))
        office_of[device] = office
    for office in offices:
        slots |= {d["id"]: d["slot"] for d in _devices(central, office)}
    central.revoke(tokens[-1][0])
    bodies = [
        {"events": [e.model_dump() for e in received_events(office_of[device], slots[device], 5)], "sent_at": utc_now()}
        for device, _ in tokens
    ]
    sends = [(token, body) for (_, token), body in zip(tokens, bodies, strict=True)] + [(tokens[0][1], bodies[0])] * 2
    answers: list[tuple[int, Any]] = [(0, None)] * len(sends)
    gate = threading.Barrier(len(sends))

    def send(n: int) -> None:
        token, body = sends[n]
        gate.wait(10)
        headers = {"Authorization": f"Bearer {token}"}
        r = requests.post(central.url + "/v1/events", json=body, headers=headers, timeout=30)
        answers[n] = (r.status_code, r.json())

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(sends))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for status, body in answers[:11] + answers[12:]:
        assert status == 200 and [r["result"] for r in body["results"]] == ["accepted"] * 5, body
    assert answers[11][0] == 401 and answers[11][1]["error"] == "token_revoked"
    assert answers[0][1]["results"] == answers[12][1]["results"] == answers[13][1]["results"]  # sent three times
    assert [len(central.dossiers(o)) for o in offices] == [6 * 5, 5 * 5]
    assert [len(central.events(o)) for o in offices] == [6 * 5, 5 * 5]


def _devices(central: Central, office: str) -> list[dict[str, Any]]:
    with central.db.transaction(write=False) as tx:
        return devices.list_devices(tx, office)
