"""A real office on 127.0.0.1 for the queue tests: a server process hosting the queue (what ``motcua hub serve``
runs), device data folders enrolled with it, and the hub's database read directly for the checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from app.domain import queue as rules
from app.services.context import Actor, ServiceContext
from app.services.queue_backend import queue_for
from app.services.queue_fallback import FallbackQueue
from app.services.queue_remote import RemoteQueue
from app.services.setup import open_store
from app.services.sync_bridge import build_engine
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.db import Database
from tests.conftest import OFFICE_CODE


def add_office(db: Database) -> None:
    with db.transaction() as tx:
        if not tx.one("SELECT code FROM offices WHERE code = ?", (OFFICE_CODE,)):
            devices.add_office(tx, OFFICE_CODE, "UBND xã Mẫu Sơn", utc_now())


def device(
    template: Path, folder: Path, db: Database, url: str, actor: Actor, role: str = devices.ROLE_DEVICE
) -> ServiceContext:
    """A copy of the initialised data folder, enrolled with the server at ``url`` (``role``: of its code)."""
    shutil.copytree(template, folder)
    ctx = ServiceContext(store=open_store(folder), data_dir=folder, actor=actor)
    with db.transaction() as tx:
        code = devices.new_enrollment_code(tx, OFFICE_CODE, utc_now(), role=role)
    build_engine(ctx.store, folder, ctx.clock).enroll(url, code, folder.name, expect_office=OFFICE_CODE)
    return ctx


def remote(ctx: ServiceContext) -> FallbackQueue:
    q = queue_for(ctx)
    assert isinstance(q, FallbackQueue), "a device enrolled with a queue host uses the hub's queue"
    assert isinstance(q.hub, RemoteQueue)
    return q


def hub_log(db: Database) -> list[dict[str, Any]]:
    """Every queue event the hub stored, in the order it happened (its screens' log), payload decoded."""
    with db.transaction(write=False) as tx:
        rows = tx.all(
            "SELECT q.seq, e.id, e.kind, e.payload, e.result FROM queue_log q JOIN events e"
            " ON e.office_code = q.office_code AND e.id = q.event_id WHERE q.office_code = ? ORDER BY q.seq",
            (OFFICE_CODE,),
        )
    return [{**r, "payload": json.loads(r["payload"])} for r in rows]


def replay_order(log: list[dict[str, Any]], letters_of: dict[int, list[str]]) -> list[str]:
    """Replay the hub's log with the domain's rule: the numbers called against it (empty: the order was fair)."""
    waiting: dict[str, rules.Waiting] = {}
    wrong = []
    for i, e in enumerate(log):
        p = e["payload"]
        if e["kind"] == "queue.issued":
            waiting[p["ticket_id"]] = rules.Waiting(p["ticket_id"], p["service"], bool(p["priority_group"]), p["at"], i)
        elif e["kind"] == "queue.called":
            if not p.get("out_of_order"):
                expected = rules.pick_next(waiting.values(), letters_of[p["counter"]])
                if expected is None or expected.ticket_id != p["ticket_id"]:
                    wrong.append(p["number"])
            waiting.pop(p["ticket_id"], None)
        elif e["kind"] == "queue.transferred":
            old = waiting.pop(p["ticket_id"], None)
            arrival, seq = (old.arrival_at, old.seq) if old else (arrivals(log)[p["ticket_id"]])
            waiting[p["ticket_id"]] = rules.Waiting(
                p["ticket_id"], p["to_service"], bool(p["priority_group"]), arrival, seq
            )
    return wrong


def arrivals(log: list[dict[str, Any]]) -> dict[str, tuple[str, int]]:
    return {
        e["payload"]["ticket_id"]: (e["payload"]["at"], i) for i, e in enumerate(log) if e["kind"] == "queue.issued"
    }


def office_day(store_template: Path, tmp_path: Path, db: Database, url: str) -> list[ServiceContext]:
    """A supervisor PC and two counters of a hub office; three tickets issued, two called and served."""
    sup = device(store_template, tmp_path / "sup", db, url, Actor("giamsat", "", "supervisor"))
    one = device(store_template, tmp_path / "counter1", db, url, Actor("lan", "Nguyễn Thị Lan", "clerk"))
    two = device(store_template, tmp_path / "counter2", db, url, Actor("hoa", "Trần Thị Hoa", "clerk"))
    q = remote(sup)
    q.set_counter(sup, 1, ["A"])
    q.set_counter(sup, 2, ["B"])
    for letter in "AAB":
        q.issue_ticket(sup, letter)
    q.close()
    for pc, counter in ((one, 1), (two, 2)):
        q = remote(pc)
        q.call_next(pc, counter)
        q.finish(pc, counter)
        q.close()
    return [sup, one, two]
