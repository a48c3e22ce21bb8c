"""The office tests' fixtures: a server process hosting the office queue (what ``motcua hub serve`` runs) with
the test office added; the queue tests' session and recording player."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.db import Database
from tests.office.helpers import add_office
from tests.queue.conftest import player, session, supervisor  # noqa: F401
from tests.sync.serverproc import CentralProcess


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CentralProcess, Database]]:
    monkeypatch.setenv("MOTCUA_QUEUE_HOST", "1")
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    proc = CentralProcess(db_url, tmp_path / "hub.log").start()
    db = Database(db_url, pool_size=2)
    add_office(db)
    yield proc, db
    proc.stop()
    db.close()
