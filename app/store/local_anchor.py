"""The audit chain's head, remembered in a small file beside the database after every write.

Why: cutting the tail off the log, or recomputing the whole chain after an edit, leaves a chain that checks out
by itself. The file is outside the SQLite file, so it survives such an edit (and the restore of an older backup,
like the code high-water file). It only moves forward: when the chain no longer contains the anchored row with
the anchored hash, the file is left as it is, as evidence for ``motcua audit verify``. A restore, which shortens
the chain on purpose, resets it explicitly (:func:`reset`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from app.store import file_stamp
from app.store.file_stamp import Stamp

ANCHOR_FILE = "audit-anchor.json"
_RECORD = 128  # bytes: {"seq": <up to 19 digits>, "hash": <64 hex>} padded with spaces


def path_for(folder: Path) -> Path:
    return Path(folder) / ANCHOR_FILE


_known: dict[str, tuple[Stamp, tuple[int, str]]] = {}  # file -> (its stamp, the head this process wrote)


def _read_known(folder: Path) -> tuple[int, str] | None:
    """:func:`read`, from memory while the file is as this process last wrote it."""
    path = os.path.join(folder, ANCHOR_FILE)
    known = _known.get(path)
    if known is not None and known[0] == file_stamp.stamp(path):
        return known[1]
    return read(folder)


def read(folder: Path) -> tuple[int, str] | None:
    try:
        data = json.loads(path_for(folder).read_text("utf-8"))
        return int(data["seq"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(folder: Path, head: tuple[int, str]) -> None:
    """Overwrite the file in place with one fixed-size write (a rename costs milliseconds on some disks, and
    this runs after every commit); a torn write only loses the anchor, never the data."""
    record = json.dumps({"seq": head[0], "hash": head[1]}).ljust(_RECORD).encode("ascii")
    path = os.path.join(folder, ANCHOR_FILE)
    _known.pop(path, None)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, record)
        finally:
            os.close(fd)
    except OSError:
        return  # evidence, not the record: a failed write must never fail the transaction that already committed
    stamp = file_stamp.stamp(path)
    if stamp is not None:
        _known[path] = (stamp, head)


def advance(conn: sqlite3.Connection, folder: Path) -> None:
    """Move the anchor to the chain's head, unless the chain no longer holds the anchored row unchanged."""
    from app.store.audit import chain_head, hash_hex

    head = chain_head(conn)
    if head is None:
        return
    current = _read_known(folder)
    if current is not None:
        if current[0] > head[0] or current == head:
            return
        row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (current[0],)).fetchone()
        if row is None or hash_hex(row[0]) != current[1]:
            return
    _write(folder, head)


def reset(conn: sqlite3.Connection, folder: Path) -> None:
    """Anchor the current head whatever the file said (after a deliberate restore)."""
    from app.store.audit import chain_head

    head = chain_head(conn)
    if head is not None:
        _write(folder, head)
