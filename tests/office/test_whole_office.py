"""Issue 13's morning, whole: the province, the hub and five PCs of one office, all real, on 127.0.0.1.

The province is a ``motcua-central`` process, the hub a ``motcua hub serve`` process over HTTPS (pinned by the
fingerprint in its enrolment code); a kiosk, three counters and a waiting-room screen are data folders enrolled
with ``motcua enroll``. The kiosk issues 60 tickets (some priority), three counters call them at once, with a
recall, a no-show and a transfer, and receive 20 dossiers between calls; the hub is SIGKILLed in the middle and
restarted. Then: the calls followed the fair order, no number was given twice, the screen followed the calls
before and after the kill by itself, every counter found the others' dossiers, and the province holds every
dossier and every queue event exactly once."""

from __future__ import annotations

import collections
import dataclasses
import json
import random
import threading
import time
from collections.abc import Callable

import pytest

from app.domain.errors import ValidationError
from app.services.context import Actor
from app.services.hub_keys import AppHubKeys
from app.services.queries import search_rows
from app.services.sync_bridge import build_engine
from app.store import outbox
from sync.client.errors import SyncError
from sync.hub import keys as hub_keys
from sync.hub.folder import HubFolder
from tests.conftest import OFFICE_CODE
from tests.office.conftest import Counter, Office
from tests.office.helpers import hub_log, remote, replay_order
from tests.office.test_office_hub import NAMES

pytestmark = pytest.mark.slow
LETTERS = {1: ["A", "B"], 2: ["A"], 3: ["B", "C"]}
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")
QUEUE_KINDS = {"queue.issued", "queue.called", "queue.recalled", "queue.no_show", "queue.transferred",
               "queue.finished"}  # fmt: skip


def until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class Screen:
    """The waiting-room PC without its window: it follows the hub's call stream as the display does, and
    reconnects by itself when the stream drops."""

    def __init__(self, counter: Counter) -> None:
        self.engine = build_engine(counter.ctx.store, counter.data_dir, counter.ctx.clock)
        self.calls: list[tuple[float, str]] = []
        self.drops = 0
        self.opened = threading.Event()  # the first board arrived: calls made from now on come as "calls"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                transport = self.engine.session()
                try:
                    for name, data in transport.stream("/v1/queue/stream", read_timeout=6):
                        self.opened.set()
                        if name == "calls":
                            now = time.monotonic()
                            self.calls.extend((now, c["number"]) for c in json.loads(data))
                        if self._stop.is_set():
                            return
                finally:
                    transport.close()
            except SyncError:
                self.drops += 1
                time.sleep(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)


def _clerk(counter: Counter, n: int, called: list[str], stop: threading.Event, names: list[str]) -> None:
    """Press "next" until nobody waits; receive a dossier for every other citizen called."""
    q = remote(counter.ctx)
    while not stop.is_set():
        try:
            number = q.call_next(counter.ctx, n).ticket.number
        except ValidationError:
            if not q.degraded:
                return  # nobody left for this counter's services
            q.degraded = False  # the hub was down and this PC has no ticket of its own: try again
            time.sleep(0.1)
            continue
        except SyncError:
            time.sleep(0.1)
            continue
        called.append(number)
        if len(called) % 2 and names:
            counter.receive(f"Người nộp {names.pop()}")  # its own store: works with the hub up or down


