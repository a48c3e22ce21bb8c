"""Writing a small secret file: readable by its owner only (0600), whole or not at all (temp file, fsync, rename).

Used for the key-file back end and the key's name in the data folder. ``sync/client/credentials.py`` has its own
copy of this because ``sync/`` never imports ``app/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_private(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600; with ``exclusive``, fail if ``path`` exists."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    # O_BINARY: on Windows os.open is text mode by default and os.write would turn \n into \r\n (a sealed blob broke)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if exclusive:
            os.link(tmp, path)  # atomic, and refuses an existing name (FileExistsError)
        else:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
