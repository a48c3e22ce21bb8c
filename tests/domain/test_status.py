"""The status machine on the portal's ten codes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.status import (
    REASON_REQUIRED,
    TERMINAL,
    Status,
    allowed_targets,
    check_transition,
    parse_status,
)


def test_codes_and_labels() -> None:
    assert [s.value for s in Status] == list(range(1, 11))
    assert Status.RECEIVED.label() == "Được tiếp nhận"
    assert Status.FINANCIAL.label() == "Yêu cầu thực hiện nghĩa vụ tài chính"
    assert Status.RETURNED.label("en") == "Result returned"
    assert len({s.label() for s in Status}) == 10
    assert {int(s) for s in REASON_REQUIRED} == {3, 5, 8}
    assert {int(s) for s in TERMINAL} == {3, 7, 8, 10}


def test_graph() -> None:
    assert set(allowed_targets(Status.NEW)) == {Status.RECEIVED, Status.NOT_RECEIVED}
    assert set(map(int, allowed_targets(Status.RECEIVED))) == {3, 4, 5, 6, 7, 8, 9}
    assert set(map(int, allowed_targets(Status.PROCESSING))) == {5, 6, 7, 8, 9}
    assert set(map(int, allowed_targets(Status.SUPPLEMENT))) == {4, 7, 8}
    assert set(map(int, allowed_targets(Status.FINANCIAL))) == {4, 7, 9}
    assert allowed_targets(Status.PROCESSED) == (Status.RETURNED,)
    for status in TERMINAL:
        assert allowed_targets(status) == ()


def test_reason_is_cleaned_and_returned() -> None:
    assert check_transition(Status.PROCESSING, Status.SUPPLEMENT, "  thiếu   bản sao ") == "thiếu bản sao"
    assert check_transition(Status.RECEIVED, Status.PROCESSING, None) == ""
    assert check_transition(Status.PROCESSING, Status.PROCESSED, "ghi chú") == "ghi chú"


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_missing_reason(reason: str | None) -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(Status.NEW, Status.NOT_RECEIVED, reason)
    assert exc.value.field == "reason"
    assert "Không được tiếp nhận" in exc.value.reason_vi


def test_forbidden_move_names_both_statuses() -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(Status.NEW, Status.RETURNED, "x")
    assert exc.value.field == "status"
    assert "Mới đăng ký" in exc.value.reason_vi and "Đã trả kết quả" in exc.value.reason_vi
    assert "Newly registered" in exc.value.reason_en and "Result returned" in exc.value.reason_en
    with pytest.raises(ValidationError) as exc:
        check_transition(Status.RETURNED, Status.PROCESSING, None)
    assert "final" in exc.value.reason_en
    with pytest.raises(ValidationError):
        check_transition(Status.PROCESSING, Status.PROCESSING, None)


def test_reason_too_long() -> None:
    with pytest.raises(ValidationError) as exc:
        check_transition(Status.PROCESSING, Status.STOPPED, "x" * 1001)
    assert exc.value.field == "reason"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(4, Status.PROCESSING), ("10", Status.RETURNED), (" received ", Status.RECEIVED), ("Not_Received", 3)],
)
def test_parse_status(text: str | int, expected: Status) -> None:
    assert parse_status(text) == expected


@pytest.mark.parametrize("text", [0, 11, "", "abc", "4.5", True])
def test_parse_status_rejects(text: str | int) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_status(text)
    assert exc.value.field == "status"


@given(st.sampled_from(list(Status)))
def test_parse_status_round_trip(status: Status) -> None:
    assert parse_status(status.name.lower()) == parse_status(str(status.value)) == status


@settings(max_examples=150)
@given(st.lists(st.tuples(st.sampled_from(list(Status)), st.sampled_from([None, "", "lý do"])), max_size=30))
def test_random_walks(steps: list[tuple[Status, str | None]]) -> None:
    current = Status.NEW
    for target, reason in steps:
        try:
            check_transition(current, target, reason)
        except ValidationError as exc:
            if target not in allowed_targets(current):
                assert exc.field == "status"
            else:
                # allowed move rejected only for a missing reason, and only where one is required
                assert exc.field == "reason" and target in REASON_REQUIRED and not (reason or "").strip()
            continue
        assert current not in TERMINAL, "left a terminal state"
        assert target in allowed_targets(current)
        assert target not in REASON_REQUIRED or (reason or "").strip()
        current = target


@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)))
def test_reason_required_exactly_for_3_5_8(current: Status, target: Status) -> None:
    if target not in allowed_targets(current):
        return
    needs_reason = False
    try:
        check_transition(current, target, None)
    except ValidationError:
        needs_reason = True
    assert needs_reason == (int(target) in (3, 5, 8))
