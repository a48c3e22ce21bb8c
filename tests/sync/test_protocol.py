"""The wire contract: event validation, canonical hashing, timestamps. Pure functions, no server."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol.canonical import canonical_json, event_body_hash
from sync.protocol.timefmt import format_utc, normalise, parse_time
from sync.protocol.validation import check_code, check_event
from tests.sync.fakes import dossier_payload

OFFICE = "000.00.12.H62"
EVENT_ID = "01900000-0000-7000-8000-000000000001"
AT = "2025-07-01T08:00:00+07:00"


def received(**change: Any) -> dict[str, Any]:
    return {**dossier_payload(OFFICE, 0, 1), **change}


def check_received(payload: Any) -> tuple[str, str] | None:
    aggregate = payload.get("id", "") if isinstance(payload, dict) else ""
    problem = check_event(EVENT_ID, "dossier.received", str(aggregate), payload, AT, OFFICE)
    return (problem.error, problem.message) if problem else None


def test_a_dossier_as_the_app_writes_it_is_valid() -> None:
    assert check_received(received()) is None
    assert check_received(received(due_at=None, pages=3, fee_vnd=None, birth_date=None)) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": 0}, "status: must be an integer 1–10"),
        ({"status": True}, "status: must be an integer 1–10"),
        ({"status": "2"}, "status: must be an integer 1–10"),
        ({"code": "000.00.12.H62-250230-0001"}, "code: 250230 is not a calendar day"),
        ({"code": "000.00.12.H62-250701-0000"}, "code: number 0000 is not issued"),
        ({"code": "000.00.12.H62-250701-001"}, "code: must look like <unit>-YYMMDD-XXXX"),
        ({"code": "000.00.12.H99-250701-0001"}, "code: must start with the office code 000.00.12.H62"),
        ({"applicant_name": "  "}, "applicant_name: must not be empty"),
        (
            {"received_at": "2025-07-01 08:00"},
            "received_at: must be an ISO 8601 date-time with a UTC offset, like 2025-07-01T08:00:00+07:00",
        ),
        ({"fee_vnd": -1}, "fee_vnd: must be an integer 0–1000000000000"),
        ({"documents": [{"name": ""}]}, "documents[0].name: must not be empty"),
        ({"documents": "none"}, "documents: must be a list of at most 200 documents"),
    ],
)
def test_each_rule_names_the_field(change: dict[str, Any], message: str) -> None:
    result = check_received(received(**change))
    assert result is not None
    error, text = result
    assert error == "invalid_field"
    assert text == message


def test_scoping_and_envelope() -> None:
    payload = received(office_code="000.00.99.H99", code="000.00.99.H99-250701-0001")
    assert check_received(payload) == (
        "office_mismatch",
        "office_code: 000.00.99.H99 is not this device's office 000.00.12.H62",
    )
    assert check_event("not-a-uuid", "dossier.received", "", received(), AT, OFFICE) is not None
    unknown = check_event(EVENT_ID, "dossier.deleted", "", {}, AT, OFFICE)
    assert unknown is not None and unknown.error == "unknown_kind"
    other = check_event(EVENT_ID, "dossier.received", "01900000-0000-7000-8000-0000000000ff", received(), AT, OFFICE)
    assert other is not None and other.message == "id: must equal the event's aggregate_id"


def test_status_changes() -> None:
    p = received()
    change = {
        "dossier_id": p["id"],
        "code": p["code"],
        "from_status": 2,
        "to_status": 9,
        "reason": "",
        "at": AT,
        "actor": "clerk1",
    }
    assert check_event(EVENT_ID, "dossier.status_changed", p["id"], change, AT, OFFICE) is None
    bad = check_event(EVENT_ID, "dossier.status_changed", p["id"], {**change, "to_status": 11}, AT, OFFICE)
    assert bad is not None and bad.message == "to_status: must be an integer 1–10"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a loaded CI machine draws slowly
@given(field=st.sampled_from(sorted(received())), value=json_values)
def test_any_json_in_any_field_is_answered_never_crashes(field: str, value: Any) -> None:
    check_received({**received(), field: value})


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.dictionaries(st.text(max_size=12), json_values, max_size=8) | json_values)
def test_any_payload_is_answered_never_crashes(payload: Any) -> None:
    for kind in ("dossier.received", "dossier.status_changed", "x"):
        check_event(EVENT_ID, kind, "", payload, AT, OFFICE)


@given(
    unit=st.from_regex(r"[0-9A-Z][0-9A-Z.]{0,20}", fullmatch=True),
    day=st.dates(),
    number=st.integers(1, 9999),
)
def test_every_well_formed_code_is_accepted(unit: str, day: Any, number: int) -> None:
    if 2000 <= day.year <= 2099 and number % 1000:  # X000 is never issued (slot k: k*1000+1 … k*1000+999)
        assert check_code(f"{unit}-{day:%y%m%d}-{number:04d}") == unit


def test_body_hash_ignores_key_order_and_not_content() -> None:
    a = event_body_hash("k", "x", {"a": 1, "b": "ư"}, AT)
    assert a == event_body_hash("k", "x", json.loads('{"b": "ư", "a": 1}'), AT)
    assert a != event_body_hash("k", "x", {"a": 1, "b": "u"}, AT)
    assert canonical_json({"b": 1, "a": "đ"}) == '{"a":"đ","b":1}'


def test_timestamps_are_fixed_width_utc() -> None:
    assert normalise("2025-07-01T08:00:00+07:00") == "2025-07-01T01:00:00.000Z"
    assert normalise("2025-07-01T01:00:00.123456Z") == "2025-07-01T01:00:00.123Z"
    assert format_utc(parse_time("2025-12-31T23:59:59-01:00")) == "2026-01-01T00:59:59.000Z"
    assert normalise("0999-01-02T03:04:05.999999+00:00") == "0999-01-02T03:04:05.999Z"  # four digits, truncated
    rng = random.Random(18)
    for _ in range(2000):  # what strftime gave, for every four-digit year and any offset
        moment = datetime(rng.randint(1000, 9998), 1, 1, tzinfo=timezone(timedelta(minutes=rng.randint(-840, 840))))
        moment += timedelta(seconds=rng.uniform(0, 364 * 86400))
        utc = moment.astimezone(UTC)
        assert format_utc(moment) == utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    with pytest.raises(ValueError):
        parse_time("2025-07-01T08:00:00")
