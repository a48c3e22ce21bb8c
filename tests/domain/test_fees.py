"""Fee rules and amounts, including the certified-copy per-page scale."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.fees import FeeRule, compute_fee, format_vnd

COPY_RULE = FeeRule.from_catalog(
    {"kind": "per_page", "amount_vnd": 2000, "page3_plus_vnd": 1000, "max_per_copy_vnd": 200000}
)


@pytest.mark.parametrize(
    ("pages", "copies", "expected"),
    [
        (1, 1, 2000),
        (2, 1, 4000),
        (3, 1, 5000),
        (10, 1, 12000),
        (10, 3, 36000),
        (198, 1, 200000),
        (500, 2, 400000),
    ],
)
def test_certified_copy_scale(pages: int, copies: int, expected: int) -> None:
    assert compute_fee(COPY_RULE, pages, copies) == expected


def test_other_kinds() -> None:
    assert compute_fee(FeeRule("free", 0)) == 0
    assert compute_fee(FeeRule.from_catalog({"kind": "free", "amount_vnd": None})) == 0
    assert compute_fee(FeeRule("per_case", 10000), copies=3) == 10000
    assert compute_fee(FeeRule("fixed", 150000)) == 150000
    assert compute_fee(FeeRule("per_copy", 8000), copies=3) == 24000
    extract = FeeRule.from_catalog({"kind": "fixed", "amount_vnd": 8000, "unit": "per_copy"})
    assert compute_fee(extract, copies=2) == 16000


def test_unset_amount_is_never_guessed() -> None:
    assert compute_fee(FeeRule.from_catalog(None)) is None
    assert compute_fee(FeeRule.from_catalog({"kind": "per_case", "amount_vnd": None})) is None
    assert compute_fee(FeeRule("per_page", None), pages=3) is None
    assert not FeeRule("per_case", None).is_set and FeeRule("free", 0).is_set


BAD_COUNTS = [(None, 1, "pages"), (0, 1, "pages"), (10001, 1, "pages"), (1, 0, "copies"), (1, 1001, "copies")]


@pytest.mark.parametrize(("pages", "copies", "field"), BAD_COUNTS)
def test_bad_counts(pages: int | None, copies: int, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        compute_fee(COPY_RULE, pages, copies)
    assert exc.value.field == field


def test_bad_rules() -> None:
    with pytest.raises(ValidationError) as exc:
        FeeRule("per_banana", 1)
    assert exc.value.field == "fee"
    with pytest.raises(ValidationError):
        FeeRule("fixed", -5)


def test_format_vnd() -> None:
    assert format_vnd(12000) == "12.000 đ"
    assert format_vnd(1234567, "en") == "1,234,567 VND"
    assert format_vnd(0) == "0 đ"
    assert format_vnd(None) == "Chưa quy định"
    assert format_vnd(None, "en") == "Not set"


pages = st.integers(min_value=1, max_value=10000)


@given(pages, pages)
def test_per_page_monotone_and_capped(a: int, b: int) -> None:
    low, high = sorted((a, b))
    fee_low, fee_high = compute_fee(COPY_RULE, low), compute_fee(COPY_RULE, high)
    assert fee_low is not None and fee_high is not None
    assert 2000 <= fee_low <= fee_high <= 200000


@given(pages, st.integers(min_value=1, max_value=1000))
def test_copies_multiply(n: int, copies: int) -> None:
    one = compute_fee(COPY_RULE, n)
    assert one is not None and compute_fee(COPY_RULE, n, copies) == one * copies


@given(st.integers(min_value=0, max_value=10**12))
def test_format_vnd_round_trip(amount: int) -> None:
    assert int(format_vnd(amount).removesuffix(" đ").replace(".", "")) == amount


@pytest.mark.parametrize("pages", [-1, 0, 10_001, True])
@pytest.mark.parametrize("rule", [FeeRule("free", 0), FeeRule("per_case", 50_000), FeeRule("per_case", None)])
def test_a_page_count_given_is_checked_whatever_the_fee(rule: FeeRule, pages: int) -> None:
    """``--pages -1`` on a free procedure was stored with the dossier and printed."""
    with pytest.raises(ValidationError) as exc:
        compute_fee(rule, pages)
    assert exc.value.field == "pages" and str(int(pages)) in exc.value.message("vi")
    assert compute_fee(rule, None) == compute_fee(rule, 12)  # none given, or a real count: the same fee
