"""The hub's own daily backup while it serves: one archive a day in ``<data dir>/hub-backups/auto``, 14 kept.

Why in the serving process: the hub runs for weeks on a box nobody logs in to, so nobody would schedule it; a
thread beside the HTTP server looks once an hour and takes the day's backup (UTC day, from the names) when
there is none yet, then drops the oldest beyond 14. A failure (full disk) is logged and tried again an hour
later; it never stops the hub. Only names this module makes are ever deleted.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from sync.hub.backup import BACKUP_DIR, PREFIX, SUFFIX, backup_hub
from sync.hub.errors import HubError
from sync.hub.keys import KeySource

AUTO = "auto"
KEEP = 14
CHECK_EVERY_S = 3600.0
log = logging.getLogger("motcua.hub")


def auto_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR / AUTO


def ours(folder: Path) -> list[Path]:
    """The daily archives in ``folder``, oldest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))


def newest(data_dir: Path) -> Path | None:
    """The latest backup archive, taken by hand or daily (for ``hub status``)."""
    found = ours(Path(data_dir) / BACKUP_DIR) + ours(auto_dir(data_dir))
    return max(found, key=lambda p: p.name) if found else None


def run_once(data_dir: Path, key_source: KeySource, now: datetime | None = None, keep: int = KEEP) -> Path | None:
    """Take today's archive if there is none; drop the oldest beyond ``keep``. The new archive, or None."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    folder = auto_dir(data_dir)
    today = PREFIX + when.strftime("%Y%m%d")
    made = None
    if not any(p.name.startswith(today) for p in ours(folder)):
        made = backup_hub(data_dir, folder, key_source=key_source, now=when)
        log.info("daily hub backup %s", made.name)
    for old in ours(folder)[:-keep]:
        old.unlink(missing_ok=True)
    return made


class DailyBackup:
    """A daemon thread calling :func:`run_once` at start and then every ``every`` seconds until :meth:`stop`."""

    def __init__(self, data_dir: Path, key_source: KeySource, every: float = CHECK_EVERY_S) -> None:
        self.data_dir = Path(data_dir)
        self.key_source = key_source
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hub-daily-backup", daemon=True)

    def start(self) -> DailyBackup:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                run_once(self.data_dir, self.key_source)
            except (HubError, OSError) as exc:
                log.warning("daily hub backup failed, trying again in an hour: %s", exc)
            self._stop.wait(self.every)
