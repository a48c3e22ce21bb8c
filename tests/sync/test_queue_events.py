"""Queue events at the edge: a good one passes, each bad field is named, an unknown kind is still refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from sync.protocol.constants import QUEUE_KINDS
from sync.protocol.validation import check_event

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
TICKET = str(uuid.uuid4())


def _event(kind: str = "queue.called", **changes: Any) -> Any:
    payload = {
        "ticket_id": TICKET,
        "day": "2026-11-16",
        "number": "A012",
        "service": "A",
        "priority_group": "elderly",
        "counter": 3,
        "at": "2026-11-16T09:00:00+07:00",
        "wait_seconds": 120,
        **({"to_service": "B"} if kind == "queue.transferred" else {}),
    }
    payload.update(changes)
    payload = {k: v for k, v in payload.items() if v is not ...}
    return check_event(str(uuid.uuid4()), kind, TICKET, payload, "2026-11-16T09:00:00+07:00", "X", now=NOW)


@pytest.mark.parametrize("kind", QUEUE_KINDS)
def test_every_queue_kind_with_a_good_payload_is_accepted(kind: str) -> None:
    assert _event(kind) is None


def test_a_ticket_of_a_pc_working_without_its_hub_carries_its_slot() -> None:
    assert _event(number="3A012") is None
    assert _event("queue.issued", counter=None) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ticket_id": str(uuid.uuid4())}, "ticket_id"),
        ({"day": "2026-02-30"}, "day"),
        ({"number": "A12"}, "number"),
        ({"number": "AB012"}, "number"),
        ({"service": "a"}, "service"),
        ({"priority_group": "VIP!"}, "priority_group"),
        ({"counter": None}, "counter"),
        ({"counter": 100}, "counter"),
        ({"counter": True}, "counter"),
        ({"at": "2099-01-01T00:00:00Z"}, "at"),
        ({"wait_seconds": -1}, "wait_seconds"),
        ({"source": "phone"}, "source"),
        ({"out_of_order": "yes"}, "out_of_order"),
    ],
)
def test_a_bad_field_is_named(changes: dict[str, Any], field: str) -> None:
    problem = _event(**changes)
    assert problem is not None and problem.message.startswith(field + ":"), problem


def test_a_transfer_names_its_target_and_an_unknown_queue_kind_is_refused() -> None:
    problem = _event("queue.transferred", to_service=None)
    assert problem is not None and problem.message.startswith("to_service:")
    unknown = _event("queue.teleported")
    assert unknown is not None and unknown.error == "unknown_kind"
