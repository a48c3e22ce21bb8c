"""The citizen ID card: its 12-digit number (CCCD) and the QR code printed on chip-based cards.

Why: the ID number identifies the applicant on the receipt and in every system the dossier goes to, and it
is the field clerks most often mistype. Its first six digits are structured (Decree 137/2015/ND-CP, Circular
07/2016/TT-BCA): province of birth registration (3 digits), century and sex (1 digit), last two digits of
the birth year (2 digits); the last six are random and there is no check digit. Checking the structure
catches most typing slips.

Scanning the card's QR avoids typing altogether (DESIGN.md). A keyboard-mode scanner simply types the QR
text into the focused field, so the app must recognise it and read it strictly: fields separated by "|" — ID
number | old 9-digit ID (may be empty) | full name | birth date ddmmyyyy | sex (Nam/Nữ) | address | issue
date ddmmyyyy. A bad part is reported by name, and the ID is cross-checked against the birth date and sex: a
mismatch means a misread or a tampered code.

The province table is the birth-registration code list of Circular 07/2016/TT-BCA (63 provinces). The 2025
merger of provinces did not renumber existing cards, so the table stays as it is; a code outside it is a
typing error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.errors import ValidationError
from app.domain.text import clean_text, fold
from app.domain.timezone import now_vn

MALE, FEMALE = "Nam", "Nữ"

PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Thành phố Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre",
    "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang",
    "092": "Cần Thơ", "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_SPACES = re.compile(r"\s+")
_DIGITS_12 = re.compile(r"[0-9]{12}")
_DIGITS_9 = re.compile(r"[0-9]{9}")
_DDMMYYYY = re.compile(r"[0-9]{8}")
MIN_FIELDS = 6


@dataclass(frozen=True)
class CitizenId:
    """A structurally valid ID number and what its first six digits say."""

    number: str
    province_code: str
    province_name: str
    sex: str
    birth_year: int


def _fail(reason_vi: str, reason_en: str) -> ValidationError:
    return ValidationError("id_number", reason_vi, reason_en)


def century_digit(birth_year: int, sex: str) -> str:
    """Digit 4 of an ID for this birth year and sex (0/1 = 1900s male/female, 2/3 = 2000s, ...)."""
    century = (birth_year - 1900) // 100
    return str(century * 2 + (1 if sex == FEMALE else 0))


def validate_cccd(text: str, today: date | None = None) -> CitizenId:
    """Check an ID number typed or scanned at the counter; ValidationError field "id_number" says why."""
    number = _SPACES.sub("", text or "")
    if not number:
        raise _fail("chưa nhập số định danh cá nhân.", "the ID number is empty.")
    if not number.isascii() or not number.isdigit():
        raise _fail(
            f"“{number}” có ký tự không phải chữ số; số định danh chỉ gồm 12 chữ số.",
            f"“{number}” contains characters other than digits; an ID number is 12 digits.",
        )
    if len(number) != 12:
        raise _fail(
            f"số định danh phải có đúng 12 chữ số (đã nhập {len(number)} chữ số).",
            f"an ID number has exactly 12 digits ({len(number)} given).",
        )
    province_code = number[:3]
    province = PROVINCES.get(province_code)
    if province is None:
        raise _fail(
            f"3 chữ số đầu “{province_code}” không phải mã tỉnh nơi đăng ký khai sinh (001–096, "
            "Thông tư 07/2016/TT-BCA); hãy kiểm tra lại số đã nhập.",
            f"the first 3 digits “{province_code}” are not a birth-registration province code (001–096, "
            "Circular 07/2016/TT-BCA); check the number typed.",
        )
    digit = int(number[3])
    birth_year = 1900 + (digit // 2) * 100 + int(number[4:6])
    current_year = (today or now_vn().date()).year
    if birth_year > current_year:
        raise _fail(
            f"chữ số thứ 4–6 “{number[3:6]}” cho năm sinh {birth_year}, sau năm hiện tại {current_year}.",
            f"digits 4–6 “{number[3:6]}” give birth year {birth_year}, after this year ({current_year}).",
        )
    sex = FEMALE if digit % 2 else MALE
    return CitizenId(number, province_code, province, sex, birth_year)


def normalise_sex(text: str) -> str | None:
    """ "Nam"/"Nữ" for the usual spellings (Nam, Nữ, nu, NỮ, male, female); None otherwise."""
    key = fold(text or "")
    if key in ("nam", "male", "m"):
        return MALE
    if key in ("nu", "female", "f"):
        return FEMALE
    return None


@dataclass(frozen=True)
class CccdQr:
    """The fields of an ID card's QR code."""

    id_number: str
    old_id: str
    full_name: str
    birth_date: date
    sex: str
    address: str
    issue_date: date | None

    def to_text(self) -> str:
        """The QR text (what a scanner types) for these fields."""
        issue = f"{self.issue_date:%d%m%Y}" if self.issue_date else ""
        fields = [self.id_number, self.old_id, self.full_name, f"{self.birth_date:%d%m%Y}", self.sex]
        return "|".join([*fields, self.address, issue])


