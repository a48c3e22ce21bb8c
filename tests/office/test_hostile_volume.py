"""Hostile volume on the office hub: a kiosk printing hundreds of tickets a morning, for months. The answers the
hub keeps for retried writes must not pile up for ever (they grew the hub's database and every daily backup);
a retry within the window still gets its first answer."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
import requests

from sync.protocol.timefmt import format_utc, parse_time, utc_now
from sync.server.db import Database
from tests.conftest import OFFICE_CODE
from tests.office.test_office_queue import _token
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow


def test_a_morning_of_tickets_keeps_only_recent_answers_and_a_retry_still_replays(
    hub: tuple[CentralProcess, Database],
) -> None:
    proc, db = hub
    token = _token(proc, db)
    old = format_utc(parse_time(utc_now()) - timedelta(days=3))
    with db.transaction() as tx:  # last week's answers, as a hub that ran before kept them
        for n in range(200):
            tx.execute("INSERT INTO queue_requests (office_code, request_id, answer, at) VALUES (?, ?, ?, ?)",
                       (OFFICE_CODE, f"old-request-{n:04d}", json.dumps({"n": n}), old))
    headers = {"Authorization": f"Bearer {token}"}
    first = {"service": "A", "request_id": str(uuid.uuid4())}
    with requests.Session() as s:
        printed = s.post(proc.url + "/v1/queue/tickets", json=first, headers=headers, timeout=10).json()
        for _ in range(199):
            body = {"service": "B", "request_id": str(uuid.uuid4())}
            assert s.post(proc.url + "/v1/queue/tickets", json=body, headers=headers, timeout=10).status_code == 200
        again = s.post(proc.url + "/v1/queue/tickets", json=first, headers=headers, timeout=10).json()
    assert again["ticket"] == printed["ticket"], "a retry within the window gets the first answer"
    with db.transaction(write=False) as tx:
        kept = tx.scalar("SELECT COUNT(*) FROM queue_requests")
        numbers = tx.scalar("SELECT COUNT(DISTINCT number) FROM queue_tickets")
    assert kept == 200, "last week's answers are gone, this morning's kept"
    assert numbers == 200
