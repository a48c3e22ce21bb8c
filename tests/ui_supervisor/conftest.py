"""Supervisor-view tests: offscreen, marked ``gui``, failing on any Qt warning (as tests/ui does), on a copy of
the generated month from tests/reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reports.conftest import month_template  # noqa: F401 - the session-wide month store

HERE = Path(__file__).resolve().parent
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints", "This plugin does not support raise")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture
def session(month_template: Path, tmp_path: Path, qapp: Any) -> Iterator[Any]:  # noqa: F811
    """An app session on a copy of the month, at 2026-11-30 16:00 (so "today" has data and due-soon rows)."""
    import shutil
    from datetime import datetime

    from app.domain.timezone import VN_TZ
    from app.services.clock import FixedClock
    from app.services.setup import open_store
    from app.ui.fonts import apply_scale, register_fonts
    from app.ui.session import AppSession

    apply_scale(qapp, register_fonts(), 1.0)
    target = tmp_path / "month"
    shutil.copytree(month_template, target)
    clock = FixedClock(datetime(2026, 11, 30, 16, 0, tzinfo=VN_TZ))
    app_session = AppSession(target, open_store(target), lang="vi", clock=clock)
    yield app_session
    app_session.close()
