"""Digit grouping: a dot between thousands in Vietnamese, a comma in English."""

from __future__ import annotations

import pytest

from app.domain.numbers import grouped


@pytest.mark.parametrize(("n", "vi", "en"), [(0, "0", "0"), (999, "999", "999"), (20000, "20.000", "20,000"),
                                             (1234567, "1.234.567", "1,234,567"), (-1500, "-1.500", "-1,500")])
def test_thousands_are_grouped(n: int, vi: str, en: str) -> None:
    assert grouped(n) == vi and grouped(n, "en") == en
