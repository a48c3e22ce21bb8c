"""One way for ``sync/`` to write a file that must never be left half written: the hub's ``hub.json``, a device's
token, an attachment fetched with ``motcua-central attachment get``.

Why one helper: the three did temp, fsync and rename each in its own way, and one of them fsynced through a handle
opened for reading, which Windows refuses ("Permission denied" from every ``hub init``, found by the Wine smoke).
``sync/`` cannot use the app's ``app/security/private_file.py`` (nothing here imports ``app``), so this is its own.
The temp file is created owner-only (0600 on POSIX; the data folder's rights on Windows), written and fsynced
through the same handle, then renamed over the target: a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # left by a crash: O_EXCL below must create the file afresh, with its mode
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    with contextlib.suppress(OSError):
        os.chmod(path, mode)  # a file that existed before keeps no wider rights
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable: a power cut may otherwise bring the old name back (a no-op on Windows,
    which cannot open a folder for fsync; NTFS journals the rename). ``app/store/durable.py`` is the app's twin."""
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
