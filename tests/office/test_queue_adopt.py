"""Tickets a PC issued on its own while the hub was down are handed to the hub when it is back: a counter on
another PC then calls them in the office's fair order, a second hand-over (retry, second run) adopts nothing
twice, a ticket being served stays with its PC until finished, and each queue event is stored once."""

from __future__ import annotations

import collections
import json
import time
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.clock import iso
from app.services.context import Actor
from app.services.queue_fallback import adoption
from app.services.sync_bridge import build_engine
from app.store import tickets
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")


def _hub_tickets(db: Database, numbers: list[str]) -> list[dict[str, object]]:
    marks = ", ".join("?" * len(numbers))
    with db.transaction(write=False) as tx:
        return tx.all(f"SELECT id, number, state FROM queue_tickets WHERE number IN ({marks})", tuple(numbers))


def _events_of(db: Database, ids: list[str]) -> collections.Counter[tuple[str, str]]:
    marks = ", ".join("?" * len(ids))
    with db.transaction(write=False) as tx:
        rows = tx.all(f"SELECT kind, payload FROM events WHERE aggregate_id IN ({marks})", tuple(ids))
    return collections.Counter((r["kind"], json.loads(r["payload"])["number"]) for r in rows)


def test_own_tickets_join_the_hub_and_a_counter_on_another_pc_calls_them_in_the_fair_order(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    kiosk = device(store_template, tmp_path / "kiosk", db, proc.url, SUPERVISOR)
    counter = device(store_template, tmp_path / "counter", db, proc.url, Actor("c1", "", "clerk"))
    k, c = remote(kiosk), remote(counter)
    k.set_counter(kiosk, 1, ["A", "B"])
    assert k.issue_ticket(kiosk, "A").ticket.number == "A001"
    proc.kill()

    plain = k.issue_ticket(kiosk, "A", "", "kiosk").ticket
    elderly = k.issue_ticket(kiosk, "B", "elderly", "kiosk").ticket
    assert k.degraded and plain.number[0].isdigit() and elderly.number[0].isdigit()
    # The window builds a queue for each action: the next one still knows the hub was down just now, and does not
    # wait for its timeout again before the retry pause is over.
    assert remote(kiosk).retry_at > time.monotonic()
    with pytest.raises(ValidationError):
        c.call_next(counter, 1)  # the counter PC cannot reach the hub and has nothing of its own

    proc.start()
    k.retry_at = 0.0  # the retry pause has passed
    later = k.issue_ticket(kiosk, "A").ticket  # the kiosk's next action hands its own tickets over first
    assert later.number == "A002"
    day = kiosk.clock.now().date().isoformat()
    assert tickets.waiting(kiosk.store, day) == [], "no longer the kiosk's own"
    assert {tickets.ticket(kiosk.store, t.id)["state"] for t in (plain, elderly)} == {"handed_over"}  # type: ignore[index]
    assert {r["number"]: r["state"] for r in _hub_tickets(db, [plain.number, elderly.number])} == {
        plain.number: "waiting",
        elderly.number: "waiting",
    }
    called = [c.call_next(counter, 1).ticket.number for _ in range(4)]
    assert called == [elderly.number, "A001", plain.number, "A002"], "priority first, then first come"
    c.finish(counter, 1)

    build_engine(kiosk.store, kiosk.data_dir, kiosk.clock).run_once()  # the kiosk's outbox: its two issues
    events = _events_of(db, [plain.id, elderly.id])
    assert events == {
        (kind, n): 1
        for n in (plain.number, elderly.number)
        for kind in ("queue.issued", "queue.called", "queue.finished")
    }, events


def test_a_second_hand_over_adopts_nothing_twice_and_a_ticket_being_served_stays_with_its_pc(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    pc = device(store_template, tmp_path / "pc", db, proc.url, SUPERVISOR)
    q = remote(pc)
    q.set_counter(pc, 2, ["A"])
    proc.kill()
    served = q.issue_ticket(pc, "A").ticket
    waiting = q.issue_ticket(pc, "A").ticket
    assert q.call_next(pc, 2).ticket.number == served.number

    proc.start()
    q.retry_at = 0.0
    assert q.hand_over(pc) == [waiting.number], "the ticket being served stays here"
    assert q.hand_over(pc) == [], "nothing left to hand over"
    row = tickets.ticket(pc.store, waiting.id)
    assert row is not None and row["state"] != "waiting"
    # A crash after the hub took it but before this PC closed its copy: the next run hands it over again.
    answer = q.hub.adopt(adoption({**row, "state": "waiting"}, iso(pc.clock.now())))
    assert answer["adopted"] is False and answer["ticket"]["number"] == waiting.number
    with pc.store.transaction():
        tickets.update_ticket(pc.store, waiting.id, {"state": "waiting", "finished_at": None})
    second_run = remote(pc)
    assert second_run.hand_over(pc) == [waiting.number]
    assert len(_hub_tickets(db, [waiting.number])) == 1, "adopted once"
    assert _hub_tickets(db, [served.number]) == [], "the served ticket was never handed over"

    assert second_run.finish(pc, 2).ticket.number == served.number, "finished here, as today"
    assert second_run.call_next(pc, 2).ticket.number == waiting.number, "now called from the hub's queue"
    second_run.finish(pc, 2)
    engine = build_engine(pc.store, pc.data_dir, pc.clock)
    engine.run_once()
    engine.run_once()
    assert _events_of(db, [served.id, waiting.id]) == {
        ("queue.issued", served.number): 1,
        ("queue.called", served.number): 1,
        ("queue.finished", served.number): 1,
        ("queue.issued", waiting.number): 1,
        ("queue.called", waiting.number): 1,
        ("queue.finished", waiting.number): 1,
    }


def test_the_hub_refuses_a_number_it_could_have_given_and_a_ticket_of_another_day(
    hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path
) -> None:
    proc, db = hub
    pc = device(store_template, tmp_path / "pc", db, proc.url, SUPERVISOR)
    q = remote(pc)
    now = iso(pc.clock.now())
    base = {
        "id": "0190a1b2-0000-7000-8000-000000000001",
        "number": "A007",
        "letter": "A",
        "priority_group": "",
        "day": pc.clock.now().date().isoformat(),
        "arrival_at": now,
        "source": "kiosk",
    }
    with pytest.raises(ValidationError) as unprefixed:
        q.hub.adopt(adoption(base, now))
    assert unprefixed.value.field == "number" and "A007" in unprefixed.value.reason_vi
    with pytest.raises(ValidationError) as stale:
        q.hub.adopt(adoption({**base, "number": "1A007", "day": "2020-01-01"}, now))
    assert stale.value.field == "day" and "2020-01-01" in stale.value.reason_en
    with pytest.raises(ValidationError) as unknown:
        q.hub.adopt(adoption({**base, "number": "1Z007", "letter": "Z"}, now))
    assert unknown.value.field == "service"
    assert _hub_tickets(db, ["A007", "1A007", "1Z007"]) == [], "nothing written"
