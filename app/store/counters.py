"""Daily dossier numbering that never hands out a printed code twice.

The counter row moves forward inside the receiving transaction. A small high-water file next to the database
(``code-highwater.json``) remembers the last number issued per unit, day and slot outside the SQLite file, so a
restore of an older backup still continues past every code this device has printed.

The file's fsync runs in a helper thread while the receiving transaction commits (``record_in_background``):
both reach the disk in about the time of one, and the caller waits for both before it shows the code. A
number written to the file for a transaction that then rolls back only leaves a gap, never a reuse.

The file is not parsed again on every receive: what this process last read or wrote is kept with the file's
identity, size and times (one ``stat``), and the file is read again only when another process (a ``motcua``
command on the same PC, a restore) has replaced it since.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from app.store import file_stamp
from app.store.db import Store
from app.store.durable import fsync_dir
from app.store.file_stamp import Stamp

HIGHWATER_FILE = "code-highwater.json"
# One long-lived writer thread: starting a thread per receive cost more than the fsync it hides (the new
# thread must be scheduled before start() returns). It holds no state, only a place to run the write.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="code-highwater")
KEEP_DAYS = 60


def _key(unit_code: str, day: str, slot: int) -> str:
    return f"{unit_code}|{day}|{slot}"


def last_number(store: Store, unit_code: str, day: str, slot: int) -> int | None:
    value = store.scalar(
        "SELECT last_number FROM daily_counters WHERE unit_code = ? AND day = ? AND slot = ?",
        (unit_code, day, slot),
    )
    return int(value) if value is not None else None


def save_number(store: Store, unit_code: str, day: str, slot: int, number: int) -> None:
    """Record ``number`` as issued (inside the receiving transaction)."""
    store.conn.execute(
        "INSERT INTO daily_counters (unit_code, day, slot, last_number) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(unit_code, day, slot) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)",
        (unit_code, day, slot, number),
    )


class Pending:
    """High-water writes under way; leaving the ``with`` block waits for them (also when it raises).

    Entered before the receiving transaction (``with pending, store.transaction():``) it waits after the
    commit, so the commit's fsync and the file's run side by side.
    """

    def __init__(self) -> None:
        self._writes: list[Future[None]] = []

    def add(self, write: Future[None]) -> None:
        self._writes.append(write)

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        for write in self._writes:
            write.result()


# file -> (its stamp, its numbers as last read or written by this process); the dicts are never changed in place
_known: dict[str, tuple[Stamp, dict[str, int]]] = {}


class HighWater:
    """The outside-the-database memory of issued numbers."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / HIGHWATER_FILE
        self._name = os.fspath(self.path)

    def read(self) -> dict[str, int]:
        """The numbers in the file (do not change the dict: it may be the one kept in memory)."""
        stamp = file_stamp.stamp(self._name)
        if stamp is None:
            return {}
        known = _known.get(self._name)
        if known is not None and known[0] == stamp:
            return known[1]
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        numbers = {k: int(v) for k, v in data.items()} if isinstance(data, dict) else {}
        _known[self._name] = (stamp, numbers)
        return numbers

    def get(self, unit_code: str, day: str, slot: int) -> int | None:
        return self.read().get(_key(unit_code, day, slot))

    def record_in_background(self, pending: Pending, unit_code: str, day: str, slot: int, number: int,
                             today: date) -> None:
        """Start :meth:`record` in the writer thread; ``pending`` waits for it."""
        pending.add(_WRITER.submit(self.record, unit_code, day, slot, number, today))

    def record(self, unit_code: str, day: str, slot: int, number: int, today: date) -> None:
        """Durably remember ``number`` (write to a temp file, fsync, rename)."""
        key = _key(unit_code, day, slot)
        known = self.read()
        if known.get(key, 0) >= number:
            return
        cutoff = (today - timedelta(days=KEEP_DAYS)).isoformat()
        data = {k: v for k, v in known.items() if k.split("|")[1] >= cutoff}
        data[key] = number
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.unlink(missing_ok=True)  # left by a crash: O_EXCL makes the file afresh, owner-only
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # like every file in the data folder
            with open(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            fsync_dir(self.path.parent)  # else a power cut may bring the old file back under the name
            stamp = file_stamp.stamp(self._name)
            if stamp is not None:
                _known[self._name] = (stamp, data)
        except OSError:
            # The database row is the primary record; this file only protects against restores.
            tmp.unlink(missing_ok=True)
