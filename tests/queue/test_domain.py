"""The pure queue rules: letters, numbers, the fairness order, recall limits, wait estimates, ticket QR."""

from __future__ import annotations

import pytest

from app.domain import queue as rules
from app.domain.errors import ValidationError


def w(tid: str, letter: str = "A", priority: bool = False, at: str = "09:00", seq: int = 0) -> rules.Waiting:
    return rules.Waiting(tid, letter, priority, f"2026-11-16T{at}:00+07:00", seq)


@pytest.mark.parametrize("text, letter", [("A", "A"), (" b ", "B"), ("z", "Z")])
def test_letters_are_one_latin_letter(text, letter):
    assert rules.validate_letter(text) == letter


@pytest.mark.parametrize("text", ["", "AB", "1", "Đ", "-"])
def test_bad_letters_name_the_service_field(text):
    with pytest.raises(ValidationError) as err:
        rules.validate_letter(text)
    assert err.value.field == "service"
    assert err.value.message("vi").startswith("Dịch vụ:")


def test_numbers_have_three_digits_then_grow():
    assert rules.format_number("A", 1) == "A001"
    assert rules.format_number("B", 999) == "B999"
    assert rules.format_number("C", 1000) == "C1000"
    assert rules.parse_number(" a012 ") == ("A", 12)
    for bad in ("A", "A12", "A000", "12", "AA012"):
        with pytest.raises(ValidationError):
            rules.parse_number(bad)


def test_series_stops_at_the_daily_maximum():
    assert rules.next_in_series(None, "A") == 1
    assert rules.next_in_series(41, "A") == 42
    with pytest.raises(ValidationError):
        rules.next_in_series(rules.MAX_PER_DAY, "A")


def test_priority_first_then_first_come():
    waiting = [
        w("r1", at="08:00", seq=1),
        w("p1", priority=True, at="08:30", seq=2),
        w("p0", letter="B", priority=True, at="08:40", seq=3),
    ]
    assert rules.pick_next(waiting, ["A", "B"]).ticket_id == "p1"
    assert rules.pick_next(waiting, ["A"]).ticket_id == "p1"
    assert rules.pick_next(waiting[:1], ["A"]).ticket_id == "r1"
    assert rules.pick_next(waiting, ["C"]) is None


def test_same_second_arrivals_keep_issue_order():
    waiting = [w("second", seq=8), w("first", seq=7)]
    assert rules.pick_next(waiting, ["A"]).ticket_id == "first"


def test_count_ahead_counts_only_the_same_service_before():
    waiting = [
        w("a", at="08:00", seq=1),
        w("b", letter="B", at="08:01", seq=2),
        w("c", at="08:02", seq=3),
        w("p", priority=True, at="08:03", seq=4),
    ]
    assert rules.count_ahead(waiting, waiting[2]) == 2  # a, and the priority ticket p
    assert rules.count_ahead(waiting, waiting[3]) == 0


def test_recall_limit_then_no_show():
    rules.check_recall(1, 2)
    with pytest.raises(ValidationError):
        rules.check_recall(2, 2)
    with pytest.raises(ValidationError, match="thêm 1 lần"):
        rules.check_no_show(1, 2)
    rules.check_no_show(2, 2)
    rules.check_no_show(0, 0)


def test_wait_estimate():
    assert rules.estimate_wait_minutes(0, None, 1) == 0
    assert rules.estimate_wait_minutes(3, None, 1) == 15  # default 5 minutes each
    assert rules.estimate_wait_minutes(3, 240, 2) == 6
    assert rules.estimate_wait_minutes(1, 0, 0) == 5


def test_qr_round_trip_and_other_text():
    text = rules.qr_payload("000.00.12.H62", "2026-11-16", "A012", "id-1")
    assert rules.parse_qr(text) == ("000.00.12.H62", "2026-11-16", "A012", "id-1")
    assert rules.parse_qr("048186001234|...") is None
    assert rules.parse_qr("") is None


def test_priority_groups_and_counters():
    assert rules.validate_priority_group("") == ""
    assert rules.validate_priority_group("elderly") == "elderly"
    with pytest.raises(ValidationError):
        rules.validate_priority_group("vip")
    assert rules.validate_counter(99) == 99
    for bad in (0, 100, True):
        with pytest.raises(ValidationError):
            rules.validate_counter(bad)
