"""Issue 12, sync half: what an office does to sync — wrong clocks, re-enrolment, restores, one bad record, a
retried enrolment — played with the ``motcua`` command line against a real ``motcua-central`` process.

Each test is one numbered item of the issue and failed on the main branch before the invariants were built.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import uuid6

from app.services.clock import SystemClock
from sync.server.db import Database
from tests.cli.test_sync_cmds import central, motcua, server  # noqa: F401  (server is a fixture)
from tests.conftest import OFFICE_CODE
from tests.sync.chaos import FORWARD, Action, ChaosProxy
from tests.sync.fakes import dossier_payload
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
Capsys = pytest.CaptureFixture[str]


@contextlib.contextmanager
def clock_off(days: float) -> Iterator[None]:
    """This PC's clock (the app's clock) is ``days`` off: a dead clock battery, a wrong manual setting."""
    real = SystemClock.now
    SystemClock.now = lambda self: real(self) + timedelta(days=days)  # type: ignore[method-assign]
    try:
        yield
    finally:
        SystemClock.now = real  # type: ignore[method-assign]


def ok(capsys: Capsys, data: Path, *argv: str) -> Any:
    code, out, err = motcua(capsys, data, *argv, "--json")
    assert code == 0, err
    return out


def init(capsys: Capsys, data: Path) -> None:
    password = os.environ["MOTCUA_ADMIN_PASSWORD_FILE"]  # the admin password the CLI is given (tests/conftest.py)
    ok(capsys, data, "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã A",
       "--admin-password-file", password)  # fmt: skip


def receive(capsys: Capsys, data: Path, name: str) -> str:
    out = ok(
        capsys, data, "dossier", "receive", "--procedure", "1.001193", "--name", name, "--id-number", "001085012345"
    )
    return str(out["code"])


def enrol(capsys: Capsys, data: Path, srv: CentralProcess, url: str | None = None, office: str = OFFICE_CODE) -> Any:
    code = central(capsys, "enrollment-code", "--office", office)
    return ok(capsys, data, "enroll", "--server", url or srv.url, "--code", code)


def status_of(capsys: Capsys, data: Path, code: str) -> int:
    return int(ok(capsys, data, "dossier", "show", code)["status"])


def central_status(capsys: Capsys, code: str) -> int:
    [row] = [d for d in central(capsys, "dossiers", "--office", OFFICE_CODE, "--json") if d["code"] == code]
    return int(row["status"])


def token(data: Path) -> str:
    """The device's token, as the app reads it (the file is sealed with the store key)."""
    from app.security.keys import DeviceKeys
    from app.security.sealed_token import token_store

    found = token_store(data, DeviceKeys().load(data), "sync.token").load()  # type: ignore[attr-defined]
    assert found
    return str(found)


def push(srv: CentralProcess, data: Path, *events: dict[str, Any], raw: bytes | None = None) -> requests.Response:
    body = raw if raw is not None else json.dumps({"events": list(events)}).encode()
    headers = {"Authorization": f"Bearer {token(data)}", "Content-Type": "application/json"}
    return requests.post(srv.url + "/v1/events", data=body, headers=headers, timeout=10)


def received_event(slot: int, number: int, **fields: Any) -> dict[str, Any]:
    payload = dossier_payload(OFFICE_CODE, slot, number, date.today(), **fields)
    return {
        "id": str(uuid6.uuid7()),
        "kind": "dossier.received",
        "aggregate_id": payload["id"],
        "payload": payload,
        "created_at": payload["received_at"],
    }


