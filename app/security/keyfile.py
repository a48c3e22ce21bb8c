"""Where the store key lives when the OS offers no key service: one file per key that only the user can read.

This is the fallback on Linux servers and CI machines without a Secret Service. The file sits in its own folder
(mode 0700, file 0600) outside the data folder, so a copy of the data folder, of a backup or of the second backup
copy does not carry the key. It does NOT protect against someone who can read the user's files (the same user,
root, or the whole disk of a stolen machine without disk encryption): on such a machine the key is beside the data.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.security.private_file import write_private


class KeyFileBackend:
    """Keys as hex text in ``<folder>/<key id>.key``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    name_vi = "tệp khóa chỉ người dùng này đọc được"
    name_en = "a key file readable by this user only"

    def describe(self) -> tuple[str, str]:
        return f"{self.name_vi} ({self.folder})", f"{self.name_en} ({self.folder})"

    def _path(self, key_id: str) -> Path:
        return self.folder / f"{key_id}.key"

    def get(self, key_id: str) -> bytes | None:
        try:
            text = self._path(key_id).read_text("ascii").strip()
        except FileNotFoundError:
            return None
        try:
            return bytes.fromhex(text)
        except ValueError:
            return None

    def set(self, key_id: str, key: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, 0o700)
        write_private(self._path(key_id), key.hex().encode("ascii"))

    def delete(self, key_id: str) -> None:
        self._path(key_id).unlink(missing_ok=True)
