"""Widths of short strings in a registered TrueType font, from a per-character table.

Why: reportlab's ``stringWidth`` costs about 8 µs a call whatever the string's length, and the log book
measures over 100,000 short strings (order numbers, words, dossier codes, centred cells). A font's advance
widths are exact binary fractions of 1/1000 em, so their sum is exact in any order, and the sum divided by
1000 times the size is bit for bit what reportlab's accelerator returns (checked over random Vietnamese text
in tests/printing/test_widths.py): wrapping and centring come out exactly as before.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase.pdfmetrics import getFont


class CharWidths(dict[str, float]):
    """Advance width (1/1000 em) of each character met so far, looked up in the font on first use."""

    def __init__(self, font_name: str) -> None:
        super().__init__()
        face = getFont(font_name).face
        self._widths: dict[int, float] = face.charWidths
        self._default = float(face.defaultWidth)

    def __missing__(self, ch: str) -> float:
        width = self[ch] = float(self._widths.get(ord(ch), self._default))
        return width

    def of(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points."""
        return sum(map(self.__getitem__, text)) / 1000 * size


@cache
def char_widths(font_name: str) -> CharWidths:
    """The shared table of ``font_name`` (registered already)."""
    return CharWidths(font_name)
