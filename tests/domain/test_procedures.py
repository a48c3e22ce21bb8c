"""Catalogue records become typed procedures; procedure codes are checked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import due_at
from app.domain.errors import ValidationError
from app.domain.fees import compute_fee
from app.domain.procedures import procedure_from_catalog, validate_procedure_code
from app.domain.timezone import VN_TZ


def test_loads_every_shipped_record(procedures_data: list[dict[str, Any]], calendar: WorkCalendar) -> None:
    assert len(procedures_data) == 20
    procedures = [procedure_from_catalog(r) for r in procedures_data]
    assert len({p.code for p in procedures}) == 20
    received = datetime(2026, 3, 10, 9, 0, tzinfo=VN_TZ)
    for p in procedures:
        assert p.name_vi and p.channels and p.confidence
        assert p.documents
        due = due_at(received, p.rule, calendar, p.channels[0])
        assert due is None or due > received


def test_specific_records(procedures_data: list[dict[str, Any]]) -> None:
    by_code = {r["code"]: procedure_from_catalog(r) for r in procedures_data}
    birth = by_code["1.001193"]
    assert birth.rule.same_day and birth.fee.kind == "free" and compute_fee(birth.fee) == 0
    assert {d.name for d in birth.documents_for("online")} != {d.name for d in birth.documents_for("counter")}
    assert any(d.present_only for d in birth.documents)
    land = by_code["1.013978"]
    assert land.rule.days_for("online") == 17 and land.rule.days_for("counter") == 27
    assert compute_fee(land.fee) is None
    copy = by_code["2.000815"]
    assert copy.channels == ("counter",) and compute_fee(copy.fee, pages=3) == 5000
    allowance = by_code["1.001776"]  # no processing, no fee, no channel list, no counts
    assert not allowance.rule.is_set and allowance.fee.kind == "unset"
    assert allowance.channels == ("counter",)
    assert not any(d.counts_known for d in allowance.documents)
    assert by_code["1.001699"].confidence == "secondary_github_only"


@pytest.mark.parametrize(
    "code", ["1.001193", "2.000635", "1.000593.000.00.00.H37", " 1.000593.000.00.00.h37 "]
)
def test_valid_codes(code: str) -> None:
    assert validate_procedure_code(code) == code.strip().upper()


@pytest.mark.parametrize(
    "code", ["", "1001193", "1.00119", "1.0011933", "1.000593.000.00.00", "A.001193", "1.001193-"]
)
def test_invalid_codes(code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_procedure_code(code)
    assert exc.value.field == "procedure"


def test_bad_records() -> None:
    with pytest.raises(ValidationError) as exc:
        procedure_from_catalog({"code": "1.001193"})
    assert exc.value.field == "procedure"
    with pytest.raises(ValidationError) as exc:
        procedure_from_catalog({"code": "1.001193", "name_vi": "X", "channels_allowed": ["fax"]})
    assert exc.value.field == "channel"


codes = st.from_regex(r"[0-9]\.[0-9]{6}(\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})?", fullmatch=True)


@given(codes)
def test_generated_codes_pass(code: str) -> None:
    assert validate_procedure_code(code) == code


@given(codes, st.data())
def test_one_character_less_or_more_fails(code: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(code) - 1))
    extra = data.draw(st.sampled_from("0123456789.AH"))
    for broken in (code[:i] + code[i + 1 :], code[:i] + extra + code[i:]):
        with pytest.raises(ValidationError):
            validate_procedure_code(broken)
