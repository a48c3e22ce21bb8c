"""A real office on 127.0.0.1: the province (``motcua-central`` process), the hub (``motcua hub serve`` process)
and counters (app data folders copied from the test template, enrolled with the hub through the CLI)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from app.cli import run_cli
from app.services.clock import Clock, SystemClock
from app.services.context import Actor, ServiceContext
from app.services.receive import ReceiveInput, ReceiveResult, receive_dossier
from app.services.setup import open_store
from app.services.sync_bridge import build_engine
from sync.client.engine import RoundReport
from sync.server.cli import main as central_main
from tests.conftest import OFFICE_CODE
from tests.office.hubproc import HubProcess
from tests.sync.central import Central
from tests.sync.serverproc import CentralProcess


def motcua(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, Any, str]:
    code = run_cli(["--data-dir", str(data_dir), "--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out.strip(), err


def central_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert central_main(list(argv)) == 0
    out = capsys.readouterr().out
    return json.loads(out) if "--json" in argv else out.strip()


@dataclass
class Counter:
    data_dir: Path
    ctx: ServiceContext
    received: list[ReceiveResult] = field(default_factory=list)

    def receive(self, name: str) -> ReceiveResult:
        result = receive_dossier(self.ctx, ReceiveInput("1.001193", name, "001085012345"))
        self.received.append(result)
        return result

    def sync(self) -> RoundReport:
        return build_engine(self.ctx.store, self.data_dir, self.ctx.clock).run_once()

    def codes(self) -> set[str]:
        return {r["code"] for r in self.ctx.store.query("SELECT code FROM dossiers")}


@dataclass
class Office:
    root: Path
    central: CentralProcess
    province: Central
    hub_dir: Path
    hub: HubProcess
    capsys: pytest.CaptureFixture[str]
    store_template: Path
    counters: list[Counter] = field(default_factory=list)

    def hub_code(self) -> str:
        code, out, err = motcua(self.capsys, self.hub_dir, "hub", "enrollment-code", "--json")
        assert code == 0, err
        return str(out["code"])

    def counter(self, name: str, clock: Clock | None = None, enrol: bool = True) -> Counter:
        folder = self.root / name
        shutil.copytree(self.store_template, folder)
        if enrol:
            code, _, err = motcua(self.capsys, folder, "enroll", "--server", self.hub.url, "--code", self.hub_code(),
                                    "--name", name, "--json")
            assert code == 0, err
        store = open_store(folder)
        ctx = ServiceContext(store=store, data_dir=folder, clock=clock or SystemClock(),
                             actor=Actor("clerk1", "Nguyễn Thị Lan", "clerk"))
        counter = Counter(folder, ctx)
        self.counters.append(counter)
        return counter


@pytest.fixture
def office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_template: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Office]:
    db_url = f"sqlite:///{tmp_path / 'province.sqlite3'}"
    monkeypatch.setenv("MOTCUA_CENTRAL_DB", db_url)
    central_cli(capsys, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã Mẫu Sơn")
    central = CentralProcess(db_url, tmp_path / "province.log")
    hub_dir = tmp_path / "hub-pc"
    hub = HubProcess(hub_dir)
    province = Central(central.url, db_url)
    office = Office(tmp_path, central, province, hub_dir, hub, capsys, store_template)
    try:
        central.start()
        hub_code = central_cli(capsys, "enrollment-code", "--office", OFFICE_CODE, "--hub")
        code, _, err = motcua(capsys, hub_dir, "hub", "init", "--office-code", OFFICE_CODE, "--upstream",
                                central.url, "--code", hub_code, "--port", str(hub.port), "--json")
        assert code == 0, err
        hub.start()
        yield office
    finally:
        for counter in office.counters:
            counter.ctx.store.close()
        hub.stop()
        central.stop()
        province.close()
