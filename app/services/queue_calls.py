"""Queue use cases, part two: what a counter does with tickets — call next, serve out of order, recall,
no-show, finish, transfer to another service.

A counter serves one citizen at a time: calling the next number closes the current one as served, which is
how clerks work (nobody presses "finish" between citizens) and gives the service time for free. Every check
(an unknown counter, a counter with no services, an empty queue, nobody at the counter) runs before the first
write, so a refused action changes nothing. Reads and writes of one action share one ``BEGIN IMMEDIATE``
transaction, so two counters pressing "next" at the same moment never get the same citizen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain import queue as rules
from app.domain.errors import ValidationError
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.queue import (
    Ticket,
    close_earlier_days,
    find_ticket,
    record_event,
    seconds_between,
    service_row,
    serving_row,
)
from app.store import tickets


@dataclass(frozen=True)
class CallResult:
    """The ticket now at ``counter``, and the one this call closed as served (if any)."""

    ticket: Ticket
    counter: int
    closed: Ticket | None = None
    changes: Changes = field(default_factory=lambda: Changes(queue=True))

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.ticket.number,
            "service": self.ticket.letter,
            "counter": self.counter,
            "called_at": self.ticket.called_at,
            "recalls": self.ticket.recalls,
            "priority": self.ticket.priority,
            "closed": self.closed.number if self.closed else None,
            "id": self.ticket.id,
        }


@dataclass(frozen=True)
class TicketChange:
    """A ticket as an action left it (no-show, served, transferred)."""

    ticket: Ticket
    changes: Changes = field(default_factory=lambda: Changes(queue=True))


def _today(ctx: ServiceContext) -> tuple[str, str]:
    now = ctx.clock.now()
    return now.date().isoformat(), iso(now)


def _letters(ctx: ServiceContext, counter: int) -> list[str]:
    rules.validate_counter(counter)
    letters = tickets.counter_letters(ctx.store, counter)
    if not letters:
        raise rules.no_services(counter)
    return letters


def _current(ctx: ServiceContext, counter: int) -> dict[str, Any]:
    rules.validate_counter(counter)
    row = serving_row(ctx.store, ctx.clock.now(), counter)  # called before midnight: still this counter's
    if row is None:
        raise rules.not_serving(counter)
    return row


def _close(ctx: ServiceContext, row: dict[str, Any], state: str, stamp: str) -> Ticket:
    """End the current service of ``row`` at its counter as ``state`` (served or no_show)."""
    spent = seconds_between(row["called_at"], stamp)
    total = None if state != "served" else (row["service_seconds"] or 0) + (spent or 0)
    fields: dict[str, Any] = {"state": state, "finished_at": stamp, "updated_at": stamp}
    if total is not None:
        fields["service_seconds"] = total
    tickets.update_ticket(ctx.store, row["id"], fields)
    record_event(ctx, row, state, stamp, counter=row["counter"], service=spent)
    return Ticket.from_row({**row, **fields})


def _call(
    ctx: ServiceContext, row: dict[str, Any], counter: int, day: str, stamp: str, out_of_order: bool
) -> CallResult:
    current = serving_row(ctx.store, ctx.clock.now(), counter)
    closed = _close(ctx, current, "served", stamp) if current else None
    fields: dict[str, Any] = {
        "state": "called",
        "counter": counter,
        "clerk": ctx.actor.username,
        "called_at": stamp,
        "recalls": 0,
        "finished_at": None,
        "updated_at": stamp,
    }
    if row["first_called_at"] is None:
        fields["first_called_at"] = stamp
        fields["wait_seconds"] = seconds_between(row["arrival_at"], stamp)
    tickets.update_ticket(ctx.store, row["id"], fields)
    data = {"out_of_order": True, "from_state": row["state"]} if out_of_order else None
    record_event(ctx, row, "called", stamp, counter=counter, wait=seconds_between(row["queued_at"], stamp), data=data)
    return CallResult(
        Ticket.from_row({**row, **fields}),
        counter,
        closed,
        Changes(queue=True, extra={"ticket_id": row["id"], "counter": counter}),
    )


def call_next(ctx: ServiceContext, counter: int, letters: list[str] | None = None) -> CallResult:
    """Call the next citizen for ``counter``: priority by law first, then first come, among its services
    (or ``letters``: every service, for a PC calling its own tickets while the office hub is down)."""
    letters = letters or _letters(ctx, counter)
    day, stamp = _today(ctx)
    with ctx.store.transaction():
        row = tickets.next_waiting(ctx.store, day, letters)
        if row is None:
            raise rules.nobody_waiting(letters, counter)
        close_earlier_days(ctx, day, stamp)
        return _call(ctx, row, counter, day, stamp, out_of_order=False)


def call_ticket(ctx: ServiceContext, counter: int, text: str) -> CallResult:
    """Serve out of order: call the waiting (or earlier no-show) ticket ``text`` ("A012" or a scanned QR)."""
    _letters(ctx, counter)  # a counter that serves nothing calls nobody, in order or not
    day, stamp = _today(ctx)
    wanted = find_ticket(ctx, text)
    with ctx.store.transaction():
        row = tickets.ticket(ctx.store, wanted.id)
        if row is None or row["day"] != day or row["state"] not in ("waiting", "no_show"):
            raise rules.not_callable(wanted.number, row["state"] if row else "")
        return _call(ctx, row, counter, day, stamp, out_of_order=True)


def recall(ctx: ServiceContext, counter: int) -> CallResult:
    """Call the counter's current ticket again (the display announces it once more)."""
    stamp = _today(ctx)[1]
    with ctx.store.transaction():
        row = _current(ctx, counter)
        rules.check_recall(row["recalls"], tickets.get_setting(ctx.store, "recalls_before_no_show"))
        fields = {"recalls": row["recalls"] + 1, "updated_at": stamp}
        tickets.update_ticket(ctx.store, row["id"], fields)
        record_event(ctx, row, "recalled", stamp, counter=counter, data={"recall": fields["recalls"]})
    return CallResult(Ticket.from_row({**row, **fields}), counter)


