"""Due date-times: same-day cut-off, N working days, channels, Tết and make-up Saturdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import OfficeHours, ProcessingRule, due_at
from app.domain.errors import ValidationError
from app.domain.timezone import VN_TZ

SAME_DAY = ProcessingRule(same_day=True, cutoff=time(15, 0))
THREE_DAYS = ProcessingRule(working_days=3)


def vn(y: int, mo: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def test_same_day_before_and_after_cutoff(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 3, 10, 14, 59), SAME_DAY, calendar) == vn(2026, 3, 10, 17, 0)
    assert due_at(vn(2026, 3, 10, 15, 0), SAME_DAY, calendar) == vn(2026, 3, 10, 17, 0)
    assert due_at(vn(2026, 3, 10, 15, 1), SAME_DAY, calendar) == vn(2026, 3, 11, 17, 0)


def test_friday_after_cutoff_is_monday(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 3, 13, 15, 30), SAME_DAY, calendar) == vn(2026, 3, 16, 17, 0)


def test_same_day_received_on_a_day_off(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 3, 14, 9, 0), SAME_DAY, calendar) == vn(2026, 3, 16, 17, 0)


def test_same_day_before_tet_2026(calendar: WorkCalendar) -> None:
    # Friday 13/2/2026 after 15:00: Tết 16–20/2, so Monday 23/2.
    assert due_at(vn(2026, 2, 13, 16, 0), SAME_DAY, calendar) == vn(2026, 2, 23, 17, 0)


def test_working_days_cross_tet_2026(calendar: WorkCalendar) -> None:
    # Thu 12/2: Fri 13 (1), Tết 16–20, Mon 23 (2), Tue 24 (3)
    assert due_at(vn(2026, 2, 12, 10, 15), THREE_DAYS, calendar) == vn(2026, 2, 24, 10, 15)


def test_makeup_saturday_2026_counts(calendar: WorkCalendar) -> None:
    # Thu 8/1 + 2 working days: Fri 9, make-up Sat 10.
    assert due_at(vn(2026, 1, 8, 9, 0), ProcessingRule(working_days=2), calendar) == vn(2026, 1, 10, 9, 0)
    # same-day received on the make-up Saturday itself is due that day
    assert due_at(vn(2026, 1, 10, 9, 0), SAME_DAY, calendar) == vn(2026, 1, 10, 17, 0)


def test_provisional_tet_2027_and_2028(calendar: WorkCalendar) -> None:
    # provisional 2027: off Fri 5/2 – Thu 11/2
    assert due_at(vn(2027, 2, 4, 16, 0), SAME_DAY, calendar) == vn(2027, 2, 12, 17, 0)
    # Wed 3/2: Thu 4 (1), Fri 12 (2), Mon 15 (3)
    assert due_at(vn(2027, 2, 3, 8, 0), THREE_DAYS, calendar) == vn(2027, 2, 15, 8, 0)
    # provisional 2028: off Tue 25/1 – Sat 29/1, in lieu Mon 31/1
    assert due_at(vn(2028, 1, 24, 10, 0), ProcessingRule(working_days=1), calendar) == vn(2028, 2, 1, 10, 0)


def test_outside_office_hours(calendar: WorkCalendar) -> None:
    # after closing Monday -> counts as Tuesday 07:30
    assert due_at(vn(2026, 3, 9, 18, 0), THREE_DAYS, calendar) == vn(2026, 3, 13, 7, 30)
    # before opening -> same day at opening
    assert due_at(vn(2026, 3, 9, 6, 0), THREE_DAYS, calendar) == vn(2026, 3, 12, 7, 30)
    # Saturday -> Monday opening
    assert due_at(vn(2026, 3, 14, 10, 0), THREE_DAYS, calendar) == vn(2026, 3, 19, 7, 30)
    late = OfficeHours(open=time(8, 0), close=time(16, 30))
    assert due_at(vn(2026, 3, 9, 16, 45), THREE_DAYS, calendar, hours=late) == vn(2026, 3, 13, 8, 0)
    assert due_at(vn(2026, 3, 10, 14, 0), SAME_DAY, calendar, hours=late) == vn(2026, 3, 10, 16, 30)


def test_by_channel_overrides(calendar: WorkCalendar) -> None:
    rule = ProcessingRule.from_catalog(
        {"working_days": 27, "by_channel_working_days": {"online": 17, "post": 20, "counter": 27}}
    )
    start = vn(2026, 3, 2, 9, 0)
    online, post, counter = (due_at(start, rule, calendar, ch) for ch in ("online", "post", "counter"))
    assert online is not None and post is not None and counter is not None
    assert online < post < counter
    assert counter.date() == calendar.add_working_days(date(2026, 3, 2), 27)
    with pytest.raises(ValidationError) as exc:
        due_at(start, rule, calendar, "fax")
    assert exc.value.field == "channel"


def test_no_rule_gives_none(calendar: WorkCalendar) -> None:
    assert due_at(vn(2026, 3, 2), ProcessingRule(), calendar) is None
    assert due_at(vn(2026, 3, 2), None, calendar) is None
    assert due_at(vn(2026, 3, 2), ProcessingRule.from_catalog(None), calendar) is None
    blank = ProcessingRule.from_catalog({"working_days": None, "same_day": None, "notes": "?"})
    assert not blank.is_set


def test_naive_and_utc_inputs(calendar: WorkCalendar) -> None:
    naive = datetime(2026, 3, 10, 14, 0)
    assert due_at(naive, SAME_DAY, calendar) == vn(2026, 3, 10, 17, 0)
    utc = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)  # 15:30 in Vietnam
    result = due_at(utc, SAME_DAY, calendar)
    assert result == vn(2026, 3, 11, 17, 0) and result.utcoffset() == timedelta(hours=7)


def test_rule_from_catalog_and_hashable() -> None:
    rule = ProcessingRule.from_catalog({"same_day": True, "cutoff": "15:00", "working_days": 1})
    assert rule.same_day and rule.cutoff == time(15, 0) and rule.working_days == 1
    by_dict = ProcessingRule(working_days=3, by_channel={"online": 2, "post": 3})
    by_pairs = ProcessingRule(working_days=3, by_channel=(("post", 3), ("online", 2)))  # type: ignore[arg-type]
    assert by_dict == by_pairs and hash(by_dict) == hash(by_pairs)
    assert by_dict.by_channel == {"online": 2, "post": 3} and by_dict.by_channel["post"] == 3
    assert len({by_dict, by_pairs, ProcessingRule(working_days=3)}) == 2
    assert ProcessingRule().by_channel == {}
    assert by_dict.days_for("online") == 2 and by_dict.days_for("counter") == 3
    assert ProcessingRule(cutoff="14:30").cutoff == time(14, 30)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ProcessingRule.from_catalog({"same_day": True, "cutoff": "3pm"})
    with pytest.raises(ValidationError):
        ProcessingRule(working_days=-1)


def test_describe() -> None:
    assert SAME_DAY.describe() == "Trong ngày (nhận sau 15:00 trả vào ngày làm việc tiếp theo)"
    assert THREE_DAYS.describe(lang="en") == "3 working day(s)"
    assert ProcessingRule().describe() == "Chưa quy định"


received = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2029, 12, 31)).map(
    lambda d: d.replace(tzinfo=VN_TZ)
)


@settings(max_examples=80, deadline=None)
@given(received, st.integers(min_value=1, max_value=30))
def test_due_is_within_office_hours_on_a_working_day(calendar: WorkCalendar, at: datetime, n: int) -> None:
    due = due_at(at, ProcessingRule(working_days=n), calendar)
    assert due is not None and due > at
    assert calendar.is_working_day(due.date())
    assert time(7, 30) <= due.time() <= time(17, 0)
    # counted from the next working day: exactly n working days after the (effective) day of receipt
    assert calendar.working_days_between(at.date(), due.date()) in (n, n + 1)


@settings(max_examples=80, deadline=None)
@given(received)
def test_same_day_is_today_or_next_working_day(calendar: WorkCalendar, at: datetime) -> None:
    due = due_at(at, SAME_DAY, calendar)
    assert due is not None and due.time() == time(17, 0)
    assert due.date() in (at.date(), calendar.next_working_day(at.date()))
    assert calendar.is_working_day(due.date())


@settings(max_examples=60, deadline=None)
@given(received, st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=10))
def test_more_days_never_earlier(calendar: WorkCalendar, at: datetime, n: int, extra: int) -> None:
    shorter = due_at(at, ProcessingRule(working_days=n), calendar)
    longer = due_at(at, ProcessingRule(working_days=n + extra), calendar)
    assert shorter is not None and longer is not None and shorter <= longer
