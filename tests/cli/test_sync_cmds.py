"""``motcua enroll`` / ``motcua sync`` end to end: a counter set up from the command line, a real central server,
and ``motcua-central`` showing the dossier exactly once."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import run_cli
from sync.server.cli import main as central_main
from tests.conftest import OFFICE_CODE
from tests.sync.pgserver import free_port
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CentralProcess]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    monkeypatch.setenv("MOTCUA_CENTRAL_DB", db_url)
    proc = CentralProcess(db_url, tmp_path / "central.log").start()
    yield proc
    proc.stop()


def motcua(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, Any, str]:
    code = run_cli(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out, err


def central(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert central_main(list(argv)) == 0
    out = capsys.readouterr().out
    return json.loads(out) if "--json" in argv else out.strip()


def _counter(capsys: pytest.CaptureFixture[str], data: Path, name: str) -> dict[str, Any]:
    """``motcua init`` and one ``motcua dossier receive``."""
    admin = ("--admin-password-file", os.environ["MOTCUA_ADMIN_PASSWORD_FILE"])  # supervisor commands need it
    assert motcua(capsys, data, "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã A", *admin)[0] == 0
    code, received, err = motcua(
        capsys,
        data,
        "dossier",
        "receive",
        "--procedure",
        "1.001193",
        "--name",
        name,
        "--id-number",
        "001085012345",
        "--json",
    )
    assert code == 0, err
    return dict(received)


def _enrol(capsys: pytest.CaptureFixture[str], data: Path, server: CentralProcess) -> dict[str, Any]:
    enrolment_code = central(capsys, "enrollment-code", "--office", OFFICE_CODE)
    code, enrolled, err = motcua(capsys, data, "enroll", "--server", server.url, "--code", enrolment_code, "--json")
    assert code == 0, err
    return dict(enrolled)


def test_receive_enrol_sync_and_the_central_has_the_dossier_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: CentralProcess
) -> None:
    data = tmp_path / "counter"
    received = _counter(capsys, data, "Trần Thị Bình")
    central(capsys, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã A")
    enrolled = _enrol(capsys, data, server)
    assert (enrolled["office_code"], enrolled["slot"]) == (OFFICE_CODE, 0)
    assert (data / "sync.token").stat().st_mode & 0o777 == 0o600
    code, report, err = motcua(capsys, data, "sync", "--json")
    assert code == 0, err
    assert {k: report[k] for k in ("pushed", "pulled", "pending", "rejected")} == {
        "pushed": 1,
        "pulled": 1,  # its own dossier comes back (the feed holds the office's everything), changing nothing
        "pending": 0,
        "rejected": 0,
    }
    assert motcua(capsys, data, "sync", "--json")[1]["pushed"] == 0  # nothing is sent twice
    [dossier] = central(capsys, "dossiers", "--office", OFFICE_CODE, "--json")
    assert (dossier["code"], dossier["applicant_name"]) == (received["code"], "Trần Thị Bình")
    code, status, _ = motcua(capsys, data, "sync", "status", "--json")
    assert status["online"] is True and status["pending"] == 0 and status["enrolled"] is True


def test_offline_and_not_enrolled_are_one_line_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "counter"
    admin = ("--admin-password-file", os.environ["MOTCUA_ADMIN_PASSWORD_FILE"])  # for enrol, an admin's act
    motcua(capsys, data, "init", "--office-code", OFFICE_CODE, "--office-name", "UBND xã A", *admin)
    code, _, err = motcua(capsys, data, "sync")
    assert code == 2 and err.startswith("Lỗi: thiết bị chưa đăng ký") and err.count("\n") == 1
    nowhere = f"http://127.0.0.1:{free_port()}"
    code, _, err = motcua(capsys, data, "enroll", "--server", nowhere, "--code", "AAAA-BBBB-CCCC")
    assert code == 3 and err.startswith("Lỗi: không kết nối được máy chủ để đăng ký") and "Traceback" not in err
    assert nowhere in err and err.count("\n") == 1  # the address the clerk typed, to check it


def test_rejected_events_are_listed_with_the_reason_and_can_be_sent_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: CentralProcess
) -> None:
    central(capsys, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã A")
    first, second = tmp_path / "a", tmp_path / "b"
    _counter(capsys, first, "Lê Văn C")
    _enrol(capsys, first, server)
    motcua(capsys, first, "sync")
    # The second counter worked stand-alone (slot 0) before it was enrolled (slot 1): its first code is numbered
    # in a slot it never held (and clashes with the first counter's): refused, kept for the supervisor.
    _counter(capsys, second, "Phạm Thị D")
    _enrol(capsys, second, server)
    assert motcua(capsys, second, "sync", "--json")[1]["rejected"] == 1
    [rejected] = motcua(capsys, second, "sync", "rejected", "--json")[1]
    assert rejected["kind"] == "dossier.received" and rejected["reason"].startswith("code_not_in_slot: code:")
    code, _, err = motcua(capsys, second, "sync", "resend", rejected["id"], "--json")
    assert code == 0, err
    again = motcua(capsys, second, "sync", "--json")[1]  # unchanged, it is refused again, still kept
    assert (again["rejected_now"], again["rejected"], again["pending"]) == (1, 1, 0)
    assert motcua(capsys, second, "sync", "resend", "no-such-event")[0] == 4


def test_a_revoked_device_loses_nothing_and_sends_after_enrolling_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, server: CentralProcess
) -> None:
    central(capsys, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã A")
    data = tmp_path / "counter"
    _counter(capsys, data, "Lê Văn C")
    _enrol(capsys, data, server)
    [device] = central(capsys, "device", "list", "--json")
    central(capsys, "device", "revoke", device["id"])
    code, _, err = motcua(capsys, data, "sync")
    assert code == 3 and "thu hồi" in err
    _enrol(capsys, data, server)
    assert motcua(capsys, data, "sync", "--json")[1]["pushed"] == 1
    assert len(central(capsys, "dossiers", "--office", OFFICE_CODE, "--json")) == 1
