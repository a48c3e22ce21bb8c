"""The one font family every document uses, registered with reportlab once per process.

Why: reportlab's built-in fonts have no Vietnamese glyphs (STYLE.md), so every PDF embeds DejaVu Sans
(shipped in ``resources/fonts`` with its licence). Registering it under one family name makes ``<b>`` in
Paragraph markup pick the bold face. DejaVu ships no oblique here, so "italic" maps to the regular face
rather than to a missing file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def font_file(name: str = REGULAR) -> Path:
    """Path of the shipped TTF for ``name`` (also used for the barcode's human-readable line)."""
    return resource("fonts", _FILES[name])


@cache
def register_fonts() -> None:
    """Register both faces and the family mapping; later calls are free."""
    for name in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)
