"""Decision 766 on-time classes and list badges."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.ontime import OnTimeClass, StatusChange, badge, classify, summarise
from app.domain.status import Status
from app.domain.timezone import VN_TZ

S = Status
C = OnTimeClass
DUE = datetime(2026, 3, 12, 17, 0, tzinfo=VN_TZ)  # Thursday


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=VN_TZ)


def history(*steps: tuple[datetime, Status]) -> list[StatusChange]:
    return [StatusChange(when, status) for when, status in steps]


RECEIVED = (at(9), S.RECEIVED)


def test_no_due_date() -> None:
    assert classify(None, history(RECEIVED), at(20)) is None


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
    assert classify(DUE, history(RECEIVED, (at(10), S.PROCESSING), (finish, status)), at(20)) is expected


def test_first_finish_counts() -> None:
    steps = history(RECEIVED, (at(12), S.PROCESSED), (at(19), S.RETURNED))
    assert classify(DUE, steps, at(20)) is C.FINISHED_ON_TIME


def test_in_progress_and_paused() -> None:
    steps = history(RECEIVED, (at(10), S.PROCESSING))
    assert classify(DUE, steps, at(12, 16)) is C.IN_PROGRESS_WITHIN
    assert classify(DUE, steps, at(12, 18)) is C.IN_PROGRESS_OVERDUE
    financial = [*steps, StatusChange(at(11), S.FINANCIAL)]
    assert classify(DUE, financial, at(12, 16)) is C.PAUSED_WITHIN
    assert classify(DUE, financial, at(13)) is C.PAUSED_OVERDUE  # financial time still counts
    supplement = [*steps, StatusChange(at(11), S.SUPPLEMENT)]
    assert classify(DUE, supplement, at(25)) is C.PAUSED_WITHIN  # the clock stops while supplementing
    assert classify(DUE, [], at(1)) is C.IN_PROGRESS_WITHIN


def test_supplement_time_extends_the_due() -> None:
    steps = history(RECEIVED, (at(10), S.SUPPLEMENT), (at(13), S.PROCESSING), (at(13, 12), S.PROCESSED))
    # three days in supplement: due moves to 15/3 17:00
    assert classify(DUE, steps, at(20)) is C.FINISHED_EARLY
    progress = summarise(steps, at(20))
    assert progress.supplement_time == timedelta(days=3) and progress.supplement_requests == 1
    assert classify(DUE, steps[:3], at(15, 16)) is C.IN_PROGRESS_WITHIN
    assert classify(DUE, steps[:3], at(15, 18)) is C.IN_PROGRESS_OVERDUE


def test_two_supplements_are_late() -> None:
    steps = history(
        RECEIVED,
        (at(10), S.SUPPLEMENT),
        (at(10, 10), S.PROCESSING),
        (at(10, 11), S.SUPPLEMENT),
        (at(10, 12), S.PROCESSING),
    )
    assert classify(DUE, steps, at(10, 13)) is C.IN_PROGRESS_OVERDUE
    assert classify(DUE, steps[:4], at(10, 13)) is C.PAUSED_OVERDUE
    assert classify(DUE, [*steps, StatusChange(at(10, 14), S.PROCESSED)], at(20)) is C.FINISHED_LATE


def test_unsorted_and_naive_history() -> None:
    steps = [StatusChange(datetime(2026, 3, 12, 10, 0), S.PROCESSED), StatusChange(at(9), S.RECEIVED)]
    assert steps[0].at.tzinfo is not None
    assert classify(DUE, steps, at(20)) is C.FINISHED_ON_TIME


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
    without = classify(DUE, walk(received, finish_h, None), now)
    with_supplement = classify(DUE, walk(received, finish_h, (start, length)), now)
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
    result = classify(far_due, steps, t + timedelta(hours=later))
    assert result in (C.FINISHED_LATE, C.IN_PROGRESS_OVERDUE, C.PAUSED_OVERDUE)
    assert result is not None and result.is_late
