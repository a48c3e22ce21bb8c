"""Where openpyxl streams a sheet while it is built: a private folder of ours, emptied after each workbook.

Why: openpyxl writes every worksheet's XML to ``openpyxl.*.xml`` in the system temp folder before zipping it
(``openpyxl.worksheet._writer.create_temporary_file``), and removes those files only when the workbook is saved
or at interpreter exit. The log book's sheet is every citizen of the range in clear: a failed export left it
there for as long as the app ran, a killed or crashed one for good. The files now go to
``<temp>/motcua-xlsx`` (0700 on POSIX), those of a workbook are removed when it is done or fails, and files
left by a killed process are removed by the next export once they are six hours old (an export takes seconds;
another process's running export is never touched).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from openpyxl.worksheet import _writer

STALE_S = 6 * 3600
_local = threading.local()


def folder() -> Path:
    path = Path(tempfile.gettempdir()) / "motcua-xlsx"
    path.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def _create_temporary_file(suffix: str = "") -> str:
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="sheet.", dir=folder())
    os.close(fd)
    _writer.ALL_TEMP_FILES.append(name)  # openpyxl's own clean-up still finds it
    made = getattr(_local, "made", None)
    if made is not None:
        made.append(name)
    return name


def sweep(now: float | None = None) -> None:
    """Remove sheets left by a killed process (older than :data:`STALE_S`)."""
    now = time.time() if now is None else now
    for path in folder().iterdir():
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_S:
                path.unlink()


@contextlib.contextmanager
def private_sheets() -> Iterator[None]:
    """Build one workbook inside: its sheets' temp files live in our folder and are gone when it ends."""
    _writer.create_temporary_file = _create_temporary_file
    sweep()
    _local.made = []
    try:
        yield
    finally:
        for name in _local.made:
            with contextlib.suppress(OSError):
                os.remove(name)
            with contextlib.suppress(ValueError):
                _writer.ALL_TEMP_FILES.remove(name)
        _local.made = None
