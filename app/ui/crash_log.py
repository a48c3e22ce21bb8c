"""A crash always leaves a trace in the log: Python exceptions through the excepthook, native crashes (a Qt
segfault, an abort) through :mod:`faulthandler` writing into ``<data dir>/logs/crash.log``.

Why: once the main window vanished with no log entry (issue 17). An exception in a slot is caught by the
excepthook (logged, one calm sentence shown); a native crash kills the process before Python can say anything,
so faulthandler must already hold an open file to write the C-level traceback of every thread into.
"""

from __future__ import annotations

import atexit
import faulthandler
from datetime import datetime
from pathlib import Path
from typing import IO

_open: list[IO[str]] = []  # the one file faulthandler writes to when all is lost: open until replaced or exit


def enable_crash_log(data_dir: Path) -> Path | None:
    """Send native crash tracebacks to ``<data_dir>/logs/crash.log``; the path, or None if it cannot be opened."""
    folder = Path(data_dir) / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - must outlive this call
    except OSError:
        faulthandler.enable()  # at least on stderr
        return None
    handle.write(f"--- started {datetime.now().isoformat(timespec='seconds')}\n")
    handle.flush()
    faulthandler.enable(file=handle, all_threads=True)
    _close_open()  # a store reopened (another data folder, a restore): faulthandler no longer holds the old file
    _open.append(handle)
    return folder / "crash.log"


def _close_open() -> None:
    while _open:
        _open.pop().close()


@atexit.register
def _at_exit() -> None:
    """Stop faulthandler before its file closes, so a clean exit leaves no unclosed file behind."""
    if _open:
        faulthandler.disable()
        _close_open()
