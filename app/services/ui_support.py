"""Read-only answers the desktop app needs that no other service gives yet (owned by the UI work).

Why here and not in ``app/ui``: these are plain queries over the store helpers and files, testable without
Qt, and the layer rule keeps store access out of widget code. Nothing in this module writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.timezone import VN_TZ
from app.store import dossiers, outbox, settings
from app.store.db import Store
from app.store.errors import NotFoundError

BACKUP_SUFFIXES = (".sqlite3", ".db", ".bak")


@dataclass(frozen=True)
class OfficeInfo:
    """What the status bar shows about where the app runs."""

    code: str
    name: str
    counter: int
    slot: int


def office_info(store: Store) -> OfficeInfo:
    return OfficeInfo(
        str(settings.get(store, "office_code")),
        str(settings.get(store, "office_name")),
        int(settings.get(store, "counter")),
        int(settings.get(store, "device_slot")),
    )


def pending_events(store: Store) -> int:
    """Changes written here and not yet acknowledged by the central server."""
    return int(outbox.counts(store).get("pending", 0))


def latest_backup(data_dir: Path) -> datetime | None:
    """When the newest backup under ``<data dir>/backups`` (automatic ones included) was written (None: never)."""
    folder = Path(data_dir) / "backups"
    newest: float | None = None
    try:
        for entry in folder.rglob("*"):
            if entry.suffix in BACKUP_SUFFIXES and entry.is_file():
                mtime = entry.stat().st_mtime
                newest = mtime if newest is None or mtime > newest else newest
    except OSError:
        return None
    return datetime.fromtimestamp(newest, VN_TZ) if newest is not None else None


def search_filtered(store: Store, text: str, flt: dossiers.ListFilter | None, limit: int = 500) -> list[int]:
    """Row ids matching the typed text (accent-insensitive prefix search) and the list filter, newest first; a
    ``partial`` attribute says whether only the newest dossiers were looked through."""
    return dossiers.search_seqs(store, text, limit=limit, flt=flt)


def find_code(store: Store, text: str) -> str | None:
    """The dossier code if ``text`` is exactly the code of a stored dossier (a scanned receipt), else None."""
    if not text or not text.strip():
        return None
    try:
        return str(dossiers.by_code(store, text)["code"])
    except NotFoundError:
        return None
