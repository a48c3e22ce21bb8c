"""The central server's HTTP API against a real server process, on SQLite and on PostgreSQL."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
import requests
import uuid6

from sync.protocol.constants import PROTOCOL_VERSION
from tests.helpers.wait import wait_for
from tests.sync.central import Central
from tests.sync.fakes import dossier_payload

pytestmark = pytest.mark.slow


def access_log(central: Central, request_id: str) -> list[dict[str, Any]]:
    """The access-log entries of a request; the line is written just after the answer, so it is waited for."""

    def entries() -> list[dict[str, Any]]:
        lines = central.log_path.read_text().splitlines()  # type: ignore[attr-defined]
        found = [json.loads(line) for line in lines if line.startswith("{")]
        return [e for e in found if e.get("request_id") == request_id]

    wait_for(lambda: bool(entries()), 10)
    return entries()


def _id() -> str:
    return str(uuid6.uuid7())


class Device:
    """A device speaking the raw protocol, so the tests see exactly what goes over the wire."""

    def __init__(self, central: Central, office: str, name: str = "pc") -> None:
        self.url = central.url
        self.office = office
        answer = requests.post(
            self.url + "/v1/enroll",
            timeout=5,
            json={"code": central.enrollment_code(office), "device_id": _id(), "device_name": name},
        )
        assert answer.status_code == 200, answer.text
        self.enrolment = answer.json()
        self.id, self.token, self.slot = self.enrolment["device_id"], self.enrolment["token"], self.enrolment["slot"]
        self.numbers = iter(range(self.slot * 1000 + 1, self.slot * 1000 + 1000))

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def received(self, **extra: Any) -> dict[str, Any]:
        payload = dossier_payload(self.office, self.slot, next(self.numbers), **extra)
        return {
            "id": _id(),
            "kind": "dossier.received",
            "aggregate_id": payload["id"],
            "payload": payload,
            "created_at": "2025-07-01T08:00:00+07:00",
        }

    def status(self, received: dict[str, Any], to: int, at: str = "2025-07-01T09:00:00+07:00") -> dict[str, Any]:
        p = received["payload"]
        payload = {
            "dossier_id": p["id"],
            "code": p["code"],
            "from_status": 2,
            "to_status": to,
            "reason": "",
            "at": at,
            "actor": "clerk1",
        }
        return {
            "id": _id(),
            "kind": "dossier.status_changed",
            "aggregate_id": p["id"],
            "payload": payload,
            "created_at": at,
        }

    def push(self, *events: dict[str, Any]) -> list[dict[str, Any]]:
        answer = requests.post(self.url + "/v1/events", json={"events": list(events)}, headers=self.auth, timeout=10)
        assert answer.status_code == 200, answer.text
        return list(answer.json()["results"])

    def pull(self, cursor: str = "", limit: int = 500) -> dict[str, Any]:
        answer = requests.get(
            self.url + "/v1/changes", params={"cursor": cursor, "limit": limit}, headers=self.auth, timeout=10
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def pull_all(self) -> list[dict[str, Any]]:
        page = self.pull()
        return list(page["changes"])


def test_health_stamps_the_server_clock_and_protocol(central: Central) -> None:
    answer = requests.get(central.url + "/health", timeout=5)
    assert answer.json()["status"] == "ok" and answer.json()["protocol"] == PROTOCOL_VERSION
    assert answer.headers["X-Motcua-Protocol"] == str(PROTOCOL_VERSION)
    assert answer.headers["X-Server-Time"].endswith("Z")
    assert set(requests.get(central.url + "/openapi.json", timeout=5).json()["paths"]) >= {
        "/health",
        "/v1/enroll",
        "/v1/events",
        "/v1/changes",
    }


def test_enrolment_code_is_single_use_but_a_lost_answer_can_be_asked_again(central: Central) -> None:
    office = central.new_office()
    code = central.enrollment_code(office)
    device_id = _id()
    first = requests.post(central.url + "/v1/enroll", json={"code": code, "device_id": device_id}, timeout=5)
    again = requests.post(central.url + "/v1/enroll", json={"code": code.lower(), "device_id": device_id}, timeout=5)
    other = requests.post(central.url + "/v1/enroll", json={"code": code, "device_id": _id()}, timeout=5)
    assert first.status_code == again.status_code == 200
    assert again.json()["slot"] == first.json()["slot"] and again.json()["token"] != first.json()["token"]
    assert other.status_code == 403 and other.json()["error"] == "enrollment_code_invalid"
    old = requests.get(
        central.url + "/v1/changes", headers={"Authorization": f"Bearer {first.json()['token']}"}, timeout=5
    )
    assert old.status_code == 401  # the replay replaced the token


def test_devices_get_slots_0_to_9_then_no_free_slot(central: Central) -> None:
    office = central.new_office()
    slots = [Device(central, office, f"pc{i}").slot for i in range(10)]
    assert sorted(slots) == list(range(10))
    answer = requests.post(
        central.url + "/v1/enroll", timeout=5, json={"code": central.enrollment_code(office), "device_id": _id()}
    )
    assert answer.status_code == 409 and answer.json()["error"] == "no_free_slot"


def test_same_id_same_body_gets_the_original_answer_other_body_a_conflict(central: Central) -> None:
    dev = Device(central, central.new_office())
    ev = dev.received()
    assert dev.push(ev) == [{"id": ev["id"], "result": "accepted"}]
    assert dev.push(ev, ev) == [{"id": ev["id"], "result": "accepted"}] * 2
    changed = {**ev, "payload": {**ev["payload"], "phone": "0987654321"}}
    [result] = dev.push(changed)
    assert result["result"] == "conflict" and result["error"] == "event_id_conflict"
    assert len(central.dossiers(dev.office)) == 1


def test_one_bad_event_is_rejected_alone_and_goes_through_once_fixed(central: Central) -> None:
    dev = Device(central, central.new_office())
    good, bad = dev.received(), dev.received(status=11)
    status_of_bad = dev.status(bad, 4)
    results = dev.push(good, bad, status_of_bad)
    assert [r["result"] for r in results] == ["accepted", "rejected", "rejected"]
    assert results[1]["message"] == "status: must be an integer 1–10"
    assert results[2]["error"] == "unknown_dossier"
    fixed = {**bad, "payload": {**bad["payload"], "status": 2}}
    assert [r["result"] for r in dev.push(fixed, status_of_bad)] == ["accepted", "accepted"]
    assert {d["code"]: d["status"] for d in central.dossiers(dev.office)} == {
        good["payload"]["code"]: 2,
        bad["payload"]["code"]: 4,
    }


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"code": "000.00.12.H62-250701-0001"}, "invalid_field"),  # another unit's code
        ({"code": "BAD"}, "invalid_field"),
        ({"received_at": "2025-07-01T08:00:00"}, "invalid_field"),  # no offset
        ({"channel": "fax"}, "invalid_field"),
        ({"device_slot": 10}, "invalid_field"),
    ],
)
def test_invalid_dossiers_are_rejected_with_the_field(central: Central, change: dict[str, Any], error: str) -> None:
    dev = Device(central, central.new_office())
    [result] = dev.push(dev.received(**change))
    assert (result["result"], result["error"]) == ("rejected", error)
    assert result["message"].split(":")[0] in change


def test_a_device_sends_only_dossiers_of_its_own_office(central: Central) -> None:
    a, b = Device(central, central.new_office()), Device(central, central.new_office())
    theirs = a.received()
    assert a.push(theirs)[0]["result"] == "accepted"
    foreign = b.received()
    foreign["payload"] = {**theirs["payload"], "id": foreign["aggregate_id"]}
    assert b.push(foreign)[0]["error"] == "office_mismatch"
    assert b.push(b.status(theirs, 9))[0]["error"] == "unknown_dossier"
    replay = b.push(theirs)[0]  # another office replaying an accepted id learns nothing
    assert replay["result"] in ("conflict", "rejected")


def test_duplicate_code_from_a_misnumbered_device_is_rejected(central: Central) -> None:
    dev = Device(central, central.new_office())
    first = dev.received()
    twin = dev.received(code=first["payload"]["code"])
    assert [r.get("error") for r in dev.push(first, twin)] == [None, "code_taken"]


def test_the_feed_carries_other_devices_dossiers_back_office_status_catalogue_and_calendar(central: Central) -> None:
    office = central.new_office()
    a, b, stranger = Device(central, office, "a"), Device(central, office, "b"), Device(central, central.new_office())
    ev = a.received()
    a.push(ev)
    a.push(a.status(ev, 4))
    code = ev["payload"]["code"]
    central.set_status(code, 9, "xong")
    central.publish_catalog([{"code": "1.001193", "name_vi": "Đăng ký khai sinh"}])
    kinds_b = [(c["kind"], c["data"].get("status")) for c in b.pull_all() if c["kind"] != "calendar"]
    assert ("dossier", 2) in kinds_b and ("dossier_status", 4) in kinds_b and ("dossier_status", 9) in kinds_b
    assert ("catalog", None) in kinds_b
    kinds_a = [c["kind"] for c in a.pull_all() if c["kind"] != "catalog"]
    # its own changes too (recovery after a restore or re-enrolment), then the back office's
    assert kinds_a.count("dossier") == 1 and kinds_a.count("dossier_status") == 2
    assert all(c["kind"] in ("catalog", "calendar") for c in stranger.pull_all())


def test_a_late_status_loses_and_the_sender_is_told_the_current_one(central: Central) -> None:
    dev = Device(central, central.new_office())
    ev = dev.received()
    dev.push(ev)
    cursor = dev.pull()["cursor"]
    dev.push(dev.status(ev, 4, at="2025-07-01T10:00:00+07:00"))
    dev.push(dev.status(ev, 5, at="2025-07-01T09:00:00+07:00"))  # arrives last, happened first
    assert central.dossiers(dev.office)[0]["status"] == 4
    correction = dev.pull(cursor)["changes"]
    assert [(c["kind"], c["data"]["status"], c["data"]["source"]) for c in correction] == [
        ("dossier_status", 4, "device"),  # its own change comes back too
        ("dossier_status", 4, "central"),
    ]


def test_the_cursor_pages_through_the_feed_without_gaps(central: Central) -> None:
    office = central.new_office()
    a, b = Device(central, office, "a"), Device(central, office, "b")
    sent = [a.received() for _ in range(25)]
    a.push(*sent)
    seen, cursor, pages = [], "", 0
    while True:
        page = b.pull(cursor, limit=7)
        pages += 1
        seen += [c["key"] for c in page["changes"] if c["kind"] == "dossier"]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == [e["aggregate_id"] for e in sent] and pages >= 4
    assert b.pull(cursor)["changes"] == []


def test_tokens_missing_unknown_or_revoked_get_401(central: Central) -> None:
    dev = Device(central, central.new_office())
    assert requests.get(central.url + "/v1/changes", timeout=5).json()["error"] == "invalid_token"
    bad = requests.get(central.url + "/v1/changes", headers={"Authorization": "Bearer nope"}, timeout=5)
    assert (bad.status_code, bad.json()["error"]) == (401, "invalid_token")
    central.revoke(dev.id)
    answer = requests.post(central.url + "/v1/events", json={"events": [dev.received()]}, headers=dev.auth, timeout=5)
    assert (answer.status_code, answer.json()["error"]) == (401, "token_revoked")
    assert central.dossiers(dev.office) == []


def test_bodies_are_bounded_and_gzip_is_checked(central: Central) -> None:
    dev = Device(central, central.new_office())
    headers = {**dev.auth, "Content-Type": "application/json"}
    url = central.url + "/v1/events"
    big = requests.post(url, data=b" " * (3 * 1024 * 1024), headers=headers, timeout=10)
    assert (big.status_code, big.json()["error"]) == (413, "body_too_large")
    bomb = gzip.compress(b" " * (40 * 1024 * 1024))
    answer = requests.post(url, data=bomb, headers={**headers, "Content-Encoding": "gzip"}, timeout=10)
    assert (answer.status_code, answer.json()["error"]) == (413, "body_too_large")
    body = gzip.compress(json.dumps({"events": [dev.received()]}).encode())
    cut = requests.post(url, data=body[:-10], headers={**headers, "Content-Encoding": "gzip"}, timeout=10)
    assert (cut.status_code, cut.json()["error"]) == (400, "bad_content_encoding")
    ok = requests.post(url, data=body, headers={**headers, "Content-Encoding": "gzip"}, timeout=10)
    assert ok.json()["results"][0]["result"] == "accepted"
    one = dev.received()
    many = requests.post(url, json={"events": [one] * 1001}, headers=dev.auth, timeout=30)
    assert (many.status_code, many.json()["error"]) == (413, "too_many_events")
    malformed = requests.post(url, data=b'{"events": [{"kind": 1}]}', headers=headers, timeout=10)
    assert (malformed.status_code, malformed.json()["error"]) == (422, "bad_request")


def test_access_log_is_one_json_object_per_line(central: Central) -> None:
    requests.get(central.url + "/health", headers={"X-Request-Id": "trace-me"}, timeout=5)
    mine = access_log(central, "trace-me")
    assert mine and mine[0]["path"] == "/health" and mine[0]["status"] == 200 and "ms" in mine[0]


def test_a_push_parsed_in_one_pass_still_refuses_odd_events_alone_and_bad_bodies_by_field(central: Central) -> None:
    """The push body is parsed by pydantic's own JSON reader (sync/server/push_body.py): JSON it refuses but
    Python's json takes (a lone surrogate escape, NaN) must still reach validation, which refuses that event
    alone; a body that is not JSON, or lacks ``events``, is one 422 naming where."""
    dev = Device(central, central.new_office())
    headers = {**dev.auth, "Content-Type": "application/json"}
    url = central.url + "/v1/events"
    good, surrogate, nan = dev.received(), dev.received(), dev.received()
    surrogate["payload"]["applicant_name"] = "NAME-WITH-SURROGATE"
    nan["payload"]["fee_vnd"] = 987654321
    text = json.dumps({"events": [good, surrogate, nan]})
    text = text.replace('"NAME-WITH-SURROGATE"', '"Nguy\\ud800n"').replace("987654321", "NaN")
    assert "\\ud800" in text and "NaN" in text
    answer = requests.post(url, data=text.encode(), headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["result"] for r in results] == ["accepted", "rejected", "rejected"]
    assert results[1]["message"].startswith("payload.applicant_name: contains the control or invalid character")
    assert results[2]["message"].startswith("payload.fee_vnd:")
    for body, where in ((b'{"events": [', "body.12: JSON decode error"), (b'{"sent_at": null}', "body.events:")):
        refused = requests.post(url, data=body, headers=headers, timeout=10)
        assert (refused.status_code, refused.json()["error"]) == (422, "bad_request")
        assert refused.json()["message"].startswith(where), refused.json()
