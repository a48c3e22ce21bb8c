"""When a dossier's result is due: the appointment printed on the receipt (form 01).

Why: the due date-time is a legal promise to the citizen and the yardstick of the on-time statistics, so it
must be computed the same way everywhere, from the procedure's processing rule and the working-day calendar:

* Same-day procedures: received on a working day no later than the cut-off (15:00 for the catalogue's
  procedures) -> due that day at closing time; after the cut-off, after closing, or on a day off -> the next
  working day at closing time. A rule that has both ``same_day`` and ``working_days`` is treated as
  same-day.
* N working days: a dossier received outside office hours counts as received at the next opening; counting
  starts the next working day, and the result is due on the N-th working day at the (effective) clock time
  of receipt. N = 0 means due at closing time of the (effective) day of receipt.
* ``by_channel`` overrides ``working_days`` for a channel ("counter", "post", "online").
* No rule -> None (the office sets the appointment by hand).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from app.domain.calendar import WorkCalendar
from app.domain.errors import ValidationError
from app.domain.timezone import VN_TZ, to_vn

CHANNELS = ("counter", "post", "online")
DEFAULT_CUTOFF = time(15, 0)


class ChannelDays(Mapping[str, int]):
    """A read-only, hashable channel -> working days mapping (keeps ProcessingRule frozen and hashable)."""

    __slots__ = ("_days",)

    def __init__(self, days: Mapping[str, int] | Iterable[tuple[str, int]] = ()) -> None:
        pairs = days.items() if isinstance(days, Mapping) else days
        self._days = dict(sorted((str(k), whole_days(v)) for k, v in pairs))

    def __getitem__(self, channel: str) -> int:
        return self._days[channel]

    def __iter__(self) -> Iterator[str]:
        return iter(self._days)

    def __len__(self) -> int:
        return len(self._days)

    def __hash__(self) -> int:
        return hash(tuple(self._days.items()))

    def __repr__(self) -> str:
        return f"ChannelDays({self._days!r})"


@dataclass(frozen=True)
class ProcessingRule:
    """A procedure's legal processing time. ``by_channel`` takes any mapping (or pairs) and is kept frozen."""

    same_day: bool = False
    cutoff: time | None = None
    working_days: int | None = None
    by_channel: Mapping[str, int] = field(default_factory=ChannelDays)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_channel", ChannelDays(self.by_channel))
        if self.working_days is not None:
            object.__setattr__(self, "working_days", whole_days(self.working_days))
        if isinstance(self.cutoff, str):
            object.__setattr__(self, "cutoff", _parse_time(self.cutoff))
        for days in [self.working_days, *self.by_channel.values()]:
            if days is not None and not 0 <= days <= 365:
                raise ValidationError(
                    "procedure",
                    f"thời hạn giải quyết {days} ngày làm việc không hợp lệ (0–365).",
                    f"a processing time of {days} working days is invalid (0–365).",
                )

    @classmethod
    def from_catalog(cls, processing: Mapping[str, Any] | None) -> ProcessingRule:
        """The "processing" object of procedures.json (None or nulls -> no rule)."""
        if not processing:
            return cls()
        cutoff = processing.get("cutoff")
        return cls(
            same_day=bool(processing.get("same_day")),
            cutoff=_parse_time(cutoff) if cutoff else None,
            working_days=processing.get("working_days"),
            by_channel=dict(processing.get("by_channel_working_days") or {}),
        )

    @property
    def is_set(self) -> bool:
        """False when the catalogue gives no processing time at all."""
        return self.same_day or self.working_days is not None or bool(self.by_channel)

    def days_for(self, channel: str = "counter") -> int | None:
        """Working days for ``channel``: its override, else ``working_days`` (None when neither is set)."""
        return self.by_channel.get(channel, self.working_days)

    def describe(self, channel: str = "counter", lang: str = "vi") -> str:
        """Short text for the receipt's "legal processing time" line."""
        if self.same_day:
            cutoff = f"{(self.cutoff or DEFAULT_CUTOFF):%H:%M}"
            if lang == "en":
                return f"Same day (received after {cutoff}: next working day)"
            return f"Trong ngày (nhận sau {cutoff} trả vào ngày làm việc tiếp theo)"
        days = self.days_for(channel)
        if days is None:
            return "Not set" if lang == "en" else "Chưa quy định"
        return f"{days} working day(s)" if lang == "en" else f"{days} ngày làm việc"


