"""Issue 12's smaller server items and the new server invariants: offices and codes a device can use, bounded
enrolment codes, harmless device names, no existence oracle across offices, audit anchors, slot quarantine,
and the schema migration that brought them (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.client.errors import LocalError, RejectedError
from sync.client.status import status_of
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.cli import main as central_main
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.schema import MIGRATIONS, _statements, current_version, migrate
from tests.sync.central import Central
from tests.sync.conftest import new_device
from tests.sync.test_server_api import Device, _id

pytestmark = pytest.mark.slow
HEAD = (7, "ab" * 32)


def cli(capsys: pytest.CaptureFixture[str], db_url: str, *argv: str) -> tuple[int, str, str]:
    code = central_main([*argv, "--database-url", db_url])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("code", ["", "   ", "000.00.12.HĐ2", "x" * 500, "000 00", "-000.12", "٣٣٣"])
def test_office_add_refuses_codes_no_device_can_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, code: str
) -> None:
    db_url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    status, _, err = cli(capsys, db_url, "office", "add", "--code", code, "--name", "UBND xã A")
    assert status == 2 and err.startswith("motcua-central: error: office code") and err.count("\n") == 1


@pytest.mark.parametrize("ttl", ["-5", "0", "1e308", "nan", "100000"])
def test_enrolment_codes_live_a_sensible_time(capsys: pytest.CaptureFixture[str], tmp_path: Path, ttl: str) -> None:
    db_url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert cli(capsys, db_url, "office", "add", "--code", "000.00.12.H62", "--name", "UBND xã A")[0] == 0
    status, _, err = cli(capsys, db_url, "enrollment-code", "--office", "000.00.12.H62", "--ttl-hours", ttl)
    assert status == 2 and "ttl-hours" in err and "Traceback" not in err


def test_device_names_cannot_fake_rows_in_device_list(central: Central, capsys: pytest.CaptureFixture[str]) -> None:
    office = central.new_office()
    escape = {"code": central.enrollment_code(office), "device_id": _id(), "device_name": "pc\x1b[2K\rfake\tline"}
    answer = requests.post(central.url + "/v1/enroll", json=escape, timeout=5)
    assert answer.status_code == 422 and answer.json()["message"].startswith("body.device_name")
    dev = Device(central, office)
    with central.db.transaction() as tx:  # a name stored before names were checked
        tx.execute("UPDATE devices SET name = ? WHERE id = ?", ("pc\x1b[2K\rfake\nrow", dev.id))
    assert central_main(["device", "list", "--office", office, "--database-url", central.db_url]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert "\x1b" not in line and "\\x1b[2K\\rfake\\nrow" in line


def test_ids_of_another_office_are_neither_revealed_nor_blocked(central: Central) -> None:
    mine, theirs = Device(central, central.new_office(), "a"), Device(central, central.new_office(), "b")
    ev = mine.received()
    assert mine.push(ev)[0]["result"] == "accepted"
    copy = theirs.received()
    copy["id"] = ev["id"]  # the same event id…
    copy["aggregate_id"] = copy["payload"]["id"] = ev["payload"]["id"]  # …and the same dossier id
    assert theirs.push(copy)[0]["result"] == "accepted"  # answered as if the other office did not exist
    assert [d["id"] for d in central.dossiers(theirs.office)] == [ev["payload"]["id"]]
    assert [d["code"] for d in central.dossiers(mine.office)] == [ev["payload"]["code"]]


def test_pushes_leave_anchors_only_the_device_itself_reads(central: Central) -> None:
    a, b = Device(central, central.new_office(), "a"), Device(central, central.new_office(), "b")
    for seq, digest in ((3, "11" * 32), (7, "22" * 32), (7, "33" * 32)):  # a rewritten seq 7 does not replace
        body = {"events": [], "audit_head": {"seq": seq, "hash": digest}, "sent_at": utc_now()}
        assert requests.post(central.url + "/v1/events", json=body, headers=a.auth, timeout=5).status_code == 200
    anchors = requests.get(central.url + "/v1/anchors", headers=a.auth, timeout=5).json()["anchors"]
    assert [(x["seq"], x["hash"]) for x in anchors] == [(3, "11" * 32), (7, "22" * 32)]
    assert requests.get(central.url + "/v1/anchors", headers=b.auth, timeout=5).json()["anchors"] == []
    assert requests.get(central.url + "/v1/anchors", timeout=5).status_code == 401


def test_the_engine_sends_its_head_once_and_fetches_its_anchors(central: Central, tmp_path: Path) -> None:
    engine, store = new_device(central.url, tmp_path)
    engine.enroll(central.url, central.enrollment_code(central.new_office()))
    store.audit_head = lambda: HEAD  # type: ignore[method-assign]
    engine.run_once()
    engine.run_once()  # nothing new: no second push
    assert engine.fetch_anchors() == [HEAD]
    assert store.state.anchor_seq == 7


def test_a_released_slot_returns_to_service_after_the_quarantine(central: Central) -> None:
    office = central.new_office()
    with central.db.transaction() as tx:
        now = "2026-01-01T00:00:00.000Z"
        first, _, _ = devices.enroll(tx, devices.new_enrollment_code(tx, office, now), _id(), "a", now, 3600)
        devices.revoke(tx, first.id, now)
        soon = "2026-01-02T00:00:00.000Z"
        second, _, _ = devices.enroll(tx, devices.new_enrollment_code(tx, office, soon), _id(), "b", soon, 3600)
        later = "2026-01-03T00:00:01.000Z"
        third, _, _ = devices.enroll(tx, devices.new_enrollment_code(tx, office, later), _id(), "c", later, 3600)
    assert (first.slot, second.slot, third.slot) == (0, 1, 0)


def test_a_code_of_another_office_is_refused_before_anything_is_written(central: Central, tmp_path: Path) -> None:
    engine, _ = new_device(central.url, tmp_path)
    mine, other = central.new_office(), central.new_office()
    code = central.enrollment_code(other)
    with pytest.raises(RejectedError) as refused:
        engine.enroll(central.url, code, expect_office=mine)
    assert refused.value.error == "office_mismatch"
    assert [d for d in central_devices(central) if d["office_code"] == other] == []
    assert engine.enroll(central.url, code).office_code == other  # the code was not burnt


def central_devices(central: Central) -> list[dict[str, Any]]:
    with central.db.transaction(write=False) as tx:
        return devices.list_devices(tx)


def test_no_free_slot_names_the_quarantine(central: Central) -> None:
    office = central.new_office()
    with central.db.transaction() as tx:
        now = utc_now()
        for i in range(10):
            devices.enroll(tx, devices.new_enrollment_code(tx, office, now), _id(), f"pc{i}", now, 3600)
        with pytest.raises(ApiError) as full:
            devices.enroll(tx, devices.new_enrollment_code(tx, office, now), _id(), "pc10", now, 3600)
    assert full.value.error == "no_free_slot" and "hours" in full.value.message


def test_revision_1_databases_migrate_with_their_data(db_url: str) -> None:
    db = Database(db_url, pool_size=1)
    try:
        with db.transaction() as tx:
            current_version(tx)
            for statement in _statements(MIGRATIONS[0], db.dialect):
                tx.execute(statement)
            tx.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
            now = utc_now()
            tx.execute("INSERT INTO offices (code, name, created_at) VALUES ('X1', 'x', ?)", (now,))
            tx.execute(
                "INSERT INTO devices (id, office_code, name, slot, token_hash, enrolled_at) VALUES "
                "('d1', 'X1', 'pc', 3, 'h', ?)",
                (now,),
            )
            tx.execute(
                "INSERT INTO dossiers (id, code, office_code, device_id, status, status_at, data, received_at, "
                "updated_at) VALUES ('k1', 'X1-250701-3001', 'X1', 'd1', 2, ?, '{}', ?, ?)",
                (now, now, now),
            )
            tx.execute(
                "INSERT INTO events (id, device_id, office_code, kind, aggregate_id, body_hash, payload, created_at, "
                "received_at, result) VALUES ('e1', 'd1', 'X1', 'dossier.received', 'k1', 'h', '{}', ?, ?, 'accepted')",
                (now, now),
            )
        assert migrate(db) == len(MIGRATIONS)
        with db.transaction(write=False) as tx:
            assert tx.one("SELECT slot, until FROM slot_holds WHERE device_id = 'd1'") == {"slot": 3, "until": None}
            assert tx.one("SELECT code, status_event FROM dossiers WHERE id = 'k1'") == {
                "code": "X1-250701-3001",
                "status_event": "",
            }
            assert json.loads(tx.scalar("SELECT payload FROM events WHERE office_code = 'X1' AND id = 'e1'")) == {}
    finally:
        db.close()


def test_a_store_that_fails_is_reported_never_online_with_no_error(central: Central, tmp_path: Path) -> None:
    engine, store = new_device(central.url, tmp_path)
    engine.enroll(central.url, central.enrollment_code(central.new_office()))

    def broken(*_: Any) -> int:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    store.apply_pulled = broken  # type: ignore[method-assign]
    with pytest.raises(LocalError) as failed:
        engine.run_once()
    assert "OverflowError" in str(failed.value) and failed.value.exit_code == 3
    status = status_of(store.state, store.outbox_counts(), enrolled=True)
    assert status.last_error == "local"
