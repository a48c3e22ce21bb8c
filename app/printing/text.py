"""Text helpers for layouts: NFC normalisation, markup escaping and Vietnamese date phrases.

Why: reportlab draws code points as given, so a decomposed "ễ" (from a scanner or a pasted PDF) would print
as a base letter plus floating marks; everything printed is NFC first. Paragraph text is mini-XML, so user
text is escaped before it goes into markup (an address such as "Ngõ 5 <cũ> & mới" must print, not crash).
Dates are written the way official forms write them, in Vietnam time.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape

from app.domain.timezone import to_vn

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """NFC, control characters removed, runs of blanks folded, ends trimmed; newlines are kept."""
    if text.isprintable() and unicodedata.is_normalized("NFC", text) and not (
        "  " in text or text[:1] == " " or text[-1:] == " "
    ):  # most text is clean already: printable means no control, line break or blank but the plain space
        return text
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def markup(text: str) -> str:
    """User text made safe for a reportlab Paragraph; line breaks become ``<br/>``."""
    return escape(clean(text)).replace("\n", "<br/>")


def short_date(day: date | datetime) -> str:
    """ "21/11/2026"."""
    if isinstance(day, datetime):
        day = to_vn(day)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(day: date | datetime) -> str:
    """ "ngày 21 tháng 11 năm 2026", as in the dated line under the national motto."""
    if isinstance(day, datetime):
        day = to_vn(day)
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def time_and_date(moment: datetime) -> str:
    """ "08 giờ 30 phút, ngày 21/11/2026" (the receipt's received-at and result-at lines)."""
    local = to_vn(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, ngày {short_date(local)}"


def clock(moment: datetime) -> str:
    """ "08:30 21/11/2026" for tickets and table cells, where space is short."""
    local = to_vn(moment)
    return f"{local.hour:02d}:{local.minute:02d} {short_date(local)}"
