"""Fixtures of the sync tests: a PostgreSQL cluster for the session, central servers on both databases, devices.

Every server test runs twice, on SQLite and on PostgreSQL. The PostgreSQL runs are skipped (with the reason)
only when the server binaries are not installed; CI installs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sync.client.credentials import TokenFile
from sync.client.engine import EngineConfig, SyncEngine
from sync.client.transport import TransportConfig
from tests.sync.central import Central
from tests.sync.fakes import MemoryStore
from tests.sync.pgserver import TempPostgres, find_pg_bin
from tests.sync.serverproc import CentralProcess

BACKENDS = ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.slow])]
FAST_TRANSPORT = TransportConfig(connect_timeout=2.0, read_timeout=5.0, attempts=2, backoff_base=0.01)

DeviceFactory = Callable[..., tuple[SyncEngine, MemoryStore]]


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (install the 'postgresql' package or set MOTCUA_PG_BIN)")
    pg = TempPostgres(bin_dir).start()
    yield pg
    pg.stop()


def _database(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'central.sqlite3'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty central database on each backend."""
    return _database(request.param, request, tmp_path)


@pytest.fixture(scope="session", params=BACKENDS)
def central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    """One running server per backend for the session; tests keep apart by using their own offices."""
    folder = tmp_path_factory.mktemp(f"central-{request.param}")
    db_url = _database(request.param, request, folder)
    proc = CentralProcess(db_url, folder / "server.log").start()
    central = Central(proc.url, db_url)
    central.log_path = folder / "server.log"  # type: ignore[attr-defined]
    yield central
    central.close()
    proc.stop()


def new_device(url: str, tmp_path: Path, name: str = "pc", **engine_options: object) -> tuple[SyncEngine, MemoryStore]:
    store = MemoryStore()
    options = {"transport_config": FAST_TRANSPORT, **engine_options}
    engine = SyncEngine(store, TokenFile(tmp_path / f"{name}.token"), **options)  # type: ignore[arg-type]
    return engine, store


@pytest.fixture
def device(central: Central, tmp_path: Path) -> DeviceFactory:
    """Make devices enrolled in an office of the session's server: ``device(office, name=…, config=…)``."""

    def make(
        office: str, name: str = "pc", config: EngineConfig | None = None, url: str | None = None
    ) -> tuple[SyncEngine, MemoryStore]:
        engine, store = new_device(url or central.url, tmp_path, name, config=config)
        engine.enroll(url or central.url, central.enrollment_code(office), name)
        return engine, store

    return make
