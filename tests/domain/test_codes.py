"""Dossier codes: format, parsing, unit codes and device slots."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.codes import (
    DossierCode,
    day_prefix,
    format_code,
    next_number,
    parse_code,
    slot_of,
    slot_range,
    validate_slot,
    validate_unit_code,
)
from app.domain.errors import ValidationError


def test_live_example_round_trip() -> None:
    code = parse_code("000.00.12.H62-201105-0004")
    assert code == DossierCode("000.00.12.H62", date(2020, 11, 5), 4)
    assert str(code) == "000.00.12.H62-201105-0004"
    assert code.slot == 0


def test_format_code() -> None:
    assert format_code("000.00.00.H41", date(2026, 2, 3), 3017) == "000.00.00.H41-260203-3017"
    assert day_prefix("000.00.00.h41", date(2026, 2, 3)) == "000.00.00.H41-260203-"


@pytest.mark.parametrize("number", [0, 10000, -1])
def test_format_code_rejects_numbers(number: int) -> None:
    with pytest.raises(ValidationError) as exc:
        format_code("H41", date(2026, 1, 1), number)
    assert exc.value.field == "code"


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("", "YYMMDD"),
        ("000.00.12.H62-2011050004", "YYMMDD"),
        ("000.00.12.H62-20115-0004", "20115"),
        ("000.00.12.H62-201132-0004", "201132"),
        ("000.00.12.H62-201105-04", "04"),
        ("000.00.12.H62-201105-0000", "0000"),
        ("000.00.12.H62-201105-00a4", "00A4"),
        ("000..12-201105-0004", "000..12"),
    ],
)
def test_parse_code_names_the_bad_part(text: str, part: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_code(text)
    assert exc.value.field == "code"
    assert part in exc.value.reason_en


def test_parse_code_is_lenient_with_case_and_spaces() -> None:
    assert str(parse_code("  000.00.12.h62-201105-0004 \n")) == "000.00.12.H62-201105-0004"


@pytest.mark.parametrize("text", ["000.00.12.H62", "000.00.00.H41", " h41 ", "UBND01"])
def test_unit_codes_accepted(text: str) -> None:
    assert validate_unit_code(text) == text.strip().upper()


@pytest.mark.parametrize("text", ["", "   ", "000-00", "000.00 12", ".H41", "H41.", "A" * 41, "Ủ01"])
def test_unit_codes_rejected(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_unit_code(text)
    assert exc.value.field == "office_code"


def test_slots() -> None:
    assert slot_range(0) == range(1, 1000)
    assert slot_range(3)[0] == 3001 and slot_range(3)[-1] == 3999
    assert slot_of(3999) == 3 and slot_of(1) == 0
    with pytest.raises(ValueError):
        slot_of(2000)
    for bad in (-1, 10, True):
        with pytest.raises(ValidationError) as exc:
            validate_slot(bad)
        assert exc.value.field == "device_slot"


def test_next_number() -> None:
    assert next_number(0, None) == 1
    assert next_number(2, None) == 2001
    assert next_number(2, 2001) == 2002
    assert next_number(2, 0) == 2001
    with pytest.raises(ValidationError) as exc:
        next_number(2, 2999)
    assert exc.value.field == "code"
    with pytest.raises(ValueError):
        next_number(2, 3001)
    with pytest.raises(ValueError):
        next_number(2, 5)


units = st.from_regex(r"[0-9A-Z]{1,5}(\.[0-9A-Z]{1,4}){0,4}", fullmatch=True)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
slots = st.integers(min_value=0, max_value=9)


@given(units, days, st.integers(min_value=1, max_value=9999))
def test_format_parse_round_trip(unit: str, day: date, number: int) -> None:
    text = format_code(unit, day, number)
    assert parse_code(text) == DossierCode(unit, day, number)
    assert text.startswith(day_prefix(unit, day))


@given(slots, slots, st.integers(min_value=0, max_value=998), st.integers(min_value=0, max_value=998))
def test_slots_never_collide(a: int, b: int, i: int, j: int) -> None:
    first, second = slot_range(a)[i], slot_range(b)[j]
    if a != b:
        assert first != second
    assert slot_of(first) == a and slot_of(second) == b


@settings(max_examples=50)
@given(slots, st.lists(st.booleans(), min_size=1, max_size=40))
def test_next_number_increases_within_slot(slot: int, steps: list[bool]) -> None:
    highest: int | None = None
    for _ in steps:
        number = next_number(slot, highest)
        assert number in slot_range(slot)
        assert highest is None or number > highest
        highest = number


@given(slots)
def test_slot_exhausts_after_999(slot: int) -> None:
    last = slot_range(slot)[-1]
    assert next_number(slot, last - 1) == last
    with pytest.raises(ValidationError):
        next_number(slot, last)
