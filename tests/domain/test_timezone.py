"""Vietnam time is a fixed UTC+7 offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.timezone import VN_TZ, now_vn, to_vn


def test_offset_is_plus_seven() -> None:
    assert VN_TZ.utcoffset(None) == timedelta(hours=7)
    assert now_vn().utcoffset() == timedelta(hours=7)


def test_naive_is_taken_as_vietnam_time() -> None:
    assert to_vn(datetime(2026, 1, 5, 9, 0)) == datetime(2026, 1, 5, 9, 0, tzinfo=VN_TZ)


def test_utc_is_converted() -> None:
    converted = to_vn(datetime(2026, 1, 5, 20, 30, tzinfo=UTC))
    assert (converted.date().isoformat(), converted.hour, converted.minute) == ("2026-01-06", 3, 30)


@given(st.datetimes(timezones=st.just(UTC)))
def test_to_vn_keeps_the_instant(dt: datetime) -> None:
    assert to_vn(dt) == dt
    assert to_vn(dt).utcoffset() == timedelta(hours=7)
