"""Queue statistics over a range of days, per service, per counter and per clerk, from the ticket events.

Why events and not ticket rows: a transferred ticket waits in two lines and is served at two counters,
possibly by two clerks; each ``called`` event carries the wait in that line and each ``served`` event the time
at that counter, so every group gets its own share. The supervisor screen and exports read this.
One figure comes from the ticket rows instead: ``handed_over``, the tickets this PC issued on its own while the
office hub was down and then handed to the hub (closed here with no local event: the hub writes what follows).
It belongs to the service only; no counter or clerk of this PC touched the ticket after it was issued.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from app.store import tickets
from app.store.db import Store


@dataclass
class Figures:
    issued: int = 0
    called: int = 0
    served: int = 0
    no_show: int = 0
    expired: int = 0
    handed_over: int = 0
    transferred: int = 0
    wait_total: int = 0
    wait_max: int = 0
    service_total: int = 0
    service_count: int = 0

    def add(self, event: dict[str, Any]) -> None:
        kind = event["kind"]
        if kind == "issued":
            self.issued += 1
        elif kind == "called":
            self.called += 1
            wait = event["wait_seconds"] or 0
            self.wait_total += wait
            self.wait_max = max(self.wait_max, wait)
        elif kind in ("served", "no_show", "expired", "transferred"):
            setattr(self, kind, getattr(self, kind) + 1)
            if kind == "served" and event["service_seconds"] is not None:
                self.service_total += event["service_seconds"]
                self.service_count += 1

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["avg_wait_seconds"] = round(self.wait_total / self.called) if self.called else None
        count = self.service_count
        out["avg_service_seconds"] = round(self.service_total / count) if count else None
        return out


def queue_stats(store: Store, first_day: str, last_day: str) -> dict[str, Any]:
    """Totals and groups by service letter, counter and clerk for ``first_day``..``last_day`` (YYYY-MM-DD)."""
    handed_over = tickets.handed_over_between(store, first_day, last_day)
    return figures(tickets.events_between(store, first_day, last_day), handed_over, first_day, last_day)


def figures(
    events: Iterable[dict[str, Any]], handed_over: dict[str, int], first_day: str, last_day: str
) -> dict[str, Any]:
    """The statistics of ``events`` (one step of a ticket each, the store's words): this PC's own, or the office
    hub's steps (``sync/server/queue_figures.py``) for a PC of an office with a hub."""
    total = Figures()
    groups: dict[str, dict[Any, Figures]] = {
        "service": defaultdict(Figures),
        "counter": defaultdict(Figures),
        "clerk": defaultdict(Figures),
    }
    for event in events:
        if event["kind"] in ("recalled", "linked"):
            continue
        total.add(event)
        groups["service"][event["letter"]].add(event)
        if event["kind"] != "issued":  # issuing happens at the kiosk, not at a counter
            if event["counter"] is not None:
                groups["counter"][event["counter"]].add(event)
            if event["clerk"]:  # the hub's close of a day names no clerk
                groups["clerk"][event["clerk"]].add(event)
    for letter, count in handed_over.items():
        total.handed_over += count
        groups["service"][letter].handed_over += count
    return {
        "from": first_day,
        "to": last_day,
        "total": total.to_dict(),
        **{
            name: {str(k): f.to_dict() for k, f in sorted(g.items(), key=lambda kv: kv[0])}
            for name, g in groups.items()
        },
    }
