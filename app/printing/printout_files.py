"""The PDFs saved when no printer is set do not pile up: a receipt is the citizen's name, ID number, address
and phone in clear, and the fallback folder (``<data dir>/printouts`` by default) kept every one for good,
outside the encrypted store (a copy of the data folder for support carried them all). A printout is only needed
until it is printed, and any document can be printed again from the store, so a saved printout is removed a day
after it was written, when the next one is saved. Only files named as the app names them
(``receipt-<code>.pdf``, ``form02-…``, ``ticket-A012.pdf``…) are touched: the folder may be a shared one.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

KEEP_S = 24 * 3600
_OURS = re.compile(r"^(?:receipt|form0\d|handover|ticket|test-page)(?:-[\w.-]*)?\.pdf$")


def forget_old(folder: Path, keep_s: float = KEEP_S, now: float | None = None) -> list[Path]:
    """Remove the app's printouts in ``folder`` written more than ``keep_s`` ago; returns them. Never raises."""
    now = time.time() if now is None else now
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    gone = []
    for path in entries:
        try:
            if _OURS.match(path.name) and path.is_file() and now - path.stat().st_mtime > keep_s:
                path.unlink()
                gone.append(path)
        except OSError:
            continue  # open in a viewer (Windows): the next printout tries again
    return gone
