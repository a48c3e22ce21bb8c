"""One queue for the office, on the hub: a kiosk data folder issuing, three counter data folders calling at the
same time, the hub process SIGKILLed in the middle and restarted; then the order is the domain's, no number is
given twice and every queue event is stored exactly once. Also: two processes pressing "next" at once, a
device clock ten minutes off, a retried call, and an office without a hub sending its queue events to the
province through the ordinary outbox."""

from __future__ import annotations

import collections
import random
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from app.domain.errors import ValidationError
from app.services.clock import FixedClock, SystemClock
from app.services.context import Actor, ServiceContext
from app.services.queue import issue_ticket
from app.services.queue_calls import call_next
from app.services.queue_config import set_counter
from sync.client.errors import SyncError
from sync.server.db import Database
from tests.office.helpers import add_office, device, hub_log, remote, replay_order
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")
LETTERS = {1: ["A", "B"], 2: ["A"], 3: ["B", "C"]}


def _calls(q: Any, ctx: ServiceContext, counter: int, out: list[str], stop: threading.Event) -> None:
    """A clerk pressing "next" until nobody waits; a hub that is gone is waited for, like a clerk would."""
    while not stop.is_set():
        try:
            out.append(q.call_next(ctx, counter).ticket.number)
        except ValidationError:
            if not q.degraded:
                return  # nobody waiting for this counter's services
            q.degraded = False  # the hub was down and this PC has no ticket of its own: try again
            time.sleep(0.1)
        except SyncError:
            time.sleep(0.1)


