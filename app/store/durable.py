"""Making a rename durable: after ``os.replace`` the new name is only on disk once its folder is fsynced.

Why a module of its own: the attachment files, the encrypted store's swap and the code high-water file all rename a
fsynced temp file into place, and a power cut right after the rename may bring the old name back unless the
folder is fsynced too. This sits apart from :mod:`app.store.blobs` (which pulls in ``cryptography``) so the
receive path can use it without loading that. ``sync/files.py`` has the same for ``sync/``, which imports no
``app`` code.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op on Windows)."""
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
