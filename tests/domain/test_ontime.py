"""Decision 766 on-time classes and list badges."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.calendar import WorkCalendar
from app.domain.deadlines import WorkingTime
from app.domain.ontime import OnTimeClass, StatusChange, badge, classify, summarise
from app.domain.status import Status
from app.domain.timezone import VN_TZ

S = Status
C = OnTimeClass
DUE = datetime(2026, 3, 12, 17, 0, tzinfo=VN_TZ)  # Thursday
W = WorkingTime(WorkCalendar())  # office hours 07:30-17:00 on working days; no holiday in March 2026


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=VN_TZ)


def history(*steps: tuple[datetime, Status]) -> list[StatusChange]:
    return [StatusChange(when, status) for when, status in steps]


RECEIVED = (at(9), S.RECEIVED)


def test_no_due_date() -> None:
    assert classify(None, history(RECEIVED), at(20), W) is None


@pytest.mark.parametrize(
    ("finish", "status", "expected"),
    [
        (at(11, 16), S.PROCESSED, C.FINISHED_EARLY),
        (at(12, 8), S.PROCESSED, C.FINISHED_ON_TIME),
        (at(12, 17), S.RETURNED, C.FINISHED_ON_TIME),
        (at(12, 18), S.PROCESSED, C.FINISHED_LATE),
        (at(13, 8), S.STOPPED, C.FINISHED_LATE),
        (at(10), S.WITHDRAWN, C.FINISHED_EARLY),
        (at(9, 10), S.NOT_RECEIVED, C.FINISHED_EARLY),
    ],
)
def test_finished(finish: datetime, status: Status, expected: OnTimeClass) -> None:
    assert classify(DUE, history(RECEIVED, (at(10), S.PROCESSING), (finish, status)), at(20), W) is expected


def test_first_finish_counts() -> None:
    steps = history(RECEIVED, (at(12), S.PROCESSED), (at(19), S.RETURNED))
    assert classify(DUE, steps, at(20), W) is C.FINISHED_ON_TIME


def test_in_progress_and_paused() -> None:
    steps = history(RECEIVED, (at(10), S.PROCESSING))
    assert classify(DUE, steps, at(12, 16), W) is C.IN_PROGRESS_WITHIN
    assert classify(DUE, steps, at(12, 18), W) is C.IN_PROGRESS_OVERDUE
    financial = [*steps, StatusChange(at(11), S.FINANCIAL)]
    assert classify(DUE, financial, at(12, 16), W) is C.PAUSED_WITHIN
    assert classify(DUE, financial, at(13), W) is C.PAUSED_OVERDUE  # financial time still counts
    supplement = [*steps, StatusChange(at(11), S.SUPPLEMENT)]
    assert classify(DUE, supplement, at(25), W) is C.PAUSED_WITHIN  # the clock stops while supplementing
    assert classify(DUE, [], at(1), W) is C.IN_PROGRESS_WITHIN


def test_supplement_time_extends_the_due_by_office_time() -> None:
    steps = history(RECEIVED, (at(10), S.SUPPLEMENT), (at(13), S.PROCESSING), (at(13, 12), S.PROCESSED))
    # Tue 10/3 09:00 to Fri 13/3 09:00 in supplement: 8 + 9.5 + 9.5 + 1.5 = 28.5 office hours, so the due time
    # moves from Thu 12/3 17:00 to Tue 17/3 17:00 (wall-clock hours moved it to Sunday 15/3)
    assert classify(DUE, steps, at(20), W) is C.FINISHED_EARLY
    progress = summarise(steps, at(20))
    assert progress.supplement_spans == ((at(10), at(13)),) and progress.supplement_requests == 1
    assert W.between(at(10), at(13)) == timedelta(hours=28.5)
    assert progress.due(DUE, W) == at(17, 17)
    assert classify(DUE, steps[:3], at(17, 16), W) is C.IN_PROGRESS_WITHIN
    assert classify(DUE, steps[:3], at(17, 18), W) is C.IN_PROGRESS_OVERDUE


def test_a_pause_over_a_weekend_counts_its_office_hours_only() -> None:
    """Fri 13/3 16:00 to Mon 16/3 16:00 in supplement: 1 + 8.5 office hours, not 72 wall-clock hours."""
    due = at(16, 17)  # Monday 17:00
    steps = history(RECEIVED, (at(13, 16), S.SUPPLEMENT), (at(16, 16), S.PROCESSING))
    assert summarise(steps, at(20)).due(due, W) == at(17, 17)  # Tue 17:00: 9.5 office hours after Mon 17:00
    assert classify(due, steps, at(17, 16), W) is C.IN_PROGRESS_WITHIN
    assert classify(due, steps, at(18, 10), W) is C.IN_PROGRESS_OVERDUE  # wall-clock time said Thursday 17:00


def test_a_paused_due_time_never_falls_outside_office_hours() -> None:
    """The supervisor's due-soon list showed "23:55" and "01:05" for dossiers paused at night."""
    steps = history(RECEIVED, (at(10, 8), S.SUPPLEMENT), (at(10, 22), S.PROCESSING))
    moved = summarise(steps, at(20)).due(DUE, W)
    assert moved == at(13, 16) + timedelta(minutes=30)  # 9 office hours: Fri 13/3 16:30, not Fri 07:00


