"""``POST /v1/queue/adopt``: a ticket a PC issued on its own while the hub was down joins the hub's queue.

Why: a citizen holding "1A001" (printed by the kiosk PC while the hub was off) must be callable at any counter
once the hub is back, in the office's one fair order. The number is kept as printed: the hub never puts a digit
in front of its own numbers, so it cannot collide. The place in the queue comes from how long the citizen has
already waited by the PC's clock (``age_seconds``), counted back from the hub's clock, so a PC whose clock is
wrong does not jump the line. Idempotent by ticket id: a retry, or a second run of the same PC, answers with the
ticket the hub already holds and changes nothing. No ``queue.issued`` event is written: the PC sent that one
through its outbox, and each queue event must reach the province exactly once; the hub writes the steps that
happen from now on (called, finished, …) as for its own tickets.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sync.protocol.timefmt import format_utc, parse_time
from sync.server import queue_actions as qa
from sync.server import queue_store as qs
from sync.server.db import Tx
from sync.server.devices import Device
from sync.server.queue_actions import QueueActions

MAX_AGE_SECONDS = 24 * 3600


def adopt(
    actions: QueueActions,
    tx: Tx,
    device: Device,
    now: str,
    ticket_id: str,
    number: str,
    letter: str,
    group: str,
    age_seconds: int,
    day: str,
    source: str,
) -> dict[str, Any]:
    """Put a PC's own waiting ticket into the hub's queue (or answer with the one already there)."""
    rules = actions.rules
    office = device.office_code
    held = qs.ticket(tx, office, ticket_id)
    if held is not None:
        return {"ticket": qa.public(held), "adopted": False}
    printed = rules.normal_number(number)
    if not printed[:1].isdigit():
        raise rules.ValidationError(
            "number",
            f"số {printed} không có số máy phía trước: chỉ số máy tự cấp khi mất máy chủ mới được chuyển giao",
            f"{printed} has no device slot in front: only numbers a PC issued while the hub was down are handed over",
        )
    svc = actions.service_of(tx, office, letter)
    group = rules.validate_priority_group(group)
    today = qa.office_day(now)
    if day != today:
        raise rules.ValidationError(
            "day",
            f"số {printed} thuộc ngày {day}, không phải hôm nay ({today})",
            f"{printed} belongs to {day}, not today ({today})",
        )
    if qs.by_number(tx, office, today, printed) is not None:
        raise rules.ValidationError(
            "number",
            f"số {printed} đã có trong hàng đợi của máy chủ cho một phiếu khác",
            f"{printed} is already in the hub's queue for another ticket",
        )
    age = min(max(0, int(age_seconds)), MAX_AGE_SECONDS)
    arrival = format_utc(parse_time(now) - timedelta(seconds=age))
    row = qa.insert_waiting(tx, device, ticket_id, today, printed, svc["letter"], group, source, arrival, now)
    return {"ticket": qa.fresh(row), "adopted": True}
