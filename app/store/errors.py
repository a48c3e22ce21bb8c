"""Typed store errors: the environment's fault versus our own bug.

A clerk can act on "disk full" or "database locked by another program" (free space, close the other program),
but not on a programming error. Keeping the two apart lets the UI and the CLI say the right thing, in the spirit
of qutebrowser's ``KnownError``/``BugError`` split.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


class StoreError(Exception):
    """Base class of every store failure."""


class EnvironmentStoreError(StoreError):
    """The machine's fault: disk full, read-only, locked, corrupt or missing file. Not a bug."""

    def __init__(self, kind: str, reason_vi: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.kind = kind
        self.reason_vi = reason_vi
        self.reason_en = reason_en

    def message(self, lang: str = "vi") -> str:
        return self.reason_vi if lang == "vi" else self.reason_en


class BugStoreError(StoreError):
    """A programming error in SQL or in the schema: should never happen in the field."""


class NotFoundError(StoreError):
    """The object asked for does not exist."""

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"{what} not found: {key}")
        self.what = what
        self.key = key

    def message(self, lang: str = "vi") -> str:
        if lang == "vi":
            names = {"dossier": "hồ sơ", "procedure": "thủ tục", "user": "người dùng", "office": "đơn vị"}
            return f"Không tìm thấy {names.get(self.what, self.what)}: {self.key}"
        return f"{self.what} not found: {self.key}"


# SQLite result codes (primary) that mean the environment, not our code, is at fault.
_ENVIRONMENT_CODES: dict[int, tuple[str, str, str]] = {
    5: (
        "locked",
        "Cơ sở dữ liệu đang bị chương trình khác khóa, hãy thử lại",
        "The database is locked by another program; try again",
    ),
    6: ("locked", "Cơ sở dữ liệu đang bị khóa, hãy thử lại", "The database table is locked; try again"),
    8: (
        "readonly",
        "Không ghi được: thư mục dữ liệu chỉ cho phép đọc",
        "Cannot write: the data folder is read-only",
    ),
    10: ("io", "Lỗi đọc/ghi đĩa", "Disk input/output error"),
    11: (
        "corrupt",
        "Tệp dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu",
        "The data file is corrupt; restore a backup",
    ),
    13: (
        "full",
        "Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi thử lại",
        "The disk is full: free some space and try again",
    ),
    14: ("cantopen", "Không mở được tệp dữ liệu", "Cannot open the data file"),
    26: ("notadb", "Tệp không phải cơ sở dữ liệu MotCua", "The file is not a MotCua database"),
}


LOW_SPACE = 1 << 20  # bytes free on the data folder's disk below which an I/O failure is told as a full disk


def translate(exc: Any, where: Path | None = None) -> StoreError:
    """Map a driver (SQLCipher) exception to a typed store error. ``where`` (the store file) lets a failure SQLite
    can only call "disk I/O error" or "unable to open" (its -shm or -wal cannot grow on a full disk) be told as
    the full disk it is, which the clerk can act on."""
    found = _translate(exc)
    if where is not None and isinstance(found, EnvironmentStoreError) and found.kind in ("io", "cantopen"):
        try:
            full = shutil.disk_usage(Path(where).parent).free < LOW_SPACE
        except OSError:
            full = False
        if full:
            return EnvironmentStoreError("full", *_ENVIRONMENT_CODES[13][1:])
    return found


def _translate(exc: Any) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        if primary in _ENVIRONMENT_CODES:
            kind, vi, en = _ENVIRONMENT_CODES[primary]
            return EnvironmentStoreError(kind, vi, en)
    text = str(exc).lower()
    for needle, primary in (
        ("locked", 5),
        ("readonly", 8),
        ("read-only", 8),
        ("disk i/o", 10),
        ("malformed", 11),
        ("full", 13),
        ("unable to open", 14),
        ("not a database", 26),
    ):
        if needle in text:
            kind, vi, en = _ENVIRONMENT_CODES[primary]
            return EnvironmentStoreError(kind, vi, en)
    return BugStoreError(str(exc))
