"""The hub's queue SQL against the domain's rule (``app.domain.queue``): :func:`queue_store.heads` (a call reads
each service's first ticket) and :func:`queue_store.count_before` (a new ticket's place, counted by SQLite) must
give what ``pick_next`` and ``count_ahead`` give over the whole queue, on a real SQLite file with priorities,
same-second arrivals and several services."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from app.domain import queue as rules
from sync.server import queue_store as qs
from sync.server.db import Database
from sync.server.queue_actions import ORDER_FIELDS
from sync.server.schema import migrate

OFFICE, DAY = "000.00.99.H12345", "2026-12-01"


def _waiting(row: dict) -> rules.Waiting:
    return rules.Waiting(row["id"], row["letter"], bool(row["priority"]), row["arrival_at"], int(row["seq"]))


def _fill(db: Database, rng: random.Random, n: int) -> None:
    with db.transaction() as tx:
        for i in range(n):
            letter = rng.choice("ABC")
            arrival = f"{DAY}T08:{rng.randrange(3):02d}:00.000Z"  # many tickets share a second: seq decides
            qs.insert_ticket(tx, {
                "id": str(uuid.uuid4()), "office_code": OFFICE, "day": DAY, "number": f"{letter}{i + 1:03d}",
                "letter": letter, "priority_group": "", "priority": int(rng.random() < 0.2),
                "state": rng.choice(["waiting", "waiting", "waiting", "served"]), "source": "kiosk",
                "device_id": "d", "issued_at": arrival, "arrival_at": arrival, "queued_at": arrival,
                "updated_at": arrival,
            })


def test_heads_and_count_before_agree_with_the_domain_rule(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=1)
    migrate(db)
    rng = random.Random(13)
    _fill(db, rng, 300)
    with db.transaction(write=False) as tx:
        everyone = [_waiting(r) for r in qs.waiting(tx, OFFICE, DAY, None, ORDER_FIELDS)]
        assert len(everyone) > 150 and any(t.priority for t in everyone)
        for letters in (["A"], ["B", "C"], ["A", "B", "C"], ["C", "A"]):
            heads = [_waiting(r) for r in qs.heads(tx, OFFICE, DAY, letters, ORDER_FIELDS)]
            assert len(heads) == len(letters)
            assert rules.pick_next(heads, letters) == rules.pick_next(everyone, letters)
        for ticket in rng.sample(everyone, 40):
            assert qs.count_before(tx, OFFICE, DAY, ticket, rules.order_key) == rules.count_ahead(everyone, ticket)
        assert qs.heads(tx, OFFICE, DAY, [], ORDER_FIELDS) == []
        assert qs.heads(tx, OFFICE, "2026-12-02", ["A"], ORDER_FIELDS) == []  # another day's queue is empty
    db.close()
