"""An XLSX export leaves no citizen's data in the temp folder: not while it runs (a private folder), not after
it fails, not after a killed process (the next export removes its files once they are stale).

openpyxl streams each sheet's XML through a temp file (``openpyxl.*.xml`` in the system temp folder, removed
only at save or interpreter exit); the log book's sheet is every citizen of the range in clear.
"""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.reports import xlsx, xlsx_temp
from app.reports.logbook import log_rows
from app.reports.service import make_scope
from tests.security.conftest import PEOPLE, leaks, receive_people


@pytest.fixture
def rows(ctx: Any) -> list[Any]:
    receive_people(ctx)
    day = ctx.clock.now().date()
    return log_rows(ctx.store, make_scope(day, day), ctx.clock.now())


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


class Watched(list):
    """The rows, looking at the temp folder while the sheet is being written."""

    def __init__(self, rows: list[Any], temp: Path, fail: bool = False) -> None:
        super().__init__(rows)
        self.temp, self.fail, self.seen = temp, fail, []

    def __iter__(self) -> Iterator[Any]:
        for i, row in enumerate(super().__iter__()):
            if i == 2:
                self.seen = _files(self.temp)
                if self.fail:
                    raise RuntimeError("disk full half-way")
            yield row


def test_while_it_runs_the_sheet_is_in_a_private_folder_and_then_gone(system_temp: Path, rows: list[Any]) -> None:
    watched = Watched(rows, system_temp)
    data = xlsx.log_xlsx(watched, "Sổ theo dõi")
    assert data.startswith(b"PK")
    assert watched.seen and all(p.parent == system_temp / "motcua-xlsx" for p in watched.seen), watched.seen
    if os.name == "posix":
        assert stat.S_IMODE((system_temp / "motcua-xlsx").stat().st_mode) == 0o700
    assert _files(system_temp) == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's abandoned sheet
def test_a_failed_export_leaves_no_sheet(system_temp: Path, rows: list[Any]) -> None:
    watched = Watched(rows, system_temp, fail=True)
    with pytest.raises(RuntimeError):
        xlsx.log_xlsx(watched, "Sổ theo dõi")
    gc.collect()  # the abandoned sheet's writer is closed here, inside this test
    assert len(rows) == len(PEOPLE) and watched.seen, "the sheet was being written when it failed"
    assert _files(system_temp) == []


def test_a_killed_export_s_sheet_goes_with_the_next_export(system_temp: Path, rows: list[Any]) -> None:
    folder = xlsx_temp.folder()
    stale, running = folder / "sheet.killed.xml", folder / "sheet.running.xml"
    for path in (stale, running):
        path.write_bytes(PEOPLE[0][0].encode("utf-8"))
    old = time.time() - xlsx_temp.STALE_S - 60
    os.utime(stale, (old, old))
    xlsx.log_xlsx(rows, "Sổ theo dõi")
    assert _files(system_temp) == [running], "another process's export in progress is left alone"
    assert leaks(b"".join(p.read_bytes() for p in _files(system_temp) if p != running)) == []
