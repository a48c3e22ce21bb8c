"""Sealed files: AES-256-GCM under a key derived from the store key, for personal data kept outside the store.

Attachment scans and the sync token live in files beside the store; sealing them with a key derived from the
store key (HKDF, one purpose string per use) makes them exactly as readable as the store: on this PC through the
OS-kept key, on a new PC after a restore with the recovery key, nowhere else. A sealed file is
``MCS1 | 12-byte nonce | ciphertext+tag``; the magic and the purpose are authenticated, so a file sealed for one
purpose does not open as another, and any changed byte fails the tag.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"MCS1"
_NONCE = 12
OVERHEAD = len(MAGIC) + _NONCE + 16  # magic, nonce and GCM tag: a sealed file's size is the data's plus this


class SealError(Exception):
    """A sealed file that does not open: wrong key, another purpose, or damaged."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        where = f" {path}" if path else ""
        self.reason_vi = f"Không mở được tệp mã hóa{where}: sai khóa hoặc tệp hỏng"
        self.reason_en = f"Cannot open the encrypted file{where}: wrong key or a damaged file"
        super().__init__(self.reason_en)

    def user_message(self, lang: str = "vi") -> str:
        return self.reason_vi if lang == "vi" else self.reason_en


def derive_key(store_key: bytes, purpose: str) -> bytes:
    """A 256-bit key for one ``purpose`` (e.g. ``"attachments"``, ``"sync-token"``) from the store key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"motcua/" + purpose.encode()).derive(store_key)


def seal(data: bytes, key: bytes, purpose: str) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, MAGIC + purpose.encode())


def unseal(blob: bytes, key: bytes, purpose: str, path: Path | None = None) -> bytes:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + _NONCE + 16:
        raise SealError(path)
    nonce = blob[len(MAGIC) : len(MAGIC) + _NONCE]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + _NONCE :], MAGIC + purpose.encode())
    except InvalidTag:
        raise SealError(path) from None


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


class Sealer:
    """Seals and opens the files of one purpose with the key derived from the store key.

    Attachments: ``Sealer(store.key, "attachments").write(path, scan_bytes)`` when a scan is saved, and
    ``.read(path)`` to show or print it; ``.read`` also returns a legacy plain file as it is (see ``is_sealed``)
    and ``.seal_in_place(path)`` converts one.
    """

    def __init__(self, store_key: bytes, purpose: str) -> None:
        self.purpose = purpose
        self._key = derive_key(store_key, purpose)

    def seal(self, data: bytes) -> bytes:
        return seal(data, self._key, self.purpose)

    def unseal(self, blob: bytes, path: Path | None = None) -> bytes:
        return unseal(blob, self._key, self.purpose, path)

    def write(self, path: Path, data: bytes) -> None:
        """Seal ``data`` into ``path``: temp file, fsync, rename, mode 0600."""
        from app.security.private_file import write_private

        write_private(Path(path), self.seal(data))

    def read(self, path: Path) -> bytes:
        blob = Path(path).read_bytes()
        return self.unseal(blob, Path(path)) if blob.startswith(MAGIC) else blob

    def seal_in_place(self, path: Path) -> bool:
        """Seal a legacy plain file where it is; False if it was sealed already."""
        if is_sealed(path):
            return False
        self.write(path, Path(path).read_bytes())
        return True

