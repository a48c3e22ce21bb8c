"""On-time classes of Decision 766/QD-TTg, for the statistics the province asks for and the list badges.

Why: the province scores each office by its on-time rate, and the counter needs to see which dossiers are
about to be late. Both must follow the same method (DOMAIN.md):

* Finished = the first time the dossier reaches PROCESSED, RETURNED, STOPPED or NOT_RECEIVED — or WITHDRAWN:
  a withdrawn dossier needs no more work, so it is finished, and counts as on time unless it was already
  late.
* Time the citizen spends supplementing documents does not count: the due date-time is pushed back by the
  office time (working days, office hours: :class:`app.domain.deadlines.WorkingTime`) of every SUPPLEMENT
  period, up to the finish, or now when still in it. It was wall-clock time once, which pushed a due time
  past weekends and into the night and kept late dossiers "within time".
* A dossier asked for supplements more than once is late: finished late, or overdue while not finished.
* Finished early = finished on a calendar day (Vietnam time) before the (pushed-back) due day; on time = no
  later than the due date-time; otherwise late.
* Not finished: paused while the current status is SUPPLEMENT or FINANCIAL, else in progress; overdue once
  now is past the (pushed-back) due date-time. Time spent in FINANCIAL still counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.deadlines import WorkingTime
from app.domain.status import Status
from app.domain.timezone import to_vn

FINISHING = frozenset(
    {Status.PROCESSED, Status.RETURNED, Status.STOPPED, Status.NOT_RECEIVED, Status.WITHDRAWN}
)
PAUSING = frozenset({Status.SUPPLEMENT, Status.FINANCIAL})
DUE_SOON = timedelta(hours=24)


class OnTimeClass(StrEnum):
    """The seven report classes."""

    FINISHED_EARLY = "finished_early"
    FINISHED_ON_TIME = "finished_on_time"
    FINISHED_LATE = "finished_late"
    IN_PROGRESS_WITHIN = "in_progress_within"
    IN_PROGRESS_OVERDUE = "in_progress_overdue"
    PAUSED_WITHIN = "paused_within"
    PAUSED_OVERDUE = "paused_overdue"

    def label(self, lang: str = "vi") -> str:
        vi, en = _LABELS[self]
        return en if lang == "en" else vi

    @property
    def is_late(self) -> bool:
        """True for the classes that count in the overdue rate."""
        return self in (
            OnTimeClass.FINISHED_LATE,
            OnTimeClass.IN_PROGRESS_OVERDUE,
            OnTimeClass.PAUSED_OVERDUE,
        )

    @property
    def is_finished(self) -> bool:
        return self.value.startswith("finished")


_LABELS: dict[OnTimeClass, tuple[str, str]] = {
    OnTimeClass.FINISHED_EARLY: ("Giải quyết trước hạn", "Finished early"),
    OnTimeClass.FINISHED_ON_TIME: ("Giải quyết đúng hạn", "Finished on time"),
    OnTimeClass.FINISHED_LATE: ("Giải quyết quá hạn", "Finished late"),
    OnTimeClass.IN_PROGRESS_WITHIN: ("Đang giải quyết trong hạn", "In progress, within time"),
    OnTimeClass.IN_PROGRESS_OVERDUE: ("Đang giải quyết quá hạn", "In progress, overdue"),
    OnTimeClass.PAUSED_WITHIN: ("Tạm dừng trong hạn", "Paused, within time"),
    OnTimeClass.PAUSED_OVERDUE: ("Tạm dừng quá hạn", "Paused, overdue"),
}


@dataclass(frozen=True)
class StatusChange:
    """One entry of a dossier's status history: it entered ``status`` at ``at``."""

    at: datetime
    status: Status

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", to_vn(self.at))
        object.__setattr__(self, "status", Status(self.status))


@dataclass(frozen=True)
class Progress:
    """What the history says: finish time, the periods spent in supplement, number of supplement requests."""

    finished_at: datetime | None
    current: Status | None
    supplement_spans: tuple[tuple[datetime, datetime], ...]
    supplement_requests: int

    def due(self, due_at: datetime, working: WorkingTime) -> datetime:
        """``due_at`` pushed back by the office time of the supplement periods."""
        paused = sum((working.between(start, end) for start, end in self.supplement_spans), timedelta(0))
        return working.after(to_vn(due_at), paused)


def summarise(history: Sequence[StatusChange], now: datetime) -> Progress:
    """Walk the history (in time order) up to the first finishing status."""
    now = to_vn(now)
    changes = sorted(history, key=lambda c: c.at)
    finished_at: datetime | None = None
    supplement_since: datetime | None = None
    spans: list[tuple[datetime, datetime]] = []
    requests = 0
    current: Status | None = None
    for change in changes:
        if supplement_since is not None and change.status is not Status.SUPPLEMENT:
            spans.append((supplement_since, change.at))
            supplement_since = None
        if change.status is Status.SUPPLEMENT and current is not Status.SUPPLEMENT:
            requests += 1
            supplement_since = change.at
        current = change.status
        if change.status in FINISHING:
            finished_at = change.at
            break
    if supplement_since is not None:
        spans.append((supplement_since, now))
    return Progress(finished_at, current, tuple(spans), requests)


def classify(due_at: datetime | None, history: Sequence[StatusChange], now: datetime,
             working: WorkingTime) -> OnTimeClass | None:
    """The report class of a dossier at ``now``; None when it has no due date."""
    if due_at is None:
        return None
    progress = summarise(history, now)
    due = progress.due(due_at, working)
    late_by_rule = progress.supplement_requests > 1
    if progress.finished_at is not None:
        if late_by_rule or progress.finished_at > due:
            return OnTimeClass.FINISHED_LATE
        if progress.finished_at.date() < due.date():
            return OnTimeClass.FINISHED_EARLY
        return OnTimeClass.FINISHED_ON_TIME
    overdue = late_by_rule or to_vn(now) > due
    if progress.current in PAUSING:
        return OnTimeClass.PAUSED_OVERDUE if overdue else OnTimeClass.PAUSED_WITHIN
    return OnTimeClass.IN_PROGRESS_OVERDUE if overdue else OnTimeClass.IN_PROGRESS_WITHIN


def badge(due_at: datetime | None, now: datetime, finished: bool, finished_at: datetime | None = None) -> str:
    """The list badge: "late", "due_soon" (due within 24 hours), "on_time" or "none".

    A finished dossier has no urgency: "none", unless ``finished_at`` is given, then "on_time" or "late".
    """
    if due_at is None:
        return "none"
    due = to_vn(due_at)
    if finished:
        if finished_at is None:
            return "none"
        return "late" if to_vn(finished_at) > due else "on_time"
    current = to_vn(now)
    if current > due:
        return "late"
    if due - current <= DUE_SOON:
        return "due_soon"
    return "on_time"
