"""The keys a clerk types whole into the search box, read the way people write them.

Why: the search lists a dossier first when its code, ID number or phone is typed in full (a scanned receipt, a
card read aloud). People group digits ("0912 345 678", "001 085 012 345"), write phones as "+84 912 345 678"
or with dots, and type a code from paper without its dots ("0000012H62-261116-0003") — each of these is one
whole key, but split into words it matches nothing stored ("345" starts no stored word). These functions turn
such input back into the form the store keeps (phones as 10 digits starting with 0, IDs as 12 digits, codes
with their separators), so the exact lookup finds them.
"""

from __future__ import annotations

import re

from app.domain.applicant import normalise_phone
from app.domain.errors import ValidationError

MIN_WHOLE_DIGITS = 9  # shorter numbers are parts of codes; stored ID numbers and phones have 12 and 10 digits
_GROUPING = re.compile(r"[\s.\-]")
_CODE_TAIL = re.compile(r"-(\d{6})-(\d{4})$")  # <unit code>-YYMMDD-XXXX (app/domain/codes.py)


def whole_number(text: str) -> str:
    """The ID number or phone typed in ``text``, as stored ("+84 912 345 678" -> "0912345678"), else ""."""
    try:
        phone = normalise_phone(text)
    except ValidationError:
        phone = ""
    if phone:
        return phone
    digits = _GROUPING.sub("", text)
    return digits if digits.isascii() and digits.isdigit() and len(digits) >= MIN_WHOLE_DIGITS else ""


def dotless_code(text: str) -> tuple[str, str, str] | None:
    """(day, number, the code folded without dots) when ``text`` is a whole dossier code typed without the
    dots of its unit code ("0000012h62-261116-0003"), else None. Codes typed with their dots need no help."""
    typed = text.strip().lower()
    match = _CODE_TAIL.search(typed)
    if not match or "." in typed or " " in typed or match.start() == 0:
        return None
    return match.group(1), match.group(2), typed
