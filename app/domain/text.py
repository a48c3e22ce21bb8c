"""Text normalisation for Vietnamese input.

Why: the same name can arrive precomposed (NFC) from the keyboard, decomposed (NFD) from a scanner or a
pasted PDF, with stray double spaces. Stored and printed text is NFC (reportlab and SQLite compare code
points), and search must find "Nguyễn" when the clerk types "nguyen". SQLite's ``remove_diacritics`` does
not fold đ/Đ (STYLE.md), so ``fold`` does it here and callers apply it on both sides of a comparison.
"""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(s: str) -> str:
    """The NFC (precomposed) form of ``s``."""
    return unicodedata.normalize("NFC", s)


def clean_text(s: str | None) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed to one space; "" for None."""
    if s is None:
        return ""
    return " ".join(nfc(s).split())


def fold(s: str) -> str:
    """Accent- and case-insensitive search key: "Nguyễn Văn Mạnh" -> "nguyen van manh", "Đặng" -> "dang"."""
    decomposed = unicodedata.normalize("NFD", nfc(s).translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
