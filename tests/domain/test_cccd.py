"""Citizen ID numbers and the ID-card QR code."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.cccd import (
    FEMALE,
    MALE,
    PROVINCES,
    CccdQr,
    century_digit,
    looks_like_cccd_qr,
    parse_cccd_qr,
    validate_cccd,
)
from app.domain.errors import ValidationError

TODAY = date(2026, 3, 1)
QR = "001099012345|123456789|Nguyễn Văn An|15081999|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|20042021"


def test_valid_number() -> None:
    cid = validate_cccd("079 203 001234", TODAY)
    assert cid.number == "079203001234"
    assert (cid.province_code, cid.province_name) == ("079", "Thành phố Hồ Chí Minh")
    assert (cid.sex, cid.birth_year) == (MALE, 2003)
    assert validate_cccd("001185000001", TODAY).sex == FEMALE
    assert validate_cccd("001185000001", TODAY).birth_year == 1985


def test_province_table() -> None:
    assert len(PROVINCES) == 63
    assert PROVINCES["001"] == "Hà Nội" and PROVINCES["096"] == "Cà Mau"
    assert all(unicodedata.is_normalized("NFC", name) for name in PROVINCES.values())


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("07920300123a", "other than digits"),
        ("079-203-001234", "other than digits"),
        ("０７９２０３００１２３４", "other than digits"),
        ("07920300123", "(11 given)"),
        ("0792030012345", "(13 given)"),
        ("003203001234", "“003”"),
        ("097203001234", "“097”"),
        ("079430001234", "birth year 2130"),
        ("079227001234", "birth year 2027"),
    ],
)
def test_invalid_numbers(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_cccd(text, TODAY)
    assert exc.value.field == "id_number"
    assert fragment in exc.value.reason_en
    assert exc.value.reason_vi


def test_parse_qr() -> None:
    assert looks_like_cccd_qr(QR)
    qr = parse_cccd_qr(QR + "\r\n", TODAY)
    assert qr == CccdQr(
        "001099012345",
        "123456789",
        "Nguyễn Văn An",
        date(1999, 8, 15),
        MALE,
        "Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội",
        date(2021, 4, 20),
    )
    assert qr.to_text() == QR


def test_qr_without_old_id_or_issue_date_and_nfd_name() -> None:
    text = "001199012345||" + unicodedata.normalize("NFD", "Trần  Thị Bích") + "|01011999|Nữ|Hà Nội"
    qr = parse_cccd_qr(text, TODAY)
    assert qr.old_id == "" and qr.issue_date is None
    assert qr.full_name == "Trần Thị Bích" and unicodedata.is_normalized("NFC", qr.full_name)
    assert qr.sex == FEMALE


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("001099012345|123456789|An|15081999|Nam", "5 parts"),
        ("00109901234|123456789|An|15081999|Nam|HN|20042021", "ID number: "),
        ("001099012345|12345|An|15081999|Nam|HN|20042021", "old ID"),
        ("001099012345|123456789| |15081999|Nam|HN|20042021", "name"),
        ("001099012345|123456789|An|1508199|Nam|HN|20042021", "birth date"),
        ("001099012345|123456789|An|31021999|Nam|HN|20042021", "not a real date"),
        ("001099012345|123456789|An|15081999|X|HN|20042021", "sex"),
        ("001099012345|123456789|An|15081999|Nam|HN|2004202", "issue date"),
        ("001099012345|123456789|An|15081999|Nam|HN|20041998", "before the birth date"),
        ("001099012345|123456789|An|15081998|Nam|HN|20042021", "inconsistent"),
        ("001099012345|123456789|An|15081999|Nữ|HN|20042021", "expected “199”"),
    ],
)
def test_bad_qr_parts(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_cccd_qr(text, TODAY)
    assert exc.value.field == "cccd_qr"
    assert fragment in exc.value.reason_en


@pytest.mark.parametrize(
    "text", ["", "001099012345", "Nguyễn Văn An", "12345|a|b|c|d|e", "0010990123456|||||"]
)
def test_not_qr(text: str) -> None:
    assert not looks_like_cccd_qr(text)


provinces = st.sampled_from(sorted(PROVINCES))
sexes = st.sampled_from([MALE, FEMALE])
tails = st.from_regex(r"[0-9]{6}", fullmatch=True)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


def make_id(province: str, birth_year: int, sex: str, tail: str) -> str:
    return f"{province}{century_digit(birth_year, sex)}{birth_year % 100:02d}{tail}"


@given(provinces, birth_dates, sexes, tails)
def test_any_valid_id_passes(province: str, born: date, sex: str, tail: str) -> None:
    number = make_id(province, born.year, sex, tail)
    cid = validate_cccd(number, TODAY)
    assert (cid.number, cid.province_code, cid.sex, cid.birth_year) == (number, province, sex, born.year)


@given(st.integers(min_value=0, max_value=999).filter(lambda n: f"{n:03d}" not in PROVINCES), tails, tails)
def test_unknown_province_fails(province: int, middle: str, tail: str) -> None:
    number = f"{province:03d}{middle[:3]}{tail}"
    with pytest.raises(ValidationError) as exc:
        validate_cccd(number, TODAY)
    assert f"{province:03d}" in exc.value.reason_en


names = st.lists(
    st.sampled_from(["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Văn", "Thị", "Hồng", "Quốc", "Ánh", "Đức"]),
    min_size=2,
    max_size=5,
).map(" ".join)
addresses = st.text(alphabet=st.characters(blacklist_characters="|", blacklist_categories=["Cs", "Cc"]))


@settings(max_examples=80)
@given(provinces, birth_dates, sexes, tails, st.one_of(st.just(""), tails.map(lambda t: t + "123")), names,
       addresses, st.one_of(st.none(), st.dates(min_value=date(2016, 1, 1), max_value=TODAY)))  # fmt: skip
def test_qr_round_trip(
    province: str,
    born: date,
    sex: str,
    tail: str,
    old_id: str,
    name: str,
    address: str,
    issued: date | None,
) -> None:
    if issued is not None and issued < born:
        issued = None
    qr = CccdQr(make_id(province, born.year, sex, tail), old_id, name, born, sex, address, issued)
    text = qr.to_text()
    assert looks_like_cccd_qr(text)
    parsed = parse_cccd_qr(text, TODAY)
    assert parsed.id_number == qr.id_number and parsed.full_name == name and parsed.birth_date == born
    assert (parsed.sex, parsed.old_id, parsed.issue_date) == (sex, old_id, issued)
    assert parsed.address == " ".join(unicodedata.normalize("NFC", address).split())
