"""Dossier codes ``<unit code>-YYMMDD-XXXX`` that several offline devices of one unit issue without clashing.

Why: the code is printed on the receipt (form 01) the moment the dossier is received, often with no network.
DESIGN.md gives each device of a unit a slot k (0–9, standalone device = 0) and the numbers k*1000+1 …
k*1000+999 each day, so two devices can never print the same code. The store keeps the counter; this module
owns the format, the parsing and the arithmetic of slots, so the rule lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import ValidationError

SLOT_COUNT = 10
SLOT_SIZE = 1000
MAX_UNIT_CODE_LENGTH = 40

_UNIT_RE = re.compile(r"[0-9A-Z]+(?:\.[0-9A-Z]+)*")
_DAY_RE = re.compile(r"[0-9]{6}")
_NUMBER_RE = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class DossierCode:
    """A dossier code: unit "000.00.12.H62", day 2020-11-05, number 4 -> "000.00.12.H62-201105-0004"."""

    unit_code: str
    day: date
    number: int

    def __str__(self) -> str:
        return format_code(self.unit_code, self.day, self.number)

    @property
    def slot(self) -> int:
        """The device slot that issued this number."""
        return slot_of(self.number)


def validate_unit_code(text: str) -> str:
    """The trimmed, upper-case unit code, e.g. "000.00.12.H62"; ValidationError field "office_code"."""
    code = (text or "").strip().upper()
    if not code:
        raise ValidationError("office_code", "chưa nhập mã đơn vị.", "the unit code is empty.")
    if "-" in code:
        raise ValidationError(
            "office_code",
            f"mã đơn vị “{code}” không được chứa dấu gạch ngang (-), "
            "vì dấu này ngăn cách các phần của mã hồ sơ.",
            f"the unit code “{code}” must not contain '-', which separates the parts of a dossier code.",
        )
    if len(code) > MAX_UNIT_CODE_LENGTH:
        raise ValidationError(
            "office_code",
            f"mã đơn vị dài {len(code)} ký tự, tối đa {MAX_UNIT_CODE_LENGTH}.",
            f"the unit code has {len(code)} characters, at most {MAX_UNIT_CODE_LENGTH} are allowed.",
        )
    if not _UNIT_RE.fullmatch(code):
        raise ValidationError(
            "office_code",
            f"mã đơn vị “{code}” chỉ gồm chữ in hoa, chữ số và dấu chấm ngăn cách (ví dụ 000.00.12.H62).",
            f"the unit code “{code}” may hold only capital letters, digits and separating dots "
            "(e.g. 000.00.12.H62).",
        )
    return code


def validate_slot(slot: int) -> int:
    """``slot`` if it is a device slot 0–9; ValidationError field "device_slot" otherwise."""
    if isinstance(slot, bool) or not isinstance(slot, int) or not 0 <= slot < SLOT_COUNT:
        raise ValidationError(
            "device_slot",
            f"số thứ tự thiết bị phải từ 0 đến {SLOT_COUNT - 1} (nhận được: {slot!r}).",
            f"the device slot must be between 0 and {SLOT_COUNT - 1} (got {slot!r}).",
        )
    return slot


def slot_range(slot: int) -> range:
    """The daily numbers of ``slot``: k*1000+1 … k*1000+999."""
    validate_slot(slot)
    return range(slot * SLOT_SIZE + 1, slot * SLOT_SIZE + SLOT_SIZE)


def slot_of(number: int) -> int:
    """The slot whose range holds ``number`` (a number ending in 000 belongs to no slot: ValueError)."""
    if not 1 <= number < SLOT_COUNT * SLOT_SIZE or number % SLOT_SIZE == 0:
        raise ValueError(f"{number} is not a dossier number of any device slot")
    return number // SLOT_SIZE


def next_number(slot: int, highest_seen: int | None) -> int:
    """The next free number of ``slot`` today.

    ``highest_seen``: the highest number of this slot's range issued or seen today (None or 0: none yet).
    ValidationError field "code" when the slot's 999 numbers are used up; ValueError for a number of another
    slot (the caller must look in this slot's range only).
    """
    numbers = slot_range(slot)
    if highest_seen is None or highest_seen == 0:
        return numbers.start
    if highest_seen not in numbers:
        raise ValueError(f"{highest_seen} is outside slot {slot}'s range {numbers.start}-{numbers[-1]}")
    if highest_seen == numbers[-1]:
        raise ValidationError(
            "code",
            f"thiết bị (số {slot}) đã dùng hết {len(numbers)} số hồ sơ của ngày hôm nay; "
            "hãy tiếp nhận trên thiết bị khác hoặc liên hệ quản trị.",
            f"this device (slot {slot}) has used all {len(numbers)} dossier numbers for today; "
            "receive on another device or contact the administrator.",
        )
    return highest_seen + 1


def day_prefix(unit_code: str, day: date) -> str:
    """The common start of the codes of ``unit_code`` on ``day``, e.g. "000.00.12.H62-201105-"."""
    return f"{validate_unit_code(unit_code)}-{day:%y%m%d}-"


def format_code(unit_code: str, day: date, number: int) -> str:
    """ "<unit>-YYMMDD-XXXX"; ValidationError field "code" for a number outside 1–9999."""
    if isinstance(number, bool) or not 1 <= number <= 9999:
        raise ValidationError(
            "code",
            f"số thứ tự hồ sơ phải từ 0001 đến 9999 (nhận được: {number}).",
            f"the dossier number must be between 0001 and 9999 (got {number}).",
        )
    if not 2000 <= day.year <= 2099:
        raise ValidationError(
            "code",
            f"năm {day.year} không biểu diễn được bằng hai chữ số YY.",
            f"the year {day.year} cannot be written as two digits YY.",
        )
    return f"{day_prefix(unit_code, day)}{number:04d}"


def parse_code(text: str) -> DossierCode:
    """Read a printed or scanned code; ValidationError field "code" naming the part that is wrong."""
    raw = (text or "").strip().upper()
    parts = raw.rsplit("-", 2)
    if len(parts) != 3:
        raise ValidationError(
            "code",
            f"“{raw}” không đúng dạng <mã đơn vị>-YYMMDD-XXXX.",
            f"“{raw}” is not of the form <unit code>-YYMMDD-XXXX.",
        )
    unit_text, day_text, number_text = parts
    try:
        unit_code = validate_unit_code(unit_text)
    except ValidationError as exc:
        raise ValidationError("code", exc.reason_vi, exc.reason_en) from exc
    if not _DAY_RE.fullmatch(day_text):
        raise ValidationError(
            "code",
            f"phần ngày “{day_text}” phải gồm 6 chữ số YYMMDD.",
            f"the date part “{day_text}” must be 6 digits YYMMDD.",
        )
    try:
        day = date(2000 + int(day_text[:2]), int(day_text[2:4]), int(day_text[4:]))
    except ValueError as exc:
        raise ValidationError(
            "code",
            f"phần ngày “{day_text}” không phải một ngày có thật.",
            f"the date part “{day_text}” is not a real date.",
        ) from exc
    if not _NUMBER_RE.fullmatch(number_text) or number_text == "0000":
        raise ValidationError(
            "code",
            f"phần số thứ tự “{number_text}” phải gồm 4 chữ số từ 0001 đến 9999.",
            f"the number part “{number_text}” must be 4 digits from 0001 to 9999.",
        )
    return DossierCode(unit_code, day, int(number_text))
