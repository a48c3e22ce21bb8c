"""Content-addressed attachment files beside the database: ``<data dir>/attachments/ab/<sha256>.pdf``.

Files are sealed (AES-GCM, :mod:`app.security.sealed`) with a key derived from the store key, so a copied
attachments folder is as unreadable as a copied store; the name is the hash of the plain document, so the same
pages are still stored once. A store without a key (made before encryption) keeps plain files.

Why this order of writing: a file is written to a temporary name, fsynced, renamed to its hash name and its folder
fsynced *before* the transaction that references it commits. A crash between the two leaves an unreferenced file
(harmless; :func:`collect_garbage` removes it later), never a row that points at nothing. Files are never
modified: an edited document is a new file with a new hash.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.security.sealed import MAGIC, OVERHEAD, Sealer, SealError
from app.store.durable import fsync_dir
from app.store.errors import EnvironmentStoreError

FOLDER = "attachments"
SUFFIX = ".pdf"
GRACE_SECONDS = 3600  # an unreferenced file younger than this may belong to a transaction still running


def root(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


def path_for(data_dir: Path, sha256: str) -> Path:
    return root(data_dir) / sha256[:2] / f"{sha256}{SUFFIX}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def disk_error(exc: OSError, what: str) -> EnvironmentStoreError:
    """Disk full (or another write error) while storing ``what`` (Vietnamese), as a typed store error."""
    if exc.errno == errno.ENOSPC:
        return EnvironmentStoreError(
            "full",
            f"Ổ đĩa đã đầy, không lưu được {what}: hãy giải phóng dung lượng rồi thử lại",
            f"The disk is full, cannot store {what}: free some space and try again",
        )
    return EnvironmentStoreError(
        "io", f"Không ghi được {what}: {exc.strerror or exc}", f"Cannot write {what}: {exc.strerror or exc}"
    )


PURPOSE = "attachments"


def _sealer(key: bytes | None) -> Sealer | None:
    return Sealer(key, PURPOSE) if key is not None else None


def put(data_dir: Path, data: bytes, what: str = "tệp đính kèm", key: bytes | None = None) -> str:
    """Store ``data`` durably under its hash (sealed with ``key``); returns the hash. The same bytes twice: a no-op."""
    sha = digest(data)
    final = path_for(data_dir, sha)
    sealer = _sealer(key)
    if final.is_file() and final.stat().st_size == len(data) + (OVERHEAD if sealer else 0):
        with contextlib.suppress(OSError):
            os.utime(final)  # young again: a clean-up running now must not take a file about to be referenced
        return sha
    payload = sealer.seal(data) if sealer else data
    tmp = final.with_name(f".{sha}.{os.getpid()}.tmp")
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise disk_error(exc, what) from exc
    return sha


def read(data_dir: Path, sha256: str, key: bytes | None = None) -> bytes:
    """The plain document stored under ``sha256`` (opened with ``key`` when sealed)."""
    path = path_for(data_dir, sha256)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise EnvironmentStoreError(
            "missing", f"Thiếu tệp đính kèm {path.name}", f"Attachment file missing: {path.name}"
        ) from None
    sealer = _sealer(key)
    if blob.startswith(MAGIC):
        if sealer is None:
            raise SealError(path)
        return sealer.unseal(blob, path)
    return blob


def files(data_dir: Path) -> Iterator[Path]:
    folder = root(data_dir)
    if folder.is_dir():
        yield from folder.glob(f"??/*{SUFFIX}")


def usage(data_dir: Path) -> tuple[int, int]:
    """(number of files, bytes) of the attachment folder as it is on disk."""
    count = size = 0
    for path in files(data_dir):
        count += 1
        size += path.stat().st_size
    return count, size


def collect_garbage(data_dir: Path, referenced: Iterable[str], now: float | None = None) -> list[Path]:
    """Remove files no row references (and stray temporaries) older than the grace period."""
    keep = set(referenced)
    limit = (now if now is not None else time.time()) - GRACE_SECONDS
    removed: list[Path] = []
    folder = root(data_dir)
    if not folder.is_dir():
        return removed
    candidates = [*folder.glob(f"??/*{SUFFIX}"), *folder.glob("??/.*.tmp")]
    for path in candidates:
        sha = path.name.removesuffix(SUFFIX)
        if sha in keep and not path.name.startswith("."):
            continue
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
    return removed


def reseal_all(data_dir: Path, hashes: Iterable[str], old: bytes, new: bytes) -> None:
    """Seal the files of ``hashes`` again under ``new`` (a restored backup of another PC took this PC's key)."""
    for sha in hashes:
        path = path_for(data_dir, sha)
        if not path.is_file():
            continue
        blob = path.read_bytes()
        data = Sealer(old, PURPOSE).unseal(blob, path) if blob.startswith(MAGIC) else blob
        try:
            Sealer(new, PURPOSE).write(path, data)
        except OSError as exc:
            raise disk_error(exc, "tệp đính kèm") from exc
