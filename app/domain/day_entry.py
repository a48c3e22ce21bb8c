"""One special day of the working-day calendar: a holiday, a day off in lieu, a swap, a make-up Saturday.

Why a module of its own: both the calendar (``calendar.py``) and the Labour Code rules that fill years the
government has not announced yet (``holidays.py``) build these entries, and the JSON shape of one entry (the
format of ``resources/data/holidays.json``) must be read and written in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.errors import ValidationError
from app.domain.text import odd_character

ANNOUNCED = "announced"
PROVISIONAL = "provisional"
BY_HAND = "supervisor"  # the source of a day a supervisor marked by hand: a statement about that day alone
IN_FORCE_PREFIX = "in_force"  # e.g. "in_force_from_2026": set by law for every year, nothing left to announce
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class DayKind(StrEnum):
    """What the day is; every kind but MAKEUP_WORKDAY is a day off."""

    HOLIDAY = "holiday"
    COMPENSATORY = "compensatory"
    SWAPPED_OFF = "swapped_off"
    MAKEUP_WORKDAY = "makeup_workday"

    @property
    def is_off(self) -> bool:
        return self is not DayKind.MAKEUP_WORKDAY


@dataclass(frozen=True)
class CalendarEntry:
    """A calendar day that is not an ordinary Monday–Friday working day or Saturday/Sunday rest day.

    ``provisional`` is the flag the UI shows: True for days not (yet) officially announced. ``status`` keeps
    the source's finer wording ("announced", "legal_fixed_date", "arrangement_not_found", "provisional", ...);
    it is kept consistent with ``provisional`` (an entry that is not provisional is "announced" or in force
    by law, "in_force_…").
    """

    day: date
    kind: DayKind
    name_vi: str
    provisional: bool = False
    status: str = ""
    source: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DayKind(self.kind))
        object.__setattr__(self, "source", tuple(self.source))
        if not self.provisional:
            if not is_in_force(self.status):
                object.__setattr__(self, "status", ANNOUNCED)
        elif self.status in ("", ANNOUNCED):
            object.__setattr__(self, "status", PROVISIONAL)

    @property
    def is_off(self) -> bool:
        """True when nobody works that day."""
        return self.kind.is_off

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> CalendarEntry:
        """One entry of a year list in holidays.json; ValidationError field "calendar" when malformed."""
        if not isinstance(record, dict):
            raise _bad("mục không phải một đối tượng JSON.", "the entry is not an object.")
        try:
            day = date.fromisoformat(str(record["date"]))
        except (KeyError, ValueError) as exc:
            shown = _shown(record.get("date"))
            raise _bad(
                f"ngày “{shown}” thiếu hoặc không phải ngày có thật dạng YYYY-MM-DD.",
                f"date “{shown}” is missing or not a real date in YYYY-MM-DD form.",
            ) from exc
        try:
            kind = DayKind(str(record.get("kind")))
        except ValueError as exc:
            kinds = ", ".join(k.value for k in DayKind)
            raise _bad(
                f"ngày {day}: loại ngày “{record.get('kind')}” không hợp lệ (chỉ nhận {kinds}).",
                f"{day}: unknown day kind “{record.get('kind')}” (expected one of {kinds}).",
            ) from exc
        status = _text(record, "status", day) or ANNOUNCED
        source = record.get("source") or []
        if isinstance(source, str):
            source = [source]
        if not isinstance(source, list) or not all(isinstance(s, str) and len(s) <= _MAX_TEXT for s in source):
            raise _bad(f"ngày {day}: “source” phải là danh sách văn bản.", f"{day}: “source” must be a list of text.")
        for text in source:
            _refuse_odd(text, "source", day)
        return cls(
            day=day,
            kind=kind,
            name_vi=_text(record, "name_vi", day),
            provisional=not is_in_force(status),
            status=status,
            source=tuple(source),
            note=_text(record, "note", day),
        )

    def to_json(self) -> dict[str, Any]:
        """The holidays.json form of this entry (``from_json`` reads it back unchanged)."""
        out: dict[str, Any] = {
            "date": self.day.isoformat(),
            "weekday": WEEKDAY_ABBR[self.day.weekday()],
            "name_vi": self.name_vi,
            "kind": self.kind.value,
            "source": list(self.source),
            "status": self.status,
        }
        if self.note:
            out["note"] = self.note
        return out


def is_in_force(status: str) -> bool:
    """True for a status that needs no announcement: announced, or fixed by law for every year."""
    return status == ANNOUNCED or status.startswith(IN_FORCE_PREFIX)


_MAX_TEXT = 1000


def _shown(value: object) -> str:
    """A bad value as a message can show it: short, on one line."""
    text = "" if value is None else str(value)
    return (text[:40] + "…") if len(text) > 40 else text


def _refuse_odd(text: str, key: str, day: date) -> None:
    point = odd_character(text)  # invisible or misleading in a day's name printed on a receipt
    if point:
        raise _bad(
            f"ngày {day}: “{key}” có ký tự điều khiển hoặc vô hình {point}.",
            f"{day}: “{key}” holds the control or invisible character {point}.",
        )


def _text(record: dict[str, Any], key: str, day: date) -> str:
    """A text field of an entry: absent or null reads as empty; a number, list or object is refused."""
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise _bad(
            f"ngày {day}: “{key}” phải là văn bản (tối đa {_MAX_TEXT} ký tự).",
            f"{day}: “{key}” must be text (at most {_MAX_TEXT} characters).",
        )
    _refuse_odd(value, key, day)
    return value


def _bad(reason_vi: str, reason_en: str) -> ValidationError:
    return ValidationError("calendar", reason_vi, reason_en)