def test_a_morning_at_an_office_with_a_hub(fresh_office: Office) -> None:
    office = fresh_office
    kiosk = office.counter("kiosk")
    counters = {n: office.counter(f"quay-{n}") for n in LETTERS}
    screen = Screen(office.counter("man-hinh"))
    supervisor = dataclasses.replace(counters[1].ctx, actor=SUPERVISOR)
    config = remote(supervisor)
    for n, letters in LETTERS.items():
        config.set_counter(supervisor, n, letters)
    until(screen.opened.is_set, timeout=30)  # calls before the stream opens come in its board, not as calls

    issuer = remote(kiosk.ctx)
    rng = random.Random(13)
    issued = [
        issuer.issue_ticket(kiosk.ctx, rng.choice("ABC"), rng.choice(["", "", "", "elderly", "pregnant"]), "kiosk")
        for _ in range(60)
    ]
    assert len({r.ticket.number for r in issued}) == 60

    q1 = remote(counters[1].ctx)  # a recall, a no-show and a transfer before the rush
    q1.call_next(counters[1].ctx, 1)
    q1.recall(counters[1].ctx, 1)
    q1.recall(counters[1].ctx, 1)
    assert q1.no_show(counters[1].ctx, 1).ticket.state == "no_show"
    moved = q1.call_next(counters[1].ctx, 1).ticket
    assert q1.transfer(counters[1].ctx, 1, "C" if moved.letter != "C" else "A").ticket.state == "waiting"
    until(lambda: len(screen.calls) >= 2)

    names = list(NAMES)
    called: dict[int, list[str]] = {n: [] for n in LETTERS}
    stop = threading.Event()
    threads = [threading.Thread(target=_clerk, args=(counters[n], n, called[n], stop, names)) for n in LETTERS]
    for t in threads:
        t.start()
    until(lambda: sum(map(len, called.values())) >= 15)
    office.hub.kill()  # SIGKILL in the middle of the morning
    seen_before_kill = len(screen.calls)
    time.sleep(0.5)
    office.hub.start()
    for t in threads:
        t.join(90)
    stop.set()
    assert not any(t.is_alive() for t in threads)
    for n in LETTERS:
        while names:  # dossiers not yet taken by a called citizen
            counters[n].receive(f"Người nộp {names.pop()}")

    # The queue: fair, no number twice, everyone served, the screen back by itself.
    hub_db = hub_keys.open_database(HubFolder.of_data_dir(office.hub_dir), AppHubKeys())
    try:
        log = hub_log(hub_db)
    finally:
        hub_db.close()
    numbers = [e["payload"]["number"] for e in log if e["kind"] == "queue.issued"]
    assert len(numbers) == len(set(numbers)) == 60, "no number given twice"
    firsts = collections.Counter(e["payload"]["ticket_id"] for e in log if e["kind"] == "queue.called")
    assert max(firsts.values()) <= 2, "a ticket is called once (twice only after its transfer)"
    assert replay_order(log, LETTERS) == [], "every call followed the fair order"
    until(lambda: len(screen.calls) > seen_before_kill, timeout=15)
    screen.stop()
    assert screen.drops >= 1, "the screen saw the hub go"

    # The dossiers: every counter finds the others', the province has each once.
    everyone = list(counters.values())
    made = {r.code for c in everyone for r in c.received}
    assert len(made) == 20
    for _ in range(2):  # the second round pulls what the others sent in the first
        for c in everyone:
            c.sync()
    for c in everyone:
        assert c.codes() >= made, "each counter has every dossier of the office"
        other = next(r for o in everyone if o is not c for r in o.received)
        found = search_rows(c.ctx.store, other.code)
        assert [d["code"] for d in found][:1] == [other.code], "and finds it by search"
        assert outbox.counts(c.ctx.store)["pending"] == 0

    queue_ids = {e["id"] for e in log}
    sent = {r["id"] for c in everyone for r in c.ctx.store.query("SELECT id FROM outbox")} | queue_ids
    until(lambda: sent <= {e["id"] for e in office.province.events(OFFICE_CODE)})
    at_province = [e for e in office.province.events(OFFICE_CODE) if e["id"] in sent]
    assert len(at_province) == len({e["id"] for e in at_province}), "every event at the province exactly once"
    assert all(e["result"] == "accepted" for e in at_province)
    kinds = collections.Counter(e["kind"] for e in at_province)
    assert kinds["dossier.received"] == 20
    assert set(kinds) >= QUEUE_KINDS
    assert sum(kinds[k] for k in QUEUE_KINDS) == len(log), "every queue event reached the province once"
    province_codes = [d["code"] for d in office.province.dossiers(OFFICE_CODE)]
    assert sorted(c for c in province_codes if c in made) == sorted(made)
