"""``motcua-central`` administration commands, run in-process on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import uuid6

from sync.protocol.models import WireEvent
from sync.protocol.timefmt import utc_now
from sync.server import devices, ingest
from sync.server.cli import main
from sync.server.db import Database
from tests.sync.fakes import dossier_payload

OFFICE = "000.00.12.H62"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def _push_one(db_url: str, token_code: str) -> dict[str, Any]:
    """A device enrols with the printed code and sends one dossier (straight through the server's ingest)."""
    db = Database(db_url)
    try:
        with db.transaction() as tx:
            device, _, _ = devices.enroll(tx, token_code, str(uuid6.uuid7()), "pc", utc_now(), 60)
            payload = dossier_payload(OFFICE, device.slot, 1)
            event = WireEvent(
                id=str(uuid6.uuid7()),
                kind="dossier.received",
                aggregate_id=payload["id"],
                payload=payload,
                created_at=payload["received_at"],
            )
            assert ingest.ingest(tx, device, [event], utc_now())[0]["result"] == "accepted"
        return payload
    finally:
        db.close()


def test_the_province_workflow(capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path) -> None:
    db = ("--database-url", db_url)
    assert run(capsys, "office", "add", "--code", OFFICE, "--name", "UBND xã Tân Phú", *db)[0] == 0
    [office] = run_json(capsys, "office", "list", *db)
    assert (office["code"], office["name"]) == (OFFICE, "UBND xã Tân Phú")
    code, out, _ = run(capsys, "enrollment-code", "--office", OFFICE, *db)
    assert code == 0 and len(out.strip()) == 14
    payload = _push_one(db_url, out.strip())
    [dossier] = run_json(capsys, "dossiers", "--office", OFFICE, *db)
    assert (dossier["id"], dossier["status"], dossier["applicant_name"]) == (
        payload["id"],
        2,
        payload["applicant_name"],
    )
    changed = run_json(capsys, "set-status", payload["code"], "4", "--reason", "chuyển phòng", *db)
    assert (changed["status"], changed["status_reason"]) == (4, "chuyển phòng")
    [device] = run_json(capsys, "device", "list", "--office", OFFICE, *db)
    assert device["slot"] == 0 and device["revoked_at"] is None
    assert run(capsys, "device", "revoke", device["id"], *db)[0] == 0
    assert run_json(capsys, "device", "list", *db)[0]["revoked_at"] is not None
    procedures = tmp_path / "procedures.json"
    # saved by Notepad: a byte-order mark first (json.loads refused it: "Unexpected UTF-8 BOM")
    procedures.write_text(json.dumps([{"code": "1.001193", "name_vi": "Khai sinh"}]), encoding="utf-8-sig")
    assert run_json(capsys, "catalog", "publish", str(procedures), *db) == {"published": 1}
    holidays = Path(__file__).resolve().parents[2] / "resources" / "data" / "holidays.json"
    assert run_json(capsys, "calendar", "publish", str(holidays), *db) == {"published": 1}


def test_errors_are_one_line_with_an_exit_code(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    db = ("--database-url", db_url)
    code, _, err = run(capsys, "enrollment-code", "--office", "nope", *db)
    assert code == 4 and err == "motcua-central: error: no office nope\n"
    run(capsys, "office", "add", "--code", OFFICE, "--name", "x", *db)
    assert run(capsys, "office", "add", "--code", OFFICE, "--name", "x", *db)[0] == 2
    assert run(capsys, "set-status", f"{OFFICE}-250701-0001", "4", *db)[0] == 4
    assert run(capsys, "device", "revoke", "nobody", *db)[0] == 4


def test_the_database_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTCUA_CENTRAL_DB", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert run(capsys, "office", "add", "--code", OFFICE, "--name", "x")[0] == 0
    assert (tmp_path / "env.sqlite3").exists()
    assert run_json(capsys, "office", "list")[0]["code"] == OFFICE
