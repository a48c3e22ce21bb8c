"""Issue 13: one office, many PCs, one hub between them and the province — real processes on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from tests.office.conftest import Office

pytestmark = pytest.mark.slow


def _until(check, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_a_dossier_goes_counter_to_hub_to_province_and_to_the_other_counters(office: Office) -> None:
    a, b = office.counter("quay-1"), office.counter("quay-2")
    made = a.receive("Trần Thị Bình")
    assert a.sync().pushed == 1
    b.sync()
    assert made.code in b.codes()
    _until(lambda: [d["code"] for d in office.province.dossiers("000.00.12.H62")] == [made.code])
