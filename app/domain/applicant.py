"""The applicant (the citizen submitting a dossier), validated before the receipt is printed.

Why: form 01 prints the applicant's name, ID number, address, phone and email, and the same record goes to the
provincial system; a typo found after printing means a new receipt and a citizen called back. The rules are
deliberately tolerant of how people write (any separators in phone numbers, +84, extra spaces, decomposed
accents) and strict about what gets stored (NFC text, phone as 0 + 9 digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.cccd import normalise_sex, validate_cccd
from app.domain.errors import ValidationError
from app.domain.text import clean_text, odd_character, plain_text
from app.domain.timezone import now_vn

NAME_MIN, NAME_MAX = 2, 100
ADDRESS_MAX = 300
EMAIL_MAX = 254
_NAME_PUNCTUATION = frozenset(" '.-")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


@dataclass(frozen=True)
class Applicant:
    """A validated applicant; text is NFC and trimmed, the phone is 0 + 9 digits or ""."""

    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    email: str = ""
    birth_date: date | None = None
    sex: str = ""


def validate_name(text: str) -> str:
    """The cleaned full name; ValidationError field "applicant_name"."""
    name = clean_text(text)
    if not name:
        raise ValidationError("applicant_name", "chưa nhập họ và tên.", "the name is empty.")
    if not NAME_MIN <= len(name) <= NAME_MAX:
        raise ValidationError(
            "applicant_name",
            f"họ và tên phải dài từ {NAME_MIN} đến {NAME_MAX} ký tự (đã nhập {len(name)}).",
            f"the name must have {NAME_MIN}–{NAME_MAX} characters ({len(name)} given).",
        )
    bad = sorted({ch for ch in name if not (ch.isalpha() or ch in _NAME_PUNCTUATION)})
    if bad or not any(ch.isalpha() for ch in name):
        # an invisible character is named by its code point: shown as itself the message looked empty
        shown = " ".join(odd_character(ch) or ch for ch in bad) if bad else name
        raise ValidationError(
            "applicant_name",
            f"họ và tên chỉ gồm chữ cái, khoảng trắng và các dấu ' . - (có ký tự không hợp lệ: {shown}).",
            f"the name may hold only letters, spaces and ' . - (invalid: {shown}).",
        )
    return name


def normalise_phone(text: str) -> str:
    """A Vietnamese phone number as 10 digits starting with 0, "" when empty; ValidationError "phone"."""
    raw = plain_text(text, "phone")
    digits = _PHONE_SEPARATORS.sub("", raw)
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            "phone",
            f"“{raw}” có ký tự không phải chữ số.",
            f"“{raw}” contains characters other than digits.",
        )
    if len(digits) != 10 or not digits.startswith("0"):
        raise ValidationError(
            "phone",
            f"số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 hoặc +84 (đã nhập “{raw}”).",
            f"a phone number has 10 digits starting with 0 or +84 (got “{raw}”).",
        )
    return digits


def validate_email(text: str) -> str:
    """The trimmed email address ("" when empty); ValidationError field "email"."""
    email = plain_text(text, "email")
    if email and (len(email) > EMAIL_MAX or not _EMAIL_RE.fullmatch(email)):
        raise ValidationError(
            "email",
            f"“{email}” không phải địa chỉ thư điện tử hợp lệ (ví dụ: ten@example.vn).",
            f"“{email}” is not a valid email address (e.g. name@example.vn).",
        )
    return email


def validate_applicant(
    name: str,
    id_number: str,
    phone: str = "",
    address: str = "",
    email: str = "",
    birth_date: date | None = None,
    sex: str = "",
    today: date | None = None,
) -> Applicant:
    """Validate every field in form order and raise the first ValidationError."""
    today = today or now_vn().date()
    clean_name = validate_name(name)
    citizen = validate_cccd(id_number, today)
    clean_phone = normalise_phone(phone)
    clean_address = plain_text(address, "address")
    if len(clean_address) > ADDRESS_MAX:
        raise ValidationError(
            "address",
            f"địa chỉ dài {len(clean_address)} ký tự, tối đa {ADDRESS_MAX}.",
            f"the address has {len(clean_address)} characters, at most {ADDRESS_MAX}.",
        )
    clean_email = validate_email(email)
    if birth_date is not None:
        if birth_date > today:
            raise ValidationError(
                "birth_date", "ngày sinh ở sau ngày hôm nay.", "the date of birth is in the future."
            )
        if birth_date.year != citizen.birth_year:
            raise ValidationError(
                "birth_date",
                f"năm sinh {birth_date.year} không khớp số định danh (mã hóa năm {citizen.birth_year}).",
                f"birth year {birth_date.year} does not match the ID number (which encodes "
                f"{citizen.birth_year}).",
            )
    clean_sex = ""
    if clean_text(sex):
        normalised = normalise_sex(sex)
        if normalised is None:
            raise ValidationError("sex", f"“{sex}” phải là Nam hoặc Nữ.", f"“{sex}” must be Nam or Nữ.")
        if normalised != citizen.sex:
            raise ValidationError(
                "sex",
                f"giới tính {normalised} không khớp số định danh (mã hóa {citizen.sex}).",
                f"sex {normalised} does not match the ID number (which encodes {citizen.sex}).",
            )
        clean_sex = normalised
    return Applicant(
        clean_name, citizen.number, clean_phone, clean_address, clean_email, birth_date, clean_sex
    )
