"""Whole numbers as Vietnamese readers write them: "1.234.567" (a dot between thousands), "1,234,567" in English.

Why one place: the list's counts, the fee amounts and the log book's total must group digits the same way; a
Vietnamese reader takes "20,000" for twenty with a decimal part.
"""

from __future__ import annotations


def grouped(n: int, lang: str = "vi") -> str:
    """``n`` with its thousands grouped: "20.000" (Vietnamese, the default) or "20,000" (English)."""
    text = f"{n:,}"
    return text if lang == "en" else text.replace(",", ".")
