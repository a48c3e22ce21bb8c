"""The statistics the province asks for: on-time classes (Decision 766), the satisfaction index, groups by
procedure, clerk, channel and queue service, the queue times, and the overdue and due-soon lists.

Populations, stated once because every figure must be countable again in SQL:

* received and the "received" column of every group: dossiers *received* in the range (the log book's rows);
* the period's dossiers: those received in the range plus those carried over into it (received before, not
  finished before its first day; "kỳ trước chuyển qua"). The on-time classes, the on-time rate, the overdue
  count, the overdue and due-soon lists, the ratings and the groups' other columns are all computed on this
  one set, classified as of ``now`` by :func:`app.domain.ontime.classify`: so "overdue" is one definition
  and one query everywhere (a tile, a class bar, a list row, the log book's on-time column);
* finished / returned in range: dossiers whose ``finished_at`` / ``returned_at`` falls in the range, whenever
  they were received (what the office got done in those days);
* queue: ticket events of the range's days (:mod:`app.services.queue_stats`): this PC's own, or the part the
  caller passes (:mod:`app.services.queue_part`: the office hub's figures, or the part marked missing).

Satisfaction index = 100 % − (overdue rate + share of dossiers rated "not satisfied"), both over the received
dossiers that have a due date (DOMAIN.md); complaints are not recorded by MotCua, so they add nothing yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.ontime import DUE_SOON, OnTimeClass
from app.domain.status import Status
from app.reports.logbook import LogRow, log_rows, make_row, office_time
from app.services.queue_stats import queue_stats
from app.services.satisfaction import LEVELS
from app.store import reports as sql
from app.store.db import Store

LIST_LIMIT = 500  # rows of the overdue / due-soon lists (most overdue first); the class counts are exact


@dataclass
class Group:
    """Counts of one group (a procedure, a clerk, a channel, a service)."""

    label: str = ""
    received: int = 0
    finished: int = 0
    on_time: int = 0  # finished early or on time
    finished_late: int = 0
    running: int = 0
    overdue: int = 0  # still running (or paused) and past due

    def add(self, row: LogRow, received: bool = True) -> None:
        self.received += received
        cls = row.on_time
        if cls is None:
            return
        if cls.is_finished:
            self.finished += 1
            if cls.is_late:
                self.finished_late += 1
            else:
                self.on_time += 1
        else:
            self.running += 1
            if cls.is_late:
                self.overdue += 1

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["on_time_rate"] = rate(self.on_time, self.finished)
        return out


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` as a percentage with one decimal, None when there is nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else None


def rate_text(value: float | None) -> str:
    """A rate as read on screen and in the terminal: "87.5 %", or a dash when there was nothing to count (never
    "None %")."""
    return "–" if value is None else f"{value:g} %"


def classes(rows: list[LogRow]) -> dict[str, int]:
    counts = {c.value: 0 for c in OnTimeClass}
    for row in rows:
        if row.on_time is not None:
            counts[row.on_time.value] += 1
    return counts


def satisfaction(rows: list[LogRow], counts: dict[str, int]) -> dict[str, Any]:
    levels = {level: 0 for level in LEVELS}
    for row in rows:
        if row.rating in levels:
            levels[row.rating] += 1
    classified = sum(counts.values())
    late = sum(n for c, n in counts.items() if OnTimeClass(c).is_late)
    overdue_rate = rate(late, classified)
    unhappy_rate = rate(levels["not_satisfied"], classified)
    index = None if overdue_rate is None else round(100.0 - overdue_rate - (unhappy_rate or 0.0), 1)
    return {"rated": sum(levels.values()), **levels, "overdue_rate": overdue_rate,
            "not_satisfied_rate": unhappy_rate, "index": index}


def groups(rows: list[LogRow], names: dict[str, str], services: dict[str, str],
           first_day: str = "") -> dict[str, dict[str, Any]]:
    by: dict[str, dict[str, Group]] = {k: defaultdict(Group) for k in ("procedure", "clerk", "channel", "service")}
    for row in rows:
        received = row.received_at.date().isoformat() >= first_day
        keys = {"procedure": (row.procedure_code, row.procedure_name),
                "clerk": (row.received_by, names.get(row.received_by, row.received_by)),
                "channel": (row.channel, row.channel),
                "service": (row.service or "", services.get(row.service or "", "(không qua hàng đợi)"))}
        for dim, (key, label) in keys.items():
            group = by[dim][key]
            group.label = label
            group.add(row, received)
    return {dim: {k: g.to_dict() for k, g in sorted(gs.items())} for dim, gs in by.items()}


def period_rows(store: Store, scope: sql.Scope, now: datetime, received: list[LogRow]) -> list[LogRow]:
    """The period's dossiers: ``received`` (the log book's rows) and those carried over into the range."""
    carried = sql.carried_over_rows(store, scope)
    events = sql.histories_of(store, [r["id"] for r in carried])
    working = office_time(store)
    return received + [make_row(0, r, events.get(r["id"], []), now, working) for r in carried]


def watch_lists(rows: list[LogRow], now: datetime) -> dict[str, Any]:
    """Of the period's unfinished dossiers: those overdue now (all counted, the most overdue listed first) and
    those due within 24 hours, each with its due time pushed back by the office time spent on supplements."""
    overdue, due_soon = [], []
    for line in rows:
        due = line.due_after_pauses or line.due_at  # a row made without its history has no pauses
        if line.on_time is None or due is None or line.on_time.is_finished:
            continue
        item = {"code": line.code, "applicant": line.applicant_name, "phone": line.phone,
                "procedure": line.procedure_name, "received_by": line.received_by,
                "received_at": line.received_at.isoformat(), "due_at": due.isoformat(),
                "status": Status(line.status).label(), "status_code": line.status, "class": line.on_time.value,
                "hours_late": max(0, round((now - due) / timedelta(hours=1)))}
        if line.on_time.is_late:
            overdue.append(item)
        elif due - now <= DUE_SOON:
            due_soon.append(item)
    overdue.sort(key=lambda i: i["due_at"])
    due_soon.sort(key=lambda i: i["due_at"])
    return {"overdue_count": len(overdue), "overdue": overdue[:LIST_LIMIT], "due_soon": due_soon[:LIST_LIMIT]}


def named_before(stats: dict[str, Any]) -> list[str]:
    """Codes the overdue and due-soon lists of ``stats`` name that were received before its range.

    Why: the lists name citizens (name, phone) carried over from earlier days, which an export's range of days
    does not cover; the access trail records them by code so a citizen's list of accesses shows that export too.
    """
    first = stats["from"]
    return sorted({i["code"] for i in (*stats["overdue"], *stats["due_soon"]) if i["received_at"][:10] < first})


def statistics(store: Store, scope: sql.Scope, now: datetime, rows: list[LogRow] | None = None,
               queue: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every figure of the statistics export and the supervisor view, as one JSON-able dict. ``queue``: the
    queue part when the caller has it (:func:`app.services.queue_part.queue_part`), else this PC's own."""
    received = log_rows(store, scope, now) if rows is None else rows
    rows = period_rows(store, scope, now, received)
    counts = classes(rows)
    finished_cls = sum(n for c, n in counts.items() if OnTimeClass(c).is_finished)
    early_or_on_time = counts[OnTimeClass.FINISHED_EARLY.value] + counts[OnTimeClass.FINISHED_ON_TIME.value]
    finished, returned = sql.finished_and_returned(store, scope)
    if queue is None:
        queue = {**queue_stats(store, scope.first_day, scope.last_day), "source": "this_pc", "available": True}
    return {
        "from": scope.first_day,
        "to": scope.last_day,
        "as_of": now.isoformat(timespec="seconds"),
        "filters": {k: v for k, v in asdict(scope).items() if k not in ("first_day", "last_day") and v},
        "received": len(received),
        "carried_over": len(rows) - len(received),
        "finished_in_range": finished,
        "returned_in_range": returned,
        "classes": counts,
        "without_due_date": sum(1 for r in rows if r.on_time is None),
        "on_time_rate": rate(early_or_on_time, finished_cls),
        "satisfaction": satisfaction(rows, counts),
        "groups": groups(rows, sql.user_names(store), sql.service_names(store), scope.first_day),
        "queue": queue,
        **watch_lists(rows, now),
    }
