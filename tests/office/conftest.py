"""A real office on 127.0.0.1: the province (``motcua-central`` process), the hub (``motcua hub serve`` process)
and counters (app data folders copied from the test template, enrolled with the hub through the CLI).

The province and the hub are started once per module (process start-up is most of the cost on a busy machine);
each test makes its own counters and checks what they did, so tests do not depend on each other's data.
The queue tests use ``hub``: a server process hosting the office queue (what ``motcua hub serve`` runs) with the
test office added, and the queue tests' session and recording player."""

from __future__ import annotations

import contextlib
import io
import itertools
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
from sync.server.db import Database
from tests.conftest import OFFICE_CODE
from tests.office.helpers import add_office
from tests.office.hubproc import HubProcess
from tests.office.queue_host import QueueHostProcess
from tests.queue.conftest import player, session, supervisor  # noqa: F401
from tests.sync.central import Central
from tests.sync.serverproc import CentralProcess

_numbers = itertools.count(1)


def motcua(data_dir: Path, *argv: str) -> tuple[int, Any, str]:
    """``motcua --data-dir DIR --lang en ARGV``: exit code, parsed JSON or text, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(["--data-dir", str(data_dir), "--lang", "en", *argv])
    text = out.getvalue()
    return code, json.loads(text) if text.strip().startswith(("{", "[")) else text.strip(), err.getvalue()


def central_cli(db_url: str, *argv: str) -> Any:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert central_main([*argv, "--database-url", db_url]) == 0
    return json.loads(out.getvalue()) if "--json" in argv else out.getvalue().strip()


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
    store_template: Path
    counters: list[Counter] = field(default_factory=list)

    def hub_code(self, *extra: str) -> str:
        code, out, err = motcua(self.hub_dir, "hub", "enrollment-code", "--json", *extra)
        assert code == 0, err
        return str(out["code"])

    def province_code(self, *extra: str) -> str:
        return str(central_cli(self.central.db_url, "enrollment-code", "--office", OFFICE_CODE, *extra))

    def counter(self, name: str, clock: Clock | None = None, enrol: bool = True, role: str = "counter") -> Counter:
        """A PC of the office; ``role`` kiosk or screen: enrolled with a code that takes no device slot."""
        folder = self.root / f"{name}-{next(_numbers)}"
        shutil.copytree(self.store_template, folder)
        if enrol:
            hub_code = self.hub_code("--role", role)
            code, _, err = motcua(folder, "enroll", "--server", self.hub.url, "--code", hub_code, "--json")
            assert code == 0, err
        store = open_store(folder)
        actor = Actor("clerk1", "Nguyễn Thị Lan", "clerk")
        ctx = ServiceContext(store=store, data_dir=folder, clock=clock or SystemClock(), actor=actor)
        counter = Counter(folder, ctx)
        self.counters.append(counter)
        return counter

    def close_counters(self) -> None:
        for counter in self.counters:
            counter.ctx.store.close()
        self.counters.clear()


@contextlib.contextmanager
def running_office(root: Path, store_template: Path) -> Iterator[Office]:
    db_url = f"sqlite:///{root / 'province.sqlite3'}"
    central_cli(db_url, "office", "add", "--code", OFFICE_CODE, "--name", "UBND xã Mẫu Sơn")
    central = CentralProcess(db_url, root / "province.log")
    hub = HubProcess(root / "hub-pc")
    province = Central(central.url, db_url)
    office = Office(root, central, province, hub.data_dir, hub, store_template)
    try:
        central.start()
        code, _, err = motcua(hub.data_dir, "hub", "init", "--office-code", OFFICE_CODE, "--upstream", central.url,
                              "--code", office.province_code("--hub"), "--port", str(hub.port), "--json")
        assert code == 0, err
        hub.start()
        yield office
    finally:
        hub.stop()
        central.stop()
        province.close()


@pytest.fixture(scope="module")
def office_module(tmp_path_factory: pytest.TempPathFactory, store_template: Path) -> Iterator[Office]:
    with running_office(tmp_path_factory.mktemp("office"), store_template) as office:
        yield office


@pytest.fixture
def fresh_office(tmp_path: Path, store_template: Path) -> Iterator[Office]:
    """An office of its own, for a test that needs the hub's slots or the province untouched by others."""
    with running_office(tmp_path, store_template) as office:
        yield office
        office.close_counters()


@pytest.fixture
def office(office_module: Office) -> Iterator[Office]:
    if office_module.hub.proc is None or office_module.hub.proc.poll() is not None:
        office_module.hub.start()  # a test that killed it and failed before restarting
    yield office_module
    office_module.close_counters()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[CentralProcess, Database]]:
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    proc = QueueHostProcess(db_url, tmp_path / "hub.log").start()
    db = Database(db_url, pool_size=2)
    add_office(db)
    yield proc, db
    proc.stop()
    db.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """These tests SIGKILL the hub while clients hold TLS connections to it: a connection the server dropped
    mid-stream is discarded by urllib3 and its socket closed by the garbage collector, which Python reports as
    an unclosed socket at some later, random point. Only that warning is let through, only here."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:unclosed <ssl.SSLSocket:ResourceWarning"))