@dataclass(frozen=True)
class OfficeHours:
    """The office's opening hours (a lunch break does not change due dates)."""

    open: time = time(7, 30)
    close: time = time(17, 0)


@dataclass(frozen=True)
class WorkingTime:
    """The office's working time: the working days of ``calendar``, from ``hours.open`` to ``hours.close``.

    Why: a pause for supplements stops the clock of a dossier's processing time (Decision 766), and that time is
    office time, as the due date is counted in working days at office hours: a pause from Friday 16:00 to Monday
    09:00 took two hours of it, not 65. Moving the due time by wall-clock hours pushed it past weekends and into
    the night ("due 01:05") and kept late dossiers "within time".
    """

    calendar: WorkCalendar
    hours: OfficeHours = OfficeHours()

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The office time from ``start`` to ``end`` (none when ``end`` is not later)."""
        start, end = to_vn(start), to_vn(end)
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            if self.calendar.is_working_day(day):
                low, high = max(start, _at(day, self.hours.open)), min(end, _at(day, self.hours.close))
                if high > low:
                    total += high - low
            day += timedelta(days=1)
        return total

    def after(self, moment: datetime, span: timedelta) -> datetime:
        """``moment`` moved on by ``span`` of office time (``moment`` itself when ``span`` is none)."""
        moment = to_vn(moment)
        if span <= timedelta(0):
            return moment
        day, cursor = moment.date(), moment
        while True:
            if self.calendar.is_working_day(day):
                start, close = max(cursor, _at(day, self.hours.open)), _at(day, self.hours.close)
                if start < close:
                    if span <= close - start:
                        return start + span
                    span -= close - start
            day += timedelta(days=1)
            cursor = _at(day, self.hours.open)


def due_at(
    received_at: datetime,
    rule: ProcessingRule | None,
    calendar: WorkCalendar,
    channel: str = "counter",
    hours: OfficeHours = OfficeHours(),
) -> datetime | None:
    """The due date-time (aware, Vietnam time) of a dossier received at ``received_at``; None if no rule."""
    if rule is None or not rule.is_set:
        return None
    if channel not in CHANNELS:
        raise ValidationError(
            "channel",
            f"kênh “{channel}” không hợp lệ (chỉ nhận {', '.join(CHANNELS)}).",
            f"unknown channel “{channel}” (expected one of {', '.join(CHANNELS)}).",
        )
    received = to_vn(received_at)
    day, clock = received.date(), received.time().replace(tzinfo=None)
    if rule.same_day:
        cutoff = min(rule.cutoff or DEFAULT_CUTOFF, hours.close)
        if not (calendar.is_working_day(day) and clock <= cutoff):
            day = calendar.next_working_day(day)
        return _at(day, hours.close)
    days = rule.days_for(channel)
    if days is None:
        return None
    if not calendar.is_working_day(day) or clock >= hours.close:
        day, clock = calendar.next_working_day(day), hours.open
    elif clock < hours.open:
        clock = hours.open
    clock = clock.replace(second=0, microsecond=0)
    if days == 0:
        return _at(day, hours.close)
    return _at(calendar.add_working_days(day, days), clock)


def whole_days(value: object) -> int:
    """A number of working days as the catalogue writes it (3, 3.0, "3"); ValidationError "procedure" for
    anything else: a fraction (0.5 day) is not truncated into a shorter deadline than the law's."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValidationError(
        "procedure",
        f"thời hạn giải quyết “{value}” phải là một số nguyên ngày làm việc.",
        f"a processing time of “{value}” must be a whole number of working days.",
    )


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=VN_TZ)


def _parse_time(text: str) -> time:
    try:
        hh, mm = str(text).strip().split(":")
        return time(int(hh), int(mm))
    except ValueError as exc:
        raise ValidationError(
            "procedure",
            f"giờ “{text}” phải có dạng HH:MM.",
            f"the time “{text}” must be of the form HH:MM.",
        ) from exc
