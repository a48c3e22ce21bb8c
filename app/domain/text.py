"""Text normalisation for Vietnamese input.

Why: the same name can arrive precomposed (NFC) from the keyboard, decomposed (NFD) from a scanner or a
pasted PDF, with stray double spaces. Stored and printed text is NFC (reportlab and SQLite compare code
points), and search must find "Nguyễn" when the clerk types "nguyen". SQLite's ``remove_diacritics`` does
not fold đ/Đ (STYLE.md), so ``fold`` does it here and callers apply it on both sides of a comparison.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import ValidationError

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(s: str) -> str:
    """The NFC (precomposed) form of ``s``."""
    return unicodedata.normalize("NFC", s)


def clean_text(s: str | None) -> str:
    """NFC, trimmed, inner runs of whitespace collapsed to one space; "" for None."""
    if s is None:
        return ""
    return " ".join(nfc(s).split())


# C0/C1 controls (terminal escapes, NUL, BEL), zero-width and direction marks, lone surrogates: invisible or
# misleading on a receipt and in a terminal, never part of a name, an address or a reason; the province's server
# refuses the controls (sync/protocol/bounds.py), so a dossier stored with one would wait rejected forever.
ODD_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def odd_character(s: str) -> str | None:
    """ "U+XXXX" of the first control or invisible character in ``s``; None when there is none."""
    odd = ODD_CHARACTERS.search(s)
    return f"U+{ord(odd.group()):04X}" if odd else None


def visible(s: str) -> str:
    """``s`` with each control or invisible character written as its code point ("U+001B"), for a message that
    shows text the user did not type (a printer's name read from the system): an escape would drive the terminal."""
    return ODD_CHARACTERS.sub(lambda m: f"U+{ord(m.group()):04X}", s)


# Beyond the Basic Multilingual Plane: emoji pasted from a chat app, rare CJK. No Vietnamese name or address needs
# them, and the forms' font has no glyph for them: the receipt would print an empty box where the clerk saw 😀.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def plain_text(s: str | None, field: str) -> str:
    """:func:`clean_text` (tabs and line breaks pasted in become spaces), refusing what stays invisible or
    controls a terminal: ValidationError on ``field`` naming the character by its code point, since it cannot be
    seen in the message (a zero-width space pasted from a chat, ESC from a terminal, a right-to-left override)."""
    text = clean_text(s)
    point = odd_character(text)
    if point:
        raise ValidationError(
            field,
            f"có ký tự điều khiển hoặc vô hình {point} (thường do dán từ nơi khác); hãy xóa ô này rồi gõ lại.",
            f"holds the control or invisible character {point} (usually pasted in); clear the field and type it "
            "again.",
        )
    astral = _ASTRAL.search(text)
    if astral:
        point = f"{astral.group()} U+{ord(astral.group()):04X}"
        raise ValidationError(
            field,
            f"có ký tự không in được trên giấy tờ ({point}, ví dụ biểu tượng cảm xúc); hãy bỏ ký tự này.",
            f"holds a character the forms cannot print ({point}, e.g. an emoji); remove it.",
        )
    return text


def fold(s: str) -> str:
    """Accent- and case-insensitive search key: "Nguyễn Văn Mạnh" -> "nguyen van manh", "Đặng" -> "dang"."""
    decomposed = unicodedata.normalize("NFD", nfc(s).translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
