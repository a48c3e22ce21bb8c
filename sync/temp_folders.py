"""Our folders a killed process left in the system temp folder are removed by the next run.

Why: some work must pass through files in the system temp folder (a scan batch, a page WIA saves, a document
OCRmyPDF reads and writes): a citizen's papers in clear, outside the sealed store. ``TemporaryDirectory`` removes
its folder when the work ends, but not when the process is killed or the PC loses power, and then the folder
stays for good. Only our own prefixes, only folders older than ``stale_s`` (so another process's work under way
is left alone), only the current user's (POSIX). Here, not in ``app/``, because the server's OCR needs it and
``sync/`` never imports the app.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_S = 3600


def sweep_stale(prefixes: tuple[str, ...], stale_s: float = STALE_S, now: float | None = None) -> list[Path]:
    """Remove the stale folders named ``prefixes*`` in the temp folder; returns them. Never raises."""
    now = time.time() if now is None else now
    gone = []
    try:
        entries = list(Path(tempfile.gettempdir()).iterdir())
    except OSError:
        return []
    for path in entries:
        try:
            if not path.name.startswith(prefixes) or not path.is_dir() or path.is_symlink():
                continue
            info = path.stat()
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            if now - info.st_mtime > stale_s:
                shutil.rmtree(path, ignore_errors=True)
                gone.append(path)
        except OSError:
            continue
    return gone
