"""Small text files a person writes for a command: a password file, a recovery key file.

Why one reader: on Windows, the first platform, such a file is typed in Notepad, which saves UTF-8 with a
byte-order mark (and CRLF) or, as "Unicode", UTF-16 with one. Read as plain UTF-8 the mark stayed in the text: a
password set from such a file held an invisible character nobody can type at the login screen, and a recovery
key read from one was "57 characters". Three commands each had their own reader; now they share this one.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from app.domain.errors import ValidationError


def read_user_text(path: Path, field: str) -> str:
    """The text of ``path`` (UTF-8 with or without a byte-order mark, or UTF-16 with one); ValidationError on
    ``field`` when it cannot be read or decoded."""
    try:
        raw = Path(path).read_bytes()
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ValidationError(field, f"không đọc được tệp {path} ({reason})",
                              f"cannot read the file {path} ({reason})") from None


def read_secret(path: Path, field: str = "password") -> str:
    """A password from its file: the text without the line ending an editor adds (and surrounding blanks)."""
    return read_user_text(path, field).strip()
