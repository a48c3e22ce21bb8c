"""Whole numbers as Vietnamese readers write them: "1.234.567" (a dot between thousands), "1,234,567" in English.

Why one place: the list's counts, the fee amounts and the log book's total must group digits the same way; a
Vietnamese reader takes "20,000" for twenty with a decimal part.
"""

from __future__ import annotations

import re


def grouped(n: int, lang: str = "vi") -> str:
    """``n`` with its thousands grouped: "20.000" (Vietnamese, the default) or "20,000" (English)."""
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", ".")


_AMOUNT = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:[. ][0-9]{3})+)(?: ?(?:đ|d|vnd|đồng))?", re.IGNORECASE)


def parse_grouped(text: str) -> int:
    """A whole amount as :func:`grouped` writes it, read back: "20.000", "20 000 đ", "20000" -> 20000.

    Only ASCII digits (``int()`` also reads "٣"); dots or spaces only between groups of three (a Vietnamese
    "20,5" or "2.00" is no whole amount). ValueError for anything else."""
    cleaned = " ".join(text.split())
    if not _AMOUNT.fullmatch(cleaned):
        raise ValueError(text)
    return int(re.sub(r"[^0-9]", "", cleaned))
