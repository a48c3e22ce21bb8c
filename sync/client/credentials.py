"""Where the device keeps its bearer token: a file readable only by its user (mode 0600).

The token is not put in the SQLite store, because backups of the store are copied around; it lives next to it
and is written atomically, so a crash never leaves half a token. On Windows the mode bits do not apply and the
per-user data folder's permissions protect it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Protocol

from sync.files import write_atomic


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
        write_atomic(self.path, token.encode("utf-8"))

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
