"""Read-only views of the queue for screens: the clerk's waiting list, the waiting-room board, new calls.

Why a change feed: the waiting-room display may run in another process on the same PC (``motcua --display``)
and must announce every call exactly once, so it keeps the last ``queue_events.seq`` it has seen and asks for
the calls after it; one indexed query every half second, no network, no shared memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.queue import Ticket, serving_row
from app.store import tickets
from app.store.db import Store


@dataclass(frozen=True)
class Call:
    """One call or recall, as the display shows and announces it."""

    seq: int
    number: str
    counter: int
    at: str
    recall: bool


@dataclass(frozen=True)
class Board:
    day: str
    serving: tuple[tuple[int, str], ...]  # (counter, number), by counter
    last_calls: tuple[Call, ...]  # newest first
    waiting: dict[str, int] = field(default_factory=dict)  # letter -> people waiting
    services: dict[str, str] = field(default_factory=dict)  # letter -> name
    last_seq: int = 0


def _call(row: dict) -> Call:
    return Call(row["seq"], row["number"], row["counter"], row["at"], row["kind"] == "recalled")


def board(store: Store, day: date, last: int = 6) -> Board:
    """What the waiting-room screen shows for ``day``."""
    d = day.isoformat()
    return Board(
        day=d,
        serving=tuple((r["counter"], r["number"]) for r in tickets.serving(store, d)),
        last_calls=tuple(_call(r) for r in tickets.last_calls(store, d, last)),
        waiting=tickets.waiting_counts(store, d),
        services={s["letter"]: s["name_vi"] for s in tickets.list_services(store)},
        last_seq=tickets.last_event_seq(store),
    )


def new_calls(store: Store, day: date, after_seq: int) -> list[Call]:
    """Calls and recalls of ``day`` after event ``after_seq``, oldest first."""
    return [_call(r) for r in tickets.calls_since(store, after_seq, day.isoformat())]


def last_event_seq(store: Store) -> int:
    return tickets.last_event_seq(store)


def waiting_for(store: Store, day: date, letters: list[str] | None = None) -> list[Ticket]:
    """Today's waiting tickets in calling order, for ``letters`` (a counter's services) or all."""
    return [Ticket.from_row(r) for r in tickets.waiting(store, day.isoformat(), letters)]


def at_counter(store: Store, now: datetime, counter: int) -> Ticket | None:
    """The ticket being served at ``counter`` now (one called before midnight included, for a while)."""
    row = serving_row(store, now, counter)
    return Ticket.from_row(row) if row else None


def counter_letters(store: Store, counter: int) -> list[str]:
    return tickets.counter_letters(store, counter)