@pytest.fixture
def office(capsys: Capsys, server: CentralProcess) -> CentralProcess:  # noqa: F811
    central(capsys, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã A")
    return server


def test_1_a_pc_a_year_ahead_cannot_freeze_a_status(capsys: Capsys, tmp_path: Path, office: CentralProcess) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    with clock_off(days=365):
        init(capsys, a)
        enrol(capsys, a, office)
        code = receive(capsys, a, "Trần Thị Bình")
        ok(capsys, a, "sync")
        warned = ok(capsys, a, "sync", "status")
        assert warned["clock_warning"] is True and warned["clock_offset_s"] < -360 * 86400  # told at once
        assert "đồng hồ máy nhanh 365 ngày so với máy chủ" in motcua(capsys, a, "sync", "status")[1]  # not seconds
    init(capsys, b)
    enrol(capsys, b, office)
    ok(capsys, b, "sync")
    with clock_off(days=365):
        ok(capsys, a, "dossier", "set-status", code, "4")  # "next year" by its clock
        ok(capsys, a, "sync")
    ok(capsys, b, "sync")
    assert status_of(capsys, b, code) == 4
    ok(capsys, b, "dossier", "set-status", code, "9")  # really later
    ok(capsys, b, "sync")
    with clock_off(days=365):
        ok(capsys, a, "sync")
    assert central_status(capsys, code) == 9
    assert status_of(capsys, a, code) == 9 and status_of(capsys, b, code) == 9
    assert ok(capsys, b, "sync", "status")["clock_warning"] is False


def test_2_one_record_no_device_can_hold_never_blocks_the_feed(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for data in (a, b):
        init(capsys, data)
        enrol(capsys, data, office)
    huge = received_event(0, 1, fee_vnd=10**20)
    deep: dict[str, Any] = {}
    for _ in range(50):
        deep = {"x": deep}
    nested = received_event(0, 2, extra=deep)
    answer = push(office, a, huge, nested).json()["results"]
    assert [(r["result"], r["message"].split(":")[0]) for r in answer] == [
        ("rejected", "payload.fee_vnd"),
        ("rejected", "payload.extra.x.x.x"),
    ]
    # A feed can still carry what a device cannot hold (an older server wrote it): the device keeps it aside.
    bad = dossier_payload(OFFICE_CODE, 0, 3, date.today(), fee_vnd=10**20)
    db = Database(office.db_url, pool_size=1)
    with db.transaction() as tx:
        tx.execute(
            "INSERT INTO changes (office_code, origin_device, kind, key, data, at) VALUES (?, NULL, ?, ?, ?, ?)",
            (OFFICE_CODE, "dossier", bad["id"], json.dumps(bad), "2025-07-01T01:00:00.000Z"),
        )
    db.close()
    good = receive(capsys, a, "Lê Văn C")
    ok(capsys, a, "sync")
    report = ok(capsys, b, "sync")
    assert report["held_now"] == 1
    assert status_of(capsys, b, good) == 2  # the rest of the feed went through
    [held] = ok(capsys, b, "sync", "held")
    assert held["key"] == bad["id"] and held["reason"].startswith("invalid_field: data.fee_vnd")
    status = ok(capsys, b, "sync", "status")
    assert status["held"] == 1 and status["last_error"] is None and status["online"] is True
    assert ok(capsys, b, "sync")["held_now"] == 0  # the cursor moved on: not held again, not blocking
    assert "sync held" in motcua(capsys, b, "sync", "status")[1]


def test_3_empty_text_fields_reach_every_device(capsys: Capsys, tmp_path: Path, office: CentralProcess) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for data in (a, b):
        init(capsys, data)
        enrol(capsys, data, office)
    nulls = dict.fromkeys(("procedure_name", "id_number", "phone", "email", "address", "notes", "received_by"))
    event = received_event(0, 1, sex=None, birth_date=None, due_at=None, copies=None, **nulls)
    event["payload"]["documents"] = [{"name": "Tờ khai", "originals": None, "photocopies": None}]
    assert push(office, a, event).json()["results"][0]["result"] == "accepted"
    report = ok(capsys, b, "sync")
    assert report["pulled"] == report["applied"] == 1 and report["held_now"] == 0
    shown = ok(capsys, b, "dossier", "show", event["payload"]["code"])
    assert shown["phone"] == "" and shown["applicant_name"] == event["payload"]["applicant_name"]


def test_4_a_revoked_slot_is_not_given_to_the_next_device(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    init(capsys, a)
    assert enrol(capsys, a, office)["slot"] == 0
    first = receive(capsys, a, "Lê Văn C")  # not sent yet when the device is revoked
    [device] = central(capsys, "device", "list", "--json")
    central(capsys, "device", "revoke", device["id"])
    init(capsys, b)
    assert enrol(capsys, b, office)["slot"] == 1
    second = receive(capsys, b, "Phạm Thị D")
    ok(capsys, b, "sync")
    assert first.endswith("-0001") and second.endswith("-1001")
    # the server checks every code against its sender's slot
    stolen = push(office, b, received_event(0, 2)).json()["results"][0]
    assert stolen["error"] == "code_not_in_slot"
    assert enrol(capsys, a, office)["slot"] == 0  # back in its own slot
    assert ok(capsys, a, "sync")["rejected"] == 0
    codes = sorted(d["code"] for d in central(capsys, "dossiers", "--office", OFFICE_CODE, "--json"))
    assert codes == sorted([first, second])


def test_5_re_enrolling_reverts_nothing_and_brings_own_changes_back(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    code = receive(capsys, a, "Lê Văn C")
    ok(capsys, a, "sync")
    central(capsys, "set-status", code, "4")
    ok(capsys, a, "sync")
    ok(capsys, a, "dossier", "set-status", code, "9")
    ok(capsys, a, "sync")
    # the same server under a new address
    enrol(capsys, a, office, url=office.url.replace("127.0.0.1", "localhost"))
    ok(capsys, a, "sync")
    assert central_status(capsys, code) == 9
    assert status_of(capsys, a, code) == 9


def test_6_restoring_an_older_own_backup_gets_the_later_work_back(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    first = receive(capsys, a, "Lê Văn C")
    ok(capsys, a, "sync")
    ok(capsys, a, "backup", "--out", str(tmp_path / "old.bak"))
    ok(capsys, a, "dossier", "set-status", first, "4")
    later = receive(capsys, a, "Phạm Thị D")
    ok(capsys, a, "sync")
    ok(capsys, a, "restore", str(tmp_path / "old.bak"))
    ok(capsys, a, "sync")
    assert status_of(capsys, a, first) == 4
    assert status_of(capsys, a, later) == 2


def test_8_another_offices_code_cannot_touch_a_device(capsys: Capsys, tmp_path: Path, office: CentralProcess) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    device_id = enrol(capsys, a, office)["device_id"]
    central(capsys, "office", "add", "--code", "000.00.99.H99", "--name", "UBND xã B")
    other = central(capsys, "enrollment-code", "--office", "000.00.99.H99")
    answer = requests.post(
        office.url + "/v1/enroll", json={"code": other, "device_id": device_id, "device_name": "x"}, timeout=10
    )
    assert answer.status_code == 409 and answer.json()["error"] == "device_in_other_office"
    receive(capsys, a, "Lê Văn C")
    assert ok(capsys, a, "sync")["pushed"] == 1  # untouched: its token works
    [row] = central(capsys, "device", "list", "--json")
    assert (row["id"], row["office_code"], row["slot"], row["revoked_at"]) == (device_id, OFFICE_CODE, 0, None)


def test_9_one_bad_event_is_rejected_alone_never_a_500(capsys: Capsys, tmp_path: Path, office: CentralProcess) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    good = received_event(0, 1)
    surrogate = received_event(0, 2)
    surrogate["payload"]["applicant_name"] = "PLACEHOLDER"
    year_9999 = received_event(0, 3, received_at="9999-12-31T23:59:59+07:00")
    year_9999["created_at"] = good["created_at"]
    year_1 = received_event(0, 4)
    year_1["created_at"] = "0001-01-01T00:00:00+14:00"
    body = json.dumps({"events": [good, surrogate, year_9999, year_1]}).replace("PLACEHOLDER", "\\ud800")
    answer = push(office, a, raw=body.encode())
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["result"] for r in results] == ["accepted", "rejected", "rejected", "rejected"]
    assert [r["message"].split(":")[0] for r in results[1:]] == ["payload.applicant_name", "received_at", "created_at"]
    assert "U+D800" in results[1]["message"]
    assert [d["code"] for d in central(capsys, "dossiers", "--office", OFFICE_CODE, "--json")] == [
        good["payload"]["code"]
    ]


def test_10_enrolment_is_safe_to_run_again_after_a_lost_answer(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    lost = {"n": 0}

    def policy(_: int, head: bytes) -> Action:
        if b"/v1/enroll" in head and lost["n"] < 3:  # every try of the first run loses its answer
            lost["n"] += 1
            return Action("drop_response")
        return FORWARD

    proxy = ChaosProxy(office.port, policy).start()
    try:
        code = central(capsys, "enrollment-code", "--office", OFFICE_CODE)
        failed, _, err = motcua(capsys, a, "enroll", "--server", proxy.url, "--code", code)
        assert failed == 3 and "Traceback" not in err
        again = ok(capsys, a, "enroll", "--server", proxy.url, "--code", code)
    finally:
        proxy.stop()
    [row] = central(capsys, "device", "list", "--json")  # no ghost device holding a slot
    assert (row["id"], row["slot"], again["slot"]) == (again["device_id"], 0, 0)


def test_each_push_leaves_the_audit_chain_head_as_an_anchor(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    from app.services.sync_bridge import build_engine
    from app.store import audit
    from app.store.db import Store

    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    receive(capsys, a, "Lê Văn C")
    ok(capsys, a, "sync")
    store = Store.in_folder(a)
    try:
        head = audit.chain_head(store.conn)
        anchors = build_engine(store, a).fetch_anchors()
    finally:
        store.close()
    assert head is not None and anchors[-1] == head


def test_sync_status_says_when_the_last_round_failed(capsys: Capsys, tmp_path: Path, office: CentralProcess) -> None:
    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    ok(capsys, a, "sync")
    [device] = central(capsys, "device", "list", "--json")
    central(capsys, "device", "revoke", device["id"])
    assert motcua(capsys, a, "sync")[0] == 3
    status = ok(capsys, a, "sync", "status")
    assert status["last_error"] == "auth"
    assert "auth" in motcua(capsys, a, "--lang", "en", "sync", "status")[1]
    assert datetime.fromisoformat(status["last_attempt_at"])


def test_verify_against_the_servers_anchors_finds_a_recomputed_chain(
    capsys: Capsys, tmp_path: Path, office: CentralProcess
) -> None:
    """A chain rewritten and re-hashed whole, with the local anchor file removed, checks out by itself; the anchors
    the server kept from earlier syncs find it (`motcua audit verify --server`)."""
    from tests.helpers.chain import recompute_chain

    a = tmp_path / "a"
    init(capsys, a)
    enrol(capsys, a, office)
    receive(capsys, a, "Lê Văn C")
    ok(capsys, a, "sync")
    assert ok(capsys, a, "audit", "verify", "--server")["ok"]
    recompute_chain(a / "motcua.sqlite3")
    (a / "audit-anchor.json").unlink()
    assert ok(capsys, a, "audit", "verify")["ok"]  # alone, the rewritten chain holds together
    code, out, _ = motcua(capsys, a, "audit", "verify", "--server", "--json")
    assert code == 1 and not out["ok"] and out["anchors"] >= 1
