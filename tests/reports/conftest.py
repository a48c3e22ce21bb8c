"""A month of generated work, built once per session and copied for each test (Anki's template idea)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def month_template(store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store
    from tests.reports.month import NOW, generate

    folder = tmp_path_factory.mktemp("month") / "data"
    shutil.copytree(store_template, folder)
    store = open_store(folder)
    try:
        ctx = ServiceContext(store=store, data_dir=folder, clock=FixedClock(NOW), actor=Actor("admin", "", "admin"))
        generate(ctx)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return folder


@pytest.fixture
def month(month_template: Path, tmp_path: Path) -> Iterator[Any]:
    """A supervisor's service context on a copy of the generated month, "now" = 2026-12-01 10:00."""
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store
    from tests.reports.month import NOW

    target = tmp_path / "month"
    shutil.copytree(month_template, target)
    store = open_store(target)
    yield ServiceContext(store=store, data_dir=target, clock=FixedClock(NOW),
                         actor=Actor("giamsat", "Lê Thị Giám Sát", "supervisor"))
    store.close()
