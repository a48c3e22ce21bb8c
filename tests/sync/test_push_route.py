"""The push answered without the framework (sync/server/push_route.py) answers as the FastAPI route did: the
bearer scheme read the same way, failures checked in the same order (body, number of events, token), the same
error bodies, the response stamps, the access log told the device and the counts. Against the real server
process, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
import requests
import uuid6

from sync.protocol.timefmt import utc_now
from sync.server.errors import ApiError
from sync.server.push_route import bearer
from tests.sync.central import Central
from tests.sync.fakes import dossier_payload
from tests.sync.test_server_api import access_log


@pytest.fixture
def office_and_token(central: Central) -> tuple[str, str]:
    office = central.new_office()
    answer = requests.post(
        central.url + "/v1/enroll",
        json={"code": central.enrollment_code(office), "device_id": str(uuid6.uuid7()), "device_name": "pc"},
        timeout=5,
    )
    assert answer.status_code == 200, answer.text
    return office, answer.json()["token"]


def _event(office: str, number: int) -> dict[str, Any]:
    payload = dossier_payload(office, 0, number)
    return {
        "id": str(uuid6.uuid7()),
        "kind": "dossier.received",
        "aggregate_id": payload["id"],
        "payload": payload,
        "created_at": payload["received_at"],
    }


def test_the_bearer_scheme_is_read_as_fastapi_reads_it() -> None:
    assert bearer("Bearer abc") == bearer("bearer abc") == bearer("BEARER abc") == "abc"
    for header in (None, "", "Bearer", "Bearer ", "Basic abc", "Token abc"):
        with pytest.raises(ApiError) as refused:
            bearer(header)
        assert (refused.value.status, refused.value.error) == (401, "invalid_token")


@pytest.mark.slow
def test_a_push_is_stored_and_a_second_delivery_gets_the_same_answer(
    central: Central, office_and_token: tuple[str, str]
) -> None:
    office, token = office_and_token
    url = central.url + "/v1/events"
    events = [_event(office, n) for n in (1, 2)]
    bad = _event(office, 3)
    bad["payload"]["status"] = 99
    body = {"events": [*events, bad], "sent_at": utc_now()}
    first = requests.post(url, json=body, headers={"Authorization": f"bearer {token}"}, timeout=10)
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    assert first.headers["x-motcua-protocol"] and first.headers["x-server-time"]  # the stamps still wrap it
    results = first.json()["results"]
    assert [r["result"] for r in results] == ["accepted", "accepted", "rejected"]
    assert results[2]["message"].startswith("status:")
    again = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert again.json()["results"][:2] == results[:2]
    assert len(central.dossiers(office)) == 2


@pytest.mark.slow
def test_failures_are_checked_in_the_routes_order_with_the_same_bodies(
    central: Central, office_and_token: tuple[str, str]
) -> None:
    office, token = office_and_token
    url = central.url + "/v1/events"
    # a bad body is refused before the token is looked at
    answer = requests.post(url, data=b'{"events": 1}', headers={"Content-Type": "application/json"}, timeout=10)
    assert answer.status_code == 422
    assert answer.json() == {"error": "bad_request", "message": "body.events: Input should be a valid array"}
    # too many events before the token
    many = requests.post(url, json={"events": [_event(office, 4)] * 1001}, timeout=30)
    assert (many.status_code, many.json()["error"]) == (413, "too_many_events")
    for headers in ({}, {"Authorization": "Basic " + token}, {"Authorization": "Bearer"}):
        missing = requests.post(url, json={"events": []}, headers=headers, timeout=10)
        assert missing.status_code == 401
        assert missing.json() == {"error": "invalid_token", "message": "missing bearer token"}
    unknown = requests.post(url, json={"events": []}, headers={"Authorization": "Bearer nope"}, timeout=10)
    assert (unknown.status_code, unknown.json()["error"]) == (401, "invalid_token")
    # other methods on the path still get the framework's answer
    assert requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 405
    assert central.dossiers(office) == []


@pytest.mark.slow
def test_the_access_log_names_the_device_and_the_counts(central: Central, office_and_token: tuple[str, str]) -> None:
    office, token = office_and_token
    headers = {"Authorization": f"Bearer {token}", "X-Request-Id": "push-" + token[:8]}
    requests.post(central.url + "/v1/events", json={"events": [_event(office, 5)]}, headers=headers, timeout=10)
    mine = access_log(central, headers["X-Request-Id"])
    assert len(mine) == 1 and mine[0]["path"] == "/v1/events" and mine[0]["status"] == 200
    assert mine[0]["device"] and mine[0]["events"] == 1 and mine[0]["accepted"] == 1
