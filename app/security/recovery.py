"""The office recovery key: the store key written for people, to open a backup on a new PC when the old one died.

Base32 (letters A–Z and digits 2–7, no 0/1/8/9 to confuse with O/I/B) in groups of four, with a three-byte checksum,
so a typo is caught before anything is tried: 32 key bytes + 3 check bytes = 56 characters in 14 groups. Letters
rather than an English word list because a Vietnamese clerk types them off paper. Input is forgiving: case,
spaces, dashes, and 0/1/8 typed for O/I/B are accepted.
"""

from __future__ import annotations

import base64
import hashlib

from app.domain.errors import ValidationError

_CHECK = 3
_GROUP = 4


def _check(key: bytes) -> bytes:
    return hashlib.sha256(b"motcua-recovery" + key).digest()[:_CHECK]


def format_recovery_key(key: bytes) -> str:
    text = base64.b32encode(key + _check(key)).decode("ascii").rstrip("=")
    return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The store key from a typed or scanned recovery key; a clear error naming the field otherwise."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_.")
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    if len(cleaned) != 56:
        raise ValidationError(
            "recovery_key",
            f"cần 56 ký tự (14 nhóm 4 ký tự), nhận được {len(cleaned)}",
            f"needs 56 characters (14 groups of 4), got {len(cleaned)}",
        )
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise ValidationError(
            "recovery_key", "chỉ gồm chữ A–Z và số 2–7", "only letters A–Z and digits 2–7"
        ) from None
    key, check = raw[:-_CHECK], raw[-_CHECK:]
    if len(key) != 32 or _check(key) != check:
        raise ValidationError(
            "recovery_key",
            "sai ở một vài ký tự (mã kiểm tra không khớp); hãy đọc lại tờ khóa khôi phục",
            "some characters are wrong (checksum mismatch); read the recovery sheet again",
        )
    return key
