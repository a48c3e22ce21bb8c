"""The hub's parts on their own, fast: the code with the fingerprint, the lock, the listening rules, a full disk."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests
import uuid6
import uvicorn
from fastapi import FastAPI

from app.cli import run_cli
from sync.client.pinning import format_code, matches, short_fingerprint, split_code
from sync.hub.lock import HubBusyError, HubLock
from sync.protocol.timefmt import utc_now
from sync.server import devices
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.db import Database
from tests.sync.fakes import dossier_payload
from tests.sync.pgserver import free_port

FP = "3f" * 32


def test_the_hub_code_carries_the_fingerprint_in_a_form_a_person_can_type() -> None:
    code = format_code("K7QX-M2PA-9RTE", FP)
    assert len(code) == 28 + 6 and not set(code.replace("-", "")) & set("01OI")
    plain, pin = split_code(code.lower().replace("-", " "))  # case, spaces and dashes do not matter
    assert plain == "K7QX-M2PA-9RTE" and pin == short_fingerprint(FP) and matches(pin, FP)
    assert not matches(pin, "40" + FP[2:])
    assert split_code("K7QX-M2PA-9RTE") == ("K7QX-M2PA-9RTE", None)  # a province's code: no pinning
    assert split_code(f"K7QX-M2PA-9RTE#{FP.upper()}") == ("K7QX-M2PA-9RTE", FP)
    with pytest.raises(ValueError, match="64 hexadecimal"):
        split_code("K7QX-M2PA-9RTE#abc")


def test_one_lock_holder_per_hub_folder(tmp_path: Path) -> None:
    first = HubLock(tmp_path / "hub.lock").acquire()
    with pytest.raises(HubBusyError, match="already serves"):
        HubLock(tmp_path / "hub.lock").acquire()
    first.release()
    HubLock(tmp_path / "hub.lock").acquire().release()  # the file left behind blocks nothing


def test_plain_http_only_on_loopback_and_serve_needs_an_initialised_hub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["--data-dir", str(tmp_path), "--lang", "en", "hub", "serve"]) == 2
    assert "no hub in" in capsys.readouterr().err
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "hub.json").write_text(
        '{"office_code": "X1", "office_name": "x", "upstream": "http://127.0.0.1:9", "device_id": "d", "slot": 0,'
        ' "cert_sha256": "00"}'
    )
    assert run_cli(["--data-dir", str(tmp_path), "--lang", "en", "hub", "serve", "--plain-http", "--host",
                    "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "only allowed on a loopback address" in err and err.count("\n") == 1


@contextlib.contextmanager
def serving(app: FastAPI, **tls: str) -> Iterator[str]:
    """The app under uvicorn in a thread on a free loopback port (the real HTTP stack, in this process)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, **tls)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class _SmallDisk(Database):
    """A database that cannot grow past ``pages`` pages: SQLite answers "database or disk is full"."""

    pages = 0

    def _connect(self) -> Any:
        conn = super()._connect()
        if self.pages:
            conn.execute(f"PRAGMA max_page_count={self.pages}")
        return conn


def test_a_full_disk_answers_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    db = _SmallDisk(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=1)
    app = create_app(ServerSettings(database_url=db.url, role="hub"), db)
    office = "000.00.12.H62"
    with db.transaction() as tx:
        devices.add_office(tx, office, "UBND xã", utc_now())
        code = devices.new_enrollment_code(tx, office, utc_now())
    events = []
    for n in range(1, 40):
        payload = dossier_payload(office, 0, n, notes="x" * 3000)
        events.append({"id": str(uuid6.uuid7()), "kind": "dossier.received", "aggregate_id": payload["id"],
                       "payload": payload, "created_at": "2025-07-01T08:00:00+07:00"})
    with serving(app) as url:
        enrolled = requests.post(url + "/v1/enroll", json={"code": code, "device_id": str(uuid.uuid4())}, timeout=10)
        auth = {"Authorization": f"Bearer {enrolled.json()['token']}"}
        db.close()
        db.pages = db_pages(db) + 2
        db.close()  # connections made from now on cannot grow the file
        answer = requests.post(url + "/v1/events", json={"events": events}, headers=auth, timeout=30)
        assert answer.status_code == 507
        assert answer.json() == {"error": "storage_full", "message": "the server's disk is full: nothing was stored"}
        db.pages = 0
        db.close()
        with db.transaction(write=False) as tx:
            assert tx.scalar("SELECT COUNT(*) AS n FROM events") == 0, "nothing of the push is stored"
            assert tx.scalar("SELECT COUNT(*) AS n FROM dossiers") == 0
            assert tx.scalar("PRAGMA integrity_check") == "ok"
        assert requests.post(url + "/v1/events", json={"events": events[:2]}, headers=auth, timeout=30).ok
        assert requests.get(url + "/health", timeout=5).json()["role"] == "hub"


def db_pages(db: Database) -> int:
    with db.transaction(write=False) as tx:
        return int(tx.scalar("PRAGMA page_count"))


def test_the_systemd_example_starts_a_command_that_exists() -> None:
    from app.cli import build_parser

    unit = (Path(__file__).resolve().parents[2] / "installer" / "motcua-hub.service").read_text("utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    argv = exec_start.split("=", 1)[1].split()[1:]
    args = build_parser().parse_args(argv)
    assert (args.command, args.hub_command, args.data_dir) == ("hub", "serve", "/var/lib/motcua")
    # The hub's key file: ProtectHome hides ~/.config, so the key folder is named and writable (sync/hub/keys.py).
    env = dict(line.split("=", 1)[1].split("=", 1) for line in unit.splitlines() if line.startswith("Environment="))
    writable = next(line for line in unit.splitlines() if line.startswith("ReadWritePaths=")).split("=", 1)[1].split()
    assert env["MOTCUA_KEY_DIR"] in writable and not env["MOTCUA_KEY_DIR"].startswith("/var/lib/motcua/")


def test_a_pinned_transport_refuses_another_certificate_and_says_so(tmp_path: Path) -> None:
    from sync.client import api
    from sync.client.errors import PinMismatchError
    from sync.client.transport import Transport, TransportConfig
    from sync.hub.tls import make_certificate

    served = make_certificate(tmp_path / "a.pem", tmp_path / "a.key", "X1")
    other = make_certificate(tmp_path / "b.pem", tmp_path / "b.key", "X1")
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}", pool_size=1)
    app = create_app(ServerSettings(database_url=db.url, role="hub"), db)
    with serving(app, ssl_certfile=str(tmp_path / "a.pem"), ssl_keyfile=str(tmp_path / "a.key")) as url:
        url = url.replace("http://", "https://")
        fast = TransportConfig(attempts=1, connect_timeout=5, read_timeout=5)
        good, bad = (Transport(url, None, replace(fast, pin_sha256=pin)) for pin in (served, other))
        try:
            assert api.health(good).role == "hub"
            with pytest.raises(PinMismatchError) as caught:
                api.health(bad)
        finally:
            good.close()
            bad.close()
        assert "not the office hub" in caught.value.user_message("en")
