"""Queue use cases, part one: the ticket record, issuing a ticket, linking a ticket to its dossier.

Each write is one transaction that writes the ticket, its event (the statistics' raw data) and the audit
row together, and the day's number moves inside that same transaction, so a crash can lose a ticket that was
never printed but can never print a number twice. Each step a citizen sees (issued, called, recalled,
no-show, transferred, finished) also goes to the sync outbox as a protocol queue event in that same
transaction, so the province gets waiting and serving times from every office, with or without a hub.
Counter actions (call, recall, …) live in :mod:`app.services.queue_calls`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain import queue as rules
from app.domain.errors import ValidationError
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.ids import new_id
from app.store import audit, outbox, settings, tickets
from sync.protocol.queue_events import queue_payload

if TYPE_CHECKING:
    from app.store.db import Store

SOURCES = ("counter", "kiosk", "cli")
HISTORY_DAYS = 7  # service times of the last week estimate the wait printed on a ticket


@dataclass(frozen=True)
class Ticket:
    """One queue ticket as the UI, the CLI and the printer see it."""

    id: str
    day: str
    number: str
    letter: str
    priority_group: str
    state: str
    issued_at: str
    arrival_at: str
    called_at: str | None = None
    counter: int | None = None
    clerk: str = ""
    recalls: int = 0
    transfers: int = 0

    @property
    def priority(self) -> bool:
        return bool(self.priority_group)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Ticket:
        return cls(
            row["id"],
            row["day"],
            row["number"],
            row["letter"],
            row["priority_group"],
            row["state"],
            row["issued_at"],
            row["arrival_at"],
            row["called_at"],
            row["counter"],
            row["clerk"],
            row["recalls"],
            row["transfers"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "priority": self.priority}


@dataclass(frozen=True)
class IssueResult:
    ticket: Ticket
    service_name: str
    ahead: int
    wait_minutes: int
    qr: str
    changes: Changes = field(default_factory=lambda: Changes(queue=True))

    def to_dict(self) -> dict[str, Any]:
        """The ``motcua ticket issue --json`` answer."""
        t = self.ticket
        return {
            "number": t.number,
            "service": t.letter,
            "service_name": self.service_name,
            "issued_at": t.issued_at,
            "ahead": self.ahead,
            "wait_minutes": self.wait_minutes,
            "priority": t.priority,
            "priority_group": t.priority_group,
            "id": t.id,
        }


def seconds_between(start: str | None, end: str) -> int | None:
    if not start:
        return None
    return max(0, int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()))


def record_event(
    ctx: ServiceContext,
    row: dict[str, Any],
    kind: str,
    at: str,
    *,
    counter: int | None = None,
    wait: int | None = None,
    service: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Write one ticket event and its audit row (inside the caller's transaction)."""
    tickets.add_event(
        ctx.store,
        {
            "id": new_id(),
            "ticket_id": row["id"],
            "day": row["day"],
            "kind": kind,
            "number": row["number"],
            "letter": row["letter"],
            "counter": counter,
            "clerk": ctx.actor.username,
            "at": at,
            "wait_seconds": wait,
            "service_seconds": service,
            "data": data or {},
        },
    )
    outbox_event(ctx, row, kind, at, counter=counter, wait=wait, service=service, data=data)
    detail = {k: v for k, v in {"id": row["id"], "counter": counter, **(data or {})}.items() if v is not None}
    audit.append(
        ctx.store,
        at=at,
        actor=ctx.actor.username,
        action=f"ticket.{kind}",
        object_type="ticket",
        object_id=f"{row['day']} {row['number']}",
        detail=detail,
    )


# Local ticket event -> protocol kind (sync/protocol/queue_events.py). "served" ends a service: finished.
# "expired" (the day closed with the ticket never called) and "linked" stay local: nothing happened at a desk.
_PROTOCOL_KINDS = {
    "issued": "queue.issued",
    "called": "queue.called",
    "recalled": "queue.recalled",
    "no_show": "queue.no_show",
    "transferred": "queue.transferred",
    "served": "queue.finished",
}


def outbox_event(
    ctx: ServiceContext,
    row: dict[str, Any],
    kind: str,
    at: str,
    *,
    counter: int | None,
    wait: int | None,
    service: int | None,
    data: dict[str, Any] | None,
) -> None:
    """The queue event for the province, in the outbox, in the caller's transaction (so the province gets
    waiting and serving times from an office without a hub too)."""
    wire = _PROTOCOL_KINDS.get(kind)
    if wire is None or (data or {}).get("day_closed"):
        return
    extra = {
        "wait_seconds": wait,
        "service_seconds": service,
        "to_service": (data or {}).get("to"),
        "recall": (data or {}).get("recall"),
        "source": (data or {}).get("source"),
        "out_of_order": (data or {}).get("out_of_order"),
    }
    payload = queue_payload(row, counter, at, **extra)
    outbox.append(ctx.store, event_id=new_id(), kind=wire, aggregate_id=row["id"], payload=payload, created_at=at)


