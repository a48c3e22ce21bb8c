"""Validation at the edge (issue 12): every field typed, ranged and sized, timestamps in a window around the
receiver's clock, extra fields bounded — the same rules for an event the server receives and for a change the
device pulls. Pure functions: hypothesis drives them."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.status import Status, allowed_targets
from app.paths import resources_dir
from sync.protocol.bounds import Invalid, _Bad, _fits, _walk, check_tree
from sync.protocol.changes import check_change
from sync.protocol.constants import DEFAULT_LIMITS
from sync.protocol.timefmt import parse_time
from sync.protocol.validation import STATUS_MOVES, check_event
from tests.sync.fakes import dossier_payload

OFFICE = "000.00.12.H62"
EVENT_ID = "01900000-0000-7000-8000-000000000001"
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
AT = "2026-12-01T09:00:00+07:00"


def problem(payload: dict[str, Any], kind: str = "dossier.received", created_at: str = AT) -> str | None:
    aggregate = str(payload.get("id") or payload.get("dossier_id") or "")
    found = check_event(EVENT_ID, kind, aggregate, payload, created_at, OFFICE, now=NOW)
    return found.message if found else None


def dossier(**change: Any) -> dict[str, Any]:
    return {**dossier_payload(OFFICE, 0, 1, TODAY), **change}


def status_change(before: int | None, after: int, **change: Any) -> dict[str, Any]:
    p = dossier()
    return {"dossier_id": p["id"], "code": p["code"], "from_status": before, "to_status": after, "reason": "",
            "at": AT, "actor": "clerk1", **change}


def deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def test_the_status_machine_is_the_apps() -> None:
    assert {int(s): tuple(sorted(int(t) for t in allowed_targets(s))) for s in Status} == {
        k: tuple(sorted(v)) for k, v in STATUS_MOVES.items()
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_at": "2099-07-01T08:00:00+07:00"}, "received_at"),  # dates in 2099
        ({"received_at": "9999-12-31T23:59:59+07:00"}, "received_at"),
        ({"received_at": "0001-01-01T00:00:00+14:00"}, "received_at"),  # does not fit in UTC: no crash
        ({"received_at": "20261201T080000+0700"}, "received_at"),  # basic ISO format
        ({"due_at": "2090-01-01T00:00:00+07:00"}, "due_at"),
        ({"code": f"{OFFICE}-990101-0001"}, "code"),  # a code "dated 1999"
        ({"code": f"{OFFICE}-261101-0001"}, "code"),  # a month before the reception
        ({"code": f"{OFFICE}-261201-1001"}, "code"),  # another slot's number
        ({"fee_vnd": 10**20}, "payload.fee_vnd"),
        ({"fee_vnd": 10**13}, "fee_vnd"),
        ({"pages": 10**9}, "pages"),
        ({"documents": [{"name": "a", "originals": -1}]}, "documents[0].originals"),
        ({"documents": [{"name": "a", "photocopies": "3"}]}, "documents[0].photocopies"),
        ({"documents": [{"name": "a", "pages": 1.5}]}, "documents[0].pages"),
        ({"applicant_name": "A\ud800"}, "payload.applicant_name"),  # a lone surrogate
        ({"notes": "a\x00b"}, "payload.notes"),  # PostgreSQL cannot store NUL
        ({"address": "\x1b[2J"}, "payload.address"),
        ({"extra": deep(10)}, "payload.extra[0][0][0]"),
        ({"extra": "x" * 5000}, "payload.extra"),
        ({"extra": {str(i): i for i in range(100)}}, "payload.extra"),
        ({"extra": float("inf")}, "payload.extra"),
        ({"extra": ["y" * 3000] * 100}, "payload"),  # 300 KB in all
    ],
)
def test_impossible_values_are_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    message = problem(dossier(**change))
    assert message is not None and message.split(":")[0] == field, message


@pytest.mark.parametrize(("before", "after"), [(10, 2), (2, 1), (3, 4), (2, 2), (9, 4)])
def test_statuses_do_not_move_backwards_illegally(before: int, after: int) -> None:
    assert problem(status_change(before, after), "dossier.status_changed") == (
        f"to_status: a dossier cannot move from status {before} to {after}"
    )
    assert problem(status_change(None, after), "dossier.status_changed") is None  # from unknown: kept


def test_created_at_is_checked_like_every_time() -> None:
    assert problem(dossier(), created_at="0001-01-01T00:00:00+14:00") is not None
    assert problem(dossier(), created_at="2099-01-01T00:00:00Z") is not None
    with pytest.raises(ValueError):
        parse_time("0001-01-01T00:00:00+14:00")


def test_a_clock_a_year_off_still_syncs() -> None:
    ahead = date(2027, 11, 30)
    payload = dossier_payload(OFFICE, 0, 1, ahead)
    assert problem(payload, created_at=payload["received_at"]) is None


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@st.composite
def valid_dossiers(draw: st.DrawFn) -> dict[str, Any]:
    slot = draw(st.integers(0, 9))
    number = slot * 1000 + draw(st.integers(1, 999))
    p = dossier_payload(OFFICE, slot, number, TODAY)
    for field in ("procedure_name", "phone", "email", "address", "notes", "received_by", "sex", "id_number"):
        p[field] = draw(st.none() | texts.map(lambda t: t[:120]))
    p["applicant_name"] = "A" + draw(texts)
    p["fee_vnd"] = draw(st.none() | st.integers(0, DEFAULT_LIMITS.max_fee_vnd))
    p["pages"] = draw(st.none() | st.integers(0, DEFAULT_LIMITS.max_pages))
    p["status"] = draw(st.integers(1, 10))
    p["extra"] = draw(st.dictionaries(st.text("abc", min_size=1, max_size=5), st.integers(-9, 9) | texts, max_size=5))
    return p


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=valid_dossiers())
def test_what_a_device_may_write_is_accepted_and_pulled_back(payload: dict[str, Any]) -> None:
    assert problem(payload) is None
    assert check_change("dossier", payload["id"], payload, "2026-12-01T02:00:00.000Z", OFFICE, NOW) is None


out_of_bounds = st.sampled_from(
    [
        ("fee_vnd", -1), ("fee_vnd", 10**13), ("pages", -1), ("status", 11), ("status", 0), ("device_slot", 10),
        ("channel", "fax"), ("applicant_name", ""), ("applicant_name", None), ("received_at", "2199-01-01T00:00:00Z"),
        ("documents", {}), ("code", "X"), ("id", 5), ("notes", "n" * 4001),
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=valid_dossiers(), bad=out_of_bounds)
def test_one_field_out_of_bounds_is_refused_on_both_ends(payload: dict[str, Any], bad: tuple[str, Any]) -> None:
    field, value = bad
    broken = {**payload, field: value}
    assert problem(broken) is not None
    assert check_change("dossier", payload["id"], broken, "2026-12-01T02:00:00.000Z", OFFICE, NOW) is not None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["dossier", "dossier_status", "catalog", "calendar", "x"]), key=st.text(max_size=40),
       data=json_values, at=st.text(max_size=30))
def test_any_pulled_change_is_answered_never_crashes(kind: str, key: str, data: Any, at: str) -> None:
    check_change(kind, key, data, at, OFFICE, NOW)


def test_the_shipped_catalogue_and_calendar_pass_the_device_checks() -> None:
    procedures = json.loads((resources_dir() / "data" / "procedures.json").read_text(encoding="utf-8"))
    records = procedures["procedures"] if isinstance(procedures, dict) else procedures
    for record in records:
        assert check_change("catalog", record["code"], record, "2026-12-01T02:00:00.000Z", OFFICE, NOW) is None
    calendar = json.loads((resources_dir() / "data" / "holidays.json").read_text(encoding="utf-8"))
    assert check_change("calendar", "holidays", calendar, "2026-12-01T02:00:00.000Z", OFFICE, NOW) is None


# Values near every bound: long texts and keys, controls and lone surrogates, integers and floats past ±2^53,
# deep nesting, many keys and items (the limits are shrunk so hypothesis reaches them).
_SMALL = replace(DEFAULT_LIMITS, max_depth=3, max_keys=4, max_list=4, max_text=12)
_odd_chars = st.sampled_from(["\x00", "\x7f", "\x9f", "\ud800", "\t"])
_edge_texts = st.text(st.characters(codec=None) | _odd_chars, max_size=14)
_edge_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**54), 2**54)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _edge_texts,
    lambda inner: st.lists(inner, max_size=6)
    | st.dictionaries(st.text(max_size=3) | st.sampled_from(["k" * 64, "k" * 65]) | _edge_texts, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=_edge_values)
def test_the_quick_bounds_pass_never_lets_through_what_the_walk_refuses(value: Any) -> None:
    """check_tree first tries a quick pass (bounds._fits) and walks only to name the path: the pass agrees with
    the walk both ways (it never lets a bad value through, and good values do not pay for the walk)."""
    walked = None
    try:
        _walk(value, _SMALL, 1)
    except _Bad as exc:
        walked = exc
    if isinstance(value, (dict, list)) and _fits(value, _SMALL, 1):
        assert walked is None
    if walked is None:
        assert _fits(value, _SMALL, 1) if isinstance(value, (dict, list)) else True
    with pytest.raises(Invalid) if walked else contextlib.nullcontext():
        check_tree(value, "payload", _SMALL)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(payload=valid_dossiers())
def test_an_ordinary_payload_takes_the_quick_pass(payload: dict[str, Any]) -> None:
    assert _fits(payload, DEFAULT_LIMITS, 1)
