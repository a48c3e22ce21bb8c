"""The per-character width table gives exactly reportlab's widths, so wrapping and centring do not move."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.printing.fonts import BOLD, REGULAR, register_fonts
from app.printing.widths import char_widths

ALPHABET = ("0123456789-./ ,()\\–abcdefghijklmnopqrstuvwxyzĐđƠơƯư\xa0\u3000\U0001f600"
            + "".join(map(chr, range(0x1EA0, 0x1EFA))) + "".join(map(chr, range(0xC0, 0x17F))))


@pytest.mark.parametrize("font", [REGULAR, BOLD])
def test_widths_equal_reportlabs_bit_for_bit(font: str) -> None:
    register_fonts()
    rng = random.Random(7)
    table = char_widths(font)
    for _ in range(5000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        size = rng.choice([6.5, 7.0, 8.4, 9.0, 10.5, 13.0])
        assert table.of(text, size) == stringWidth(text, font, size), (text, size)