def close_earlier_days(ctx: ServiceContext, day: str, at: str) -> None:
    """Numbers restart each day: close what an earlier day left open (waiting: expired; called: served,
    service time unknown) so yesterday's tickets are never called today and the statistics see an end. A
    ticket called just before midnight is left to its counter while the domain's ``CARRY_OVER`` lasts."""
    now = ctx.clock.now()
    for row in tickets.open_before(ctx.store, day):
        if row["state"] == "called" and rules.carried_over(datetime.fromisoformat(row["called_at"]), now):
            continue
        kind = rules.closed_state(row["state"])
        tickets.update_ticket(ctx.store, row["id"], {"state": kind, "updated_at": at})
        record_event(ctx, row, kind, at, counter=row["counter"], data={"day_closed": True})


def serving_row(store: Store, now: datetime, counter: int) -> dict[str, Any] | None:
    """The ticket being served at ``counter``: today's, or one called before midnight and carried over."""
    row = tickets.at_counter(store, now.date().isoformat(), counter)
    if row is None:
        row = tickets.at_counter(store, (now.date() - timedelta(days=1)).isoformat(), counter)
        if row is not None and not rules.carried_over(datetime.fromisoformat(row["called_at"]), now):
            return None
    return row


def service_row(ctx: ServiceContext, letter: str) -> dict[str, Any]:
    """The active service with code ``letter``, or a ValidationError that lists the ones there are."""
    code = rules.validate_letter(letter)
    row = tickets.service(ctx.store, code)
    if row is None or not row["active"]:
        offered = ", ".join(f"{s['letter']} {s['name_vi']}" for s in tickets.list_services(ctx.store))
        raise rules.unknown_service(code, offered)
    return row


def issue_ticket(
    ctx: ServiceContext, letter: str, priority_group: str = "", source: str = "counter", prefix: str = ""
) -> IssueResult:
    """Give the next number of service ``letter`` today; ``priority_group``: "" or a PRIORITY_GROUPS key.
    ``prefix``: this PC's device slot while the office hub is down (its own series, "3A001")."""
    svc = service_row(ctx, letter)
    group = rules.validate_priority_group(priority_group)
    if source not in SOURCES:
        raise ValueError(f"unknown ticket source {source!r}")
    now = ctx.clock.now()
    rules.check_queue_clock(now.date())  # a reset clock would start a new day's series: "A001" twice
    day, stamp = now.date().isoformat(), iso(now)
    store = ctx.store
    with store.transaction():
        close_earlier_days(ctx, day, stamp)
        code = svc["letter"]
        number = rules.format_number(code, tickets.take_number(store, day, code, prefix), prefix)
        row: dict[str, Any] = {
            "id": new_id(),
            "day": day,
            "number": number,
            "origin_letter": code,
            "letter": code,
            "priority": int(bool(group)),
            "priority_group": group,
            "state": "waiting",
            "source": source,
            "issued_at": stamp,
            "arrival_at": stamp,
            "queued_at": stamp,
            "updated_at": stamp,
        }
        row["seq"] = tickets.insert_ticket(store, row)
        ahead = tickets.count_ahead(store, day, row)
        since = (now.date() - timedelta(days=HISTORY_DAYS)).isoformat()
        wait = rules.estimate_wait_minutes(
            ahead, tickets.avg_service_seconds(store, code, since), tickets.counters_serving(store, code)
        )
        record_event(ctx, row, "issued", stamp, data={"priority_group": group, "source": source, "ahead": ahead})
    fresh = {"called_at": None, "counter": None, "clerk": "", "recalls": 0, "transfers": 0}
    ticket = Ticket.from_row({**row, **fresh})
    qr = rules.qr_payload(settings.get(store, "office_code"), day, number, row["id"])
    return IssueResult(ticket, svc["name_vi"], ahead, wait, qr, Changes(queue=True, extra={"ticket_id": row["id"]}))


def find_ticket(ctx: ServiceContext, text: str) -> Ticket:
    """Today's ticket from its number ("A012") or from the scanned QR of the printed ticket."""
    scanned = rules.parse_qr(text)
    if scanned is not None:
        row = tickets.ticket(ctx.store, scanned[3])
    else:
        day = ctx.clock.now().date().isoformat()
        row = tickets.ticket_by_number(ctx.store, day, rules.normal_number(text))
    if row is None:
        raise rules.no_ticket(text)
    return Ticket.from_row(row)


def link_ticket(ctx: ServiceContext, ticket_id: str, dossier_id: str) -> Changes:
    """Record that ``dossier_id`` was received from ``ticket_id`` (a ticket may bring several dossiers).

    Safe to call inside the receiving transaction (it nests); linking the same pair again changes nothing.
    """
    store = ctx.store
    row = tickets.ticket(store, ticket_id)
    if row is None:
        raise ValidationError(
            "ticket", "không tìm thấy số thứ tự cần gắn với hồ sơ", "the ticket to link was not found"
        )
    if not tickets.dossier_exists(store, dossier_id):
        raise ValidationError("code", "không tìm thấy hồ sơ cần gắn với số thứ tự", "the dossier to link was not found")
    linked = tickets.dossier_ticket(store, dossier_id)
    if linked == ticket_id:
        return Changes()
    if linked is not None:
        raise ValidationError(
            "ticket", "hồ sơ này đã gắn với một số thứ tự khác", "the dossier is linked to another ticket"
        )
    stamp = iso(ctx.clock.now())
    with store.transaction():
        tickets.link_dossier(store, ticket_id, dossier_id, stamp)
        record_event(ctx, row, "linked", stamp, counter=row["counter"], data={"dossier_id": dossier_id})
    return Changes(queue=True, dossier_ids=(dossier_id,))
