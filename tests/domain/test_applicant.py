"""Applicant validation: name, ID, phone, email, address, birth date and sex."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.applicant import Applicant, normalise_phone, validate_applicant
from app.domain.errors import ValidationError

TODAY = date(2026, 3, 1)
ID = "001099012345"  # Hà Nội, male, born 1999


def test_valid_applicant_is_cleaned() -> None:
    applicant = validate_applicant(
        unicodedata.normalize("NFD", "  Nguyễn   Văn An "),
        "001 099 012345",
        phone="+84 912.345.678",
        address="  Số 1,  Tràng Tiền ",
        email=" an@example.vn ",
        birth_date=date(1999, 8, 15),
        sex="nam",
        today=TODAY,
    )
    assert applicant == Applicant(
        "Nguyễn Văn An", ID, "0912345678", "Số 1, Tràng Tiền", "an@example.vn", date(1999, 8, 15), "Nam"
    )


def test_only_name_and_id_required() -> None:
    assert validate_applicant("Lê Thị Hồng-Nhung", "079303000001", today=TODAY).phone == ""
    assert validate_applicant("O'Neil Đ. Trần", ID, today=TODAY).name == "O'Neil Đ. Trần"


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"name": ""}, "applicant_name", "empty"),
        ({"name": "A"}, "applicant_name", "(1 given)"),
        ({"name": "A" * 101}, "applicant_name", "(101 given)"),
        ({"name": "Nguyễn Văn 2"}, "applicant_name", "invalid: 2"),
        ({"name": "..."}, "applicant_name", "invalid"),
        ({"id_number": "12345"}, "id_number", "(5 given)"),
        ({"phone": "091234567"}, "phone", "10 digits"),
        ({"phone": "1912345678"}, "phone", "10 digits"),
        ({"phone": "09123456x8"}, "phone", "other than digits"),
        ({"address": "x" * 301}, "address", "301"),
        ({"email": "an@"}, "email", "not a valid"),
        ({"email": "an example@x.vn"}, "email", "not a valid"),
        ({"birth_date": date(2026, 3, 2)}, "birth_date", "future"),
        ({"birth_date": date(1998, 1, 1)}, "birth_date", "1999"),
        ({"sex": "X"}, "sex", "must be"),
        ({"sex": "Nữ"}, "sex", "does not match"),
    ],
)
def test_errors_name_the_field(kwargs: dict[str, object], field: str, fragment: str) -> None:
    args: dict[str, object] = {"name": "Nguyễn Văn An", "id_number": ID, "today": TODAY}
    args.update(kwargs)
    with pytest.raises(ValidationError) as exc:
        validate_applicant(**args)  # type: ignore[arg-type]
    assert exc.value.field == field
    assert fragment in exc.value.reason_en


def test_first_error_wins() -> None:
    with pytest.raises(ValidationError) as exc:
        validate_applicant("", "bad", phone="bad", today=TODAY)
    assert exc.value.field == "applicant_name"


@pytest.mark.parametrize(
    "raw", ["0912345678", "0912 345 678", "091-234-5678", "(+84) 912 345 678", "84912345678", "+84912345678"]
)
def test_phone_forms(raw: str) -> None:
    assert normalise_phone(raw) == "0912345678"


@given(st.from_regex(r"0[0-9]{9}", fullmatch=True), st.sampled_from(["", " ", ".", "-"]), st.booleans())
def test_phone_property(number: str, sep: str, international: bool) -> None:
    written = ("+84" + number[1:]) if international else number
    written = sep.join([written[:4], written[4:7], written[7:]])
    assert normalise_phone(written) == number


@given(st.from_regex(r"0[0-9]{9}", fullmatch=True), st.integers(0, 9), st.sampled_from("٠١٢٣٤٥٦٧٨٩０１２３²"))
def test_phone_never_accepts_non_ascii_digits(number: str, i: int, digit: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalise_phone(number[:i] + digit + number[i + 1 :])
    assert exc.value.field == "phone"


letters = st.characters(categories=["Lu", "Ll"])


@given(st.text(alphabet=letters, min_size=2, max_size=100))
def test_any_letters_name_is_accepted(name: str) -> None:
    name = unicodedata.normalize("NFC", name)
    if not 2 <= len(name) <= 100:
        return
    assert validate_applicant(name, ID, today=TODAY).name == name
