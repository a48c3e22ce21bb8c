"""Scanned pages a killed scan left in the system temp folder are removed by the next scan.

Why: a scan passes through a temp folder (SANE's ``scanimage`` writes its batch into ``motcua-scan-*``, WIA's
page is saved as ``motcua-wia-*/page.png``); a citizen's ID card and papers in clear, outside the sealed store.
The folder is removed when the scan ends, but not when the app is killed or the PC loses power mid-scan, and
versions before this one never removed WIA's at all. A scan takes seconds, so a folder an hour old is stale.
"""

from __future__ import annotations

from pathlib import Path

from sync import temp_folders
from sync.temp_folders import STALE_S

__all__ = ["PREFIXES", "STALE_S", "sweep_stale"]

PREFIXES = ("motcua-scan-", "motcua-wia-")


def sweep_stale(now: float | None = None) -> list[Path]:
    """Remove the stale scan folders in the temp folder; returns them. Never raises."""
    return temp_folders.sweep_stale(PREFIXES, now=now)
