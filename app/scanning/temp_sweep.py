"""Scanned pages a killed scan left in the system temp folder are removed by the next scan.

Why: a scan passes through a temp folder (SANE's ``scanimage`` writes its batch into ``motcua-scan-*``, WIA's
page is saved as ``motcua-wia-*/page.png``); a citizen's ID card and papers in clear, outside the sealed store.
The folder is removed when the scan ends, but not when the app is killed or the PC loses power mid-scan, and
versions before this one never removed WIA's at all. Only our own prefixes, only folders an hour old (a scan
takes seconds; another process's scan under way is left alone), only the current user's (POSIX).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

PREFIXES = ("motcua-scan-", "motcua-wia-")
STALE_S = 3600


def sweep_stale(now: float | None = None) -> list[Path]:
    """Remove the stale scan folders in the temp folder; returns them. Never raises."""
    now = time.time() if now is None else now
    gone = []
    try:
        entries = list(Path(tempfile.gettempdir()).iterdir())
    except OSError:
        return []
    for path in entries:
        try:
            if not path.name.startswith(PREFIXES) or not path.is_dir() or path.is_symlink():
                continue
            info = path.stat()
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            if now - info.st_mtime > STALE_S:
                shutil.rmtree(path, ignore_errors=True)
                gone.append(path)
        except OSError:
            continue
    return gone
