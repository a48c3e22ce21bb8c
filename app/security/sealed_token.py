"""The sync bearer token sealed like the store (``sync.client.credentials.TokenStore`` for the sync engine).

``sync/`` never imports ``app/``, so the plain :class:`sync.client.credentials.TokenFile` stays there for the
reference client; the app composes this one instead (``app/services/sync_bridge.build_engine``). A token file left
plain by an older version is read once and sealed on the spot.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from app.security.sealed import Sealer, SealError, is_sealed

PURPOSE = "sync-token"


class SealedTokenFile:
    def __init__(self, path: Path, store_key: bytes) -> None:
        self.path = Path(path)
        self._sealer = Sealer(store_key, PURPOSE)

    def load(self) -> str | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not is_sealed(self.path):
            token = raw.decode("utf-8", "replace").strip()
            if token:
                self.save(token)
            return token or None
        try:
            return self._sealer.unseal(raw, self.path).decode("utf-8").strip() or None
        except SealError:
            return None  # under another key (a store restored from elsewhere): the device must enrol again

    def save(self, token: str) -> None:
        self._sealer.write(self.path, token.encode("utf-8"))

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def token_store(data_dir: Path, store_key: bytes | None, filename: str) -> object:
    """The token store for a device: sealed with the store key, or plain for a legacy unencrypted store."""
    if store_key is None:
        from sync.client.credentials import TokenFile

        return TokenFile(Path(data_dir) / filename)
    return SealedTokenFile(Path(data_dir) / filename, store_key)
