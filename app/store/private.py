"""The data folder is its owner's only: 0700 for folders, 0600 for the database, its WAL, backups and logs.

Why: the store holds every citizen's name, ID number and address, and a commune PC often has several local
accounts. On POSIX the modes are set when the file or folder is made and tightened on every start (stores made
by earlier versions were 0644). On Windows the per-user %LOCALAPPDATA% already is private and modes mean
little, so nothing is done there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

POSIX = os.name == "posix"


def private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if needed and make it 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if POSIX:
        with contextlib.suppress(OSError):  # a folder we do not own: the file modes still protect the data
            os.chmod(path, 0o700)


def private_file(path: Path) -> None:
    """Make an existing file 0600; create it empty with that mode when missing."""
    if not POSIX:
        return
    path = Path(path)
    try:
        if path.exists():
            os.chmod(path, 0o600)
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        pass


def private_files(*paths: Path) -> None:
    """Make each existing file of ``paths`` 0600 (missing ones are left missing)."""
    if not POSIX:
        return
    for path in paths:
        with contextlib.suppress(OSError):
            if Path(path).exists():
                os.chmod(path, 0o600)