def test_two_supplements_are_late() -> None:
    steps = history(
        RECEIVED,
        (at(10), S.SUPPLEMENT),
        (at(10, 10), S.PROCESSING),
        (at(10, 11), S.SUPPLEMENT),
        (at(10, 12), S.PROCESSING),
    )
    assert classify(DUE, steps, at(10, 13), W) is C.IN_PROGRESS_OVERDUE
    assert classify(DUE, steps[:4], at(10, 13), W) is C.PAUSED_OVERDUE
    assert classify(DUE, [*steps, StatusChange(at(10, 14), S.PROCESSED)], at(20), W) is C.FINISHED_LATE


def test_unsorted_and_naive_history() -> None:
    steps = [StatusChange(datetime(2026, 3, 12, 10, 0), S.PROCESSED), StatusChange(at(9), S.RECEIVED)]
    assert steps[0].at.tzinfo is not None
    assert classify(DUE, steps, at(20), W) is C.FINISHED_ON_TIME


def test_labels() -> None:
    assert C.FINISHED_EARLY.value == "finished_early"
    assert C.PAUSED_OVERDUE.label() == "Tạm dừng quá hạn"
    assert C.IN_PROGRESS_WITHIN.label("en") == "In progress, within time"
    assert {c for c in C if c.is_late} == {C.FINISHED_LATE, C.IN_PROGRESS_OVERDUE, C.PAUSED_OVERDUE}
    assert len({c.label() for c in C}) == 7


def test_badge() -> None:
    assert badge(None, at(10), False) == "none"
    assert badge(DUE, at(10), False) == "on_time"
    assert badge(DUE, at(11, 17), False) == "due_soon"
    assert badge(DUE, at(12, 18), False) == "late"
    assert badge(DUE, at(20), True) == "none"
    assert badge(DUE, at(20), True, finished_at=at(12)) == "on_time"
    assert badge(DUE, at(20), True, finished_at=at(13)) == "late"


hours = st.integers(min_value=0, max_value=24 * 20)


def walk(received_h: int, finish_h: int | None, supplement: tuple[int, int] | None) -> list[StatusChange]:
    base = at(9, 0)
    steps = [StatusChange(base + timedelta(hours=received_h), S.RECEIVED)]
    if supplement is not None:
        start, length = supplement
        steps.append(StatusChange(base + timedelta(hours=received_h + start), S.SUPPLEMENT))
        steps.append(StatusChange(base + timedelta(hours=received_h + start + length), S.PROCESSING))
    if finish_h is not None:
        steps.append(StatusChange(base + timedelta(hours=received_h + finish_h), S.PROCESSED))
    return steps


_RANK = {C.FINISHED_EARLY: 0, C.FINISHED_ON_TIME: 1, C.FINISHED_LATE: 2}
_RANK_OPEN = {C.IN_PROGRESS_WITHIN: 0, C.IN_PROGRESS_OVERDUE: 1}


@settings(max_examples=150)
@given(st.integers(0, 48), hours, st.integers(1, 100), st.integers(0, 100), st.booleans())
def test_supplement_never_makes_later(
    received: int, finish: int, start: int, length: int, done: bool
) -> None:
    finish_h = start + length + finish if done else None
    now = at(9) + timedelta(hours=received + start + length + finish + 1)
    without = classify(DUE, walk(received, finish_h, None), now, W)
    with_supplement = classify(DUE, walk(received, finish_h, (start, length)), now, W)
    assert without is not None and with_supplement is not None
    ranks = _RANK if done else _RANK_OPEN
    assert ranks[with_supplement] <= ranks[without]


@settings(max_examples=100)
@given(st.integers(2, 5), st.integers(0, 10), st.booleans(), st.integers(0, 200))
def test_two_or_more_supplements_always_late(n: int, gap: int, done: bool, later: int) -> None:
    t = at(1)
    steps = [StatusChange(t, S.RECEIVED)]
    for _ in range(n):
        t += timedelta(minutes=gap + 1)
        steps.append(StatusChange(t, S.SUPPLEMENT))
        t += timedelta(minutes=gap + 1)
        steps.append(StatusChange(t, S.PROCESSING))
    if done:
        steps.append(StatusChange(t + timedelta(minutes=1), S.PROCESSED))
    far_due = t + timedelta(days=30)
    result = classify(far_due, steps, t + timedelta(hours=later), W)
    assert result in (C.FINISHED_LATE, C.IN_PROGRESS_OVERDUE, C.PAUSED_OVERDUE)
    assert result is not None and result.is_late


@settings(max_examples=200)
@given(st.integers(0, 24 * 60 * 40), st.integers(0, 60 * 24 * 30))
def test_office_time_after_lands_in_office_hours_and_measures_back(start_min: int, span_min: int) -> None:
    moment = at(1, 0) + timedelta(minutes=start_min)  # any time in March-April 2026, holidays included
    span = timedelta(minutes=span_min)
    end = W.after(moment, span)
    assert W.between(moment, end) == span
    if span:
        assert W.calendar.is_working_day(end.date()) and W.hours.open < end.time() <= W.hours.close