def test_a_morning_of_sixty_tickets_three_counters_and_a_hub_killed_in_the_middle(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    kiosk = device(store_template, tmp_path / "kiosk", db, proc.url, Actor("kiosk", "Kiosk", "clerk"))
    supervisor = device(store_template, tmp_path / "supervisor", db, proc.url, SUPERVISOR)
    counters = {
        n: device(store_template, tmp_path / f"counter{n}", db, proc.url, Actor(f"c{n}", "", "clerk")) for n in LETTERS
    }
    # The counter PCs' clocks are wrong (the hub's clock orders the queue, not theirs).
    counters[2].clock = FixedClock(SystemClock().now() - timedelta(minutes=10))
    config = remote(supervisor)
    for n, letters in LETTERS.items():
        config.set_counter(supervisor, n, letters)
    issuer = remote(kiosk)
    rng = random.Random(13)
    issued = [
        issuer.issue_ticket(kiosk, rng.choice("ABC"), rng.choice(["", "", "", "elderly", "pregnant"]), "kiosk")
        for _ in range(60)
    ]
    assert len({r.ticket.number for r in issued}) == 60

    # A recall, a no-show and a transfer at counter 1 before the rush.
    q1 = remote(counters[1])
    first = q1.call_next(counters[1], 1).ticket
    q1.recall(counters[1], 1)
    q1.recall(counters[1], 1)
    assert q1.no_show(counters[1], 1).ticket.state == "no_show"
    moved = q1.call_next(counters[1], 1).ticket
    assert q1.transfer(counters[1], 1, "C" if moved.letter != "C" else "A").ticket.state == "waiting"

    called: dict[int, list[str]] = {n: [] for n in LETTERS}
    stop = threading.Event()
    threads = [
        threading.Thread(target=_calls, args=(remote(counters[n]), counters[n], n, called[n], stop)) for n in LETTERS
    ]
    for t in threads:
        t.start()
    while sum(map(len, called.values())) < 15:
        time.sleep(0.01)
    proc.kill()  # SIGKILL in the middle of the calls
    time.sleep(0.5)
    proc.start()
    for t in threads:
        t.join(60)
    stop.set()
    assert not any(t.is_alive() for t in threads)

    log = hub_log(db)
    numbers = [e["payload"]["number"] for e in log if e["kind"] == "queue.issued"]
    assert len(numbers) == len(set(numbers)) == 60, "no number given twice"
    firsts = collections.Counter(e["payload"]["ticket_id"] for e in log if e["kind"] == "queue.called")
    assert max(firsts.values()) <= 2, "a ticket is called once (twice only after its transfer)"
    assert all(e["result"] == "accepted" for e in log)
    assert replay_order(log, LETTERS) == [], "every call followed the domain's rule"
    with db.transaction(write=False) as tx:
        left = tx.all("SELECT number FROM queue_tickets WHERE state = 'waiting'")
        events = tx.all("SELECT id, kind FROM events WHERE kind LIKE 'queue.%'")
    assert left == [], "the three counters served everyone"
    assert len(events) == len(log) == len({e["id"] for e in events}), "every queue event stored exactly once"
    assert {e["kind"] for e in events} >= {
        "queue.issued",
        "queue.called",
        "queue.recalled",
        "queue.no_show",
        "queue.transferred",
        "queue.finished",
    }
    assert first.number not in [n for numbers in called.values() for n in numbers]


def _hammer(url: str, token: str, counter: int, n: int) -> subprocess.Popen[bytes]:
    code = (
        "import requests, uuid, sys, json\n"
        f"out = []\nfor _ in range({n}):\n"
        f"    r = requests.post('{url}/v1/queue/call', json={{'counter': {counter}, 'request_id': str(uuid.uuid4())}},"
        f" headers={{'Authorization': 'Bearer {token}'}})\n"
        "    if r.status_code == 200: out.append(r.json()['ticket']['number'])\n"
        "print(json.dumps(out))\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)


def _token(proc: CentralProcess, db: Database) -> str:
    from sync.protocol.timefmt import utc_now
    from sync.server import devices
    from tests.conftest import OFFICE_CODE

    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, OFFICE_CODE, utc_now())
    answer = requests.post(proc.url + "/v1/enroll", json={"code": code, "device_id": str(uuid.uuid4())}, timeout=5)
    return str(answer.json()["token"])


def test_four_processes_pressing_next_at_once_never_get_the_same_ticket(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    import json

    proc, db = hub
    sup = device(store_template, tmp_path / "sup", db, proc.url, SUPERVISOR)
    q = remote(sup)
    for n in range(1, 5):
        q.set_counter(sup, n, ["A"])
    for _ in range(40):
        q.issue_ticket(sup, "A")
    tokens = [_token(proc, db) for _ in range(4)]
    procs = [_hammer(proc.url, tokens[i], i + 1, 12) for i in range(4)]
    got = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    every = [n for numbers in got for n in numbers]
    assert len(every) == len(set(every)) == 40, "each ticket called once, all of them called"


def test_a_retried_call_gets_the_first_answer_and_a_refusal_names_the_field(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    sup = device(store_template, tmp_path / "sup", db, proc.url, SUPERVISOR)
    q = remote(sup)
    q.set_counter(sup, 1, ["A"])
    q.issue_ticket(sup, "A")
    q.issue_ticket(sup, "A")
    token = _token(proc, db)
    body = {"counter": 1, "request_id": str(uuid.uuid4())}
    headers = {"Authorization": f"Bearer {token}"}
    once = requests.post(proc.url + "/v1/queue/call", json=body, headers=headers, timeout=5).json()
    again = requests.post(proc.url + "/v1/queue/call", json=body, headers=headers, timeout=5).json()
    assert once == again and once["ticket"]["number"] == "A001"
    with pytest.raises(ValidationError) as refused:
        q.call_next(sup, 9)
    assert refused.value.field == "counter" and "quầy 9" in refused.value.reason_vi
    with pytest.raises(ValidationError) as unknown:
        q.issue_ticket(sup, "Z")
    assert unknown.value.field == "service"
    assert [e["kind"] for e in hub_log(db)].count("queue.called") == 1, "the retry called nobody else"
    q.set_options(sup, recalls_before_no_show=0, voice="off")
    assert q.get_settings(sup) == {"recalls_before_no_show": 0, "voice": "off", "chime": True}
    skip = {"counter": 1, "request_id": str(uuid.uuid4())}  # by the PC that called A001 to counter 1
    answer = requests.post(proc.url + "/v1/queue/no-show", json=skip, headers=headers, timeout=5).json()
    assert answer["ticket"]["number"] == "A001", "no recall needed any more: the hub's setting"
    with pytest.raises(ValidationError) as voice:
        q.set_options(sup, voice="sing")
    assert voice.value.field == "voice"


def test_an_office_without_a_hub_sends_its_queue_events_to_the_province(
    tmp_path: Path, store_template: Path
) -> None:
    from app.services.sync_bridge import build_engine

    db_url = f"sqlite:///{tmp_path / 'province.sqlite3'}"
    proc = CentralProcess(db_url, tmp_path / "province.log").start()
    db = Database(db_url, pool_size=2)
    try:
        add_office(db)
        assert requests.get(proc.url + "/health", timeout=5).json()["queue"] is False
        ctx = device(store_template, tmp_path / "pc", db, proc.url, SUPERVISOR)
        set_counter(ctx, 1, ["A"])
        issue_ticket(ctx, "A", "elderly")
        call_next(ctx, 1)
        engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
        engine.run_once()
        engine.run_once()  # a second round sends nothing twice
        with db.transaction(write=False) as tx:
            rows = tx.all("SELECT kind, result FROM events WHERE kind LIKE 'queue.%' ORDER BY kind")
        assert rows == [{"kind": "queue.called", "result": "accepted"}, {"kind": "queue.issued", "result": "accepted"}]
    finally:
        proc.stop()
        db.close()


def test_hub_down_a_pc_issues_and_calls_its_own_numbers_and_they_reach_the_hub_once(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    from app.services.sync_bridge import build_engine

    proc, db = hub
    pc = device(store_template, tmp_path / "pc", db, proc.url, SUPERVISOR)
    q = remote(pc)
    q.set_counter(pc, 4, ["A"])
    on_hub = q.issue_ticket(pc, "A").ticket.number
    assert on_hub == "A001"
    proc.kill()

    own = q.issue_ticket(pc, "B", "elderly").ticket
    assert q.degraded and own.number == "0B001", "the device slot in front: never one of the hub's numbers"
    assert q.issue_ticket(pc, "B").ticket.number == "0B002"
    assert q.call_next(pc, 4).ticket.number == "0B001"
    assert q.call_next(pc, 4).ticket.number == "0B002"
    q.finish(pc, 4)
    with pytest.raises(ValidationError) as nothing:
        q.call_next(pc, 4)
    assert "máy chủ hàng đợi" in nothing.value.reason_vi

    proc.start()
    q.degraded = False
    assert q.call_next(pc, 4).ticket.number == "A001", "back on the hub's queue by itself"
    assert not q.degraded
    engine = build_engine(pc.store, pc.data_dir, pc.clock)
    engine.run_once()
    engine.run_once()  # nothing twice
    with db.transaction(write=False) as tx:
        merged = tx.all(
            "SELECT kind, payload FROM events WHERE kind LIKE 'queue.%' AND payload LIKE '%\"0B00%' ORDER BY kind"
        )
    kinds = collections.Counter(e["kind"] for e in merged)
    assert kinds == {"queue.issued": 2, "queue.called": 2, "queue.finished": 2}, kinds


def test_a_server_told_to_host_the_queue_without_its_rules_does_not_start(tmp_path: Path) -> None:
    """The rules come from the composition root (``motcua hub serve``); a queue without them would refuse nothing."""
    from sync.server.app import create_app
    from sync.server.config import ServerSettings

    settings = ServerSettings(database_url=f"sqlite:///{tmp_path / 'hub.sqlite3'}", queue_host=True)
    with pytest.raises(ValueError, match="queue_rules"):
        create_app(settings)