def _qr_fail(reason_vi: str, reason_en: str) -> ValidationError:
    return ValidationError("cccd_qr", reason_vi, reason_en)


def looks_like_cccd_qr(text: str) -> bool:
    """True when ``text`` has the shape of ID-card QR text (so the intake form can switch to QR parsing)."""
    parts = (text or "").strip().split("|")
    return len(parts) >= MIN_FIELDS and bool(_DIGITS_12.fullmatch(parts[0].strip()))


def _parse_date(raw: str, part_vi: str, part_en: str) -> date:
    if not _DDMMYYYY.fullmatch(raw):
        raise _qr_fail(
            f"{part_vi} “{raw}” phải gồm 8 chữ số ngày-tháng-năm (ddmmyyyy).",
            f"the {part_en} “{raw}” must be 8 digits ddmmyyyy.",
        )
    try:
        return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))
    except ValueError as exc:
        raise _qr_fail(
            f"{part_vi} “{raw}” không phải một ngày có thật.", f"the {part_en} “{raw}” is not a real date."
        ) from exc


def parse_cccd_qr(text: str, today: date | None = None) -> CccdQr:
    """Read the QR text; ValidationError field "cccd_qr" naming the bad part."""
    parts = [p.strip() for p in (text or "").strip().split("|")]
    if len(parts) < MIN_FIELDS:
        raise _qr_fail(
            f"mã QR chỉ có {len(parts)} phần, cần ít nhất {MIN_FIELDS} phần ngăn cách bởi dấu “|”.",
            f"the QR text has {len(parts)} parts, at least {MIN_FIELDS} separated by '|' are needed.",
        )
    raw_id, old_id, raw_name, raw_birth, raw_sex, raw_address = parts[:6]
    raw_issue = parts[6] if len(parts) > 6 else ""
    try:
        citizen = validate_cccd(raw_id, today)
    except ValidationError as exc:
        raise _qr_fail(f"số định danh: {exc.reason_vi}", f"ID number: {exc.reason_en}") from exc
    if old_id and not _DIGITS_9.fullmatch(old_id):
        raise _qr_fail(
            f"số CMND cũ “{old_id}” phải gồm 9 chữ số (hoặc để trống).",
            f"the old ID “{old_id}” must be 9 digits (or empty).",
        )
    name = clean_text(raw_name)
    if not name:
        raise _qr_fail("thiếu họ và tên.", "the full name is missing.")
    birth = _parse_date(raw_birth, "ngày sinh", "birth date")
    sex = normalise_sex(raw_sex)
    if sex is None:
        raise _qr_fail(
            f"giới tính “{raw_sex}” phải là Nam hoặc Nữ.", f"the sex “{raw_sex}” must be Nam or Nữ."
        )
    issue = _parse_date(raw_issue, "ngày cấp", "issue date") if raw_issue else None
    if issue is not None and issue < birth:
        raise _qr_fail(
            f"ngày cấp {issue:%d/%m/%Y} trước ngày sinh {birth:%d/%m/%Y}.",
            f"the issue date {issue:%d/%m/%Y} is before the birth date {birth:%d/%m/%Y}.",
        )
    if issue is not None and today is not None and issue > today:
        raise _qr_fail(
            f"ngày cấp {issue:%d/%m/%Y} ở tương lai: thẻ chưa được cấp (kiểm tra đồng hồ máy hoặc mã QR).",
            f"the issue date {issue:%d/%m/%Y} is in the future (check this PC's clock or the QR code).",
        )
    if citizen.birth_year != birth.year or citizen.sex != sex:
        expected = f"{century_digit(birth.year, sex)}{birth.year % 100:02d}"
        raise _qr_fail(
            f"số định danh không khớp: chữ số 4–6 là “{citizen.number[3:6]}” "
            f"(năm sinh {citizen.birth_year}, {citizen.sex}) nhưng mã QR ghi {sex}, sinh năm {birth.year} "
            f"(phải là “{expected}”).",
            f"the ID number is inconsistent: digits 4–6 are “{citizen.number[3:6]}” "
            f"(born {citizen.birth_year}, {citizen.sex}) but the QR says {sex}, born {birth.year} "
            f"(expected “{expected}”).",
        )
    return CccdQr(citizen.number, old_id, name, birth, sex, clean_text(raw_address), issue)