def no_show(ctx: ServiceContext, counter: int) -> TicketChange:
    """The called citizen did not come after the configured number of recalls."""
    stamp = _today(ctx)[1]
    with ctx.store.transaction():
        row = _current(ctx, counter)
        rules.check_no_show(row["recalls"], tickets.get_setting(ctx.store, "recalls_before_no_show"))
        return TicketChange(_close(ctx, row, "no_show", stamp))


def finish(ctx: ServiceContext, counter: int) -> TicketChange:
    """Close the current ticket as served without calling another (before a break, at closing time)."""
    stamp = _today(ctx)[1]
    with ctx.store.transaction():
        return TicketChange(_close(ctx, _current(ctx, counter), "served", stamp))


def transfer(ctx: ServiceContext, counter: int, to_letter: str, number: str | None = None) -> TicketChange:
    """Send a ticket to another service's line, keeping its original arrival time (so its place is fair).

    Without ``number`` the ticket being served at ``counter``; with it, a waiting ticket (taken for the wrong
    service at the kiosk, say).
    """
    target = service_row(ctx, to_letter)
    rules.validate_counter(counter)
    day, stamp = _today(ctx)
    wanted = None
    if number is not None:
        wanted = find_ticket(ctx, number)
    with ctx.store.transaction():
        row = _current(ctx, counter) if wanted is None else tickets.ticket(ctx.store, wanted.id)
        if row is None or row["day"] != day:
            raise ValidationError("ticket", f"số {number} không còn chờ", f"ticket {number} is not waiting")
        rules.check_transfer(row["number"], row["state"], row["letter"], target["letter"])
        spent = seconds_between(row["called_at"], stamp) if row["state"] == "called" else None
        fields = rules.transferred(row, target["letter"], stamp, spent)
        tickets.update_ticket(ctx.store, row["id"], fields)
        record_event(
            ctx, row, "transferred", stamp, counter=row["counter"], service=spent, data={"to": target["letter"]}
        )
    return TicketChange(Ticket.from_row({**row, **fields}))
