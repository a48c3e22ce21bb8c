"""Where the device keeps its bearer token: a file readable only by its user (mode 0600).

The token is not put in the SQLite store, because backups of the store are copied around; it lives next to it
and is written atomically, so a crash never leaves half a token. On Windows the mode bits do not apply and the
per-user data folder's permissions protect it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Protocol


class TokenStore(Protocol):
    def load(self) -> str | None: ...

    def save(self, token: str) -> None: ...

    def clear(self) -> None: ...


class TokenFile:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def save(self, token: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, token.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.path)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
