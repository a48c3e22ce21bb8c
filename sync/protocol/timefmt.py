"""The protocol's one timestamp format: UTC, ISO 8601, milliseconds, ``Z``.

Fixed width on purpose, so that the server can compare stored timestamps as text on SQLite and PostgreSQL
alike, and so that a device in UTC+7 and the server agree on which status came last. Parsing is strict (the
extended ISO form only: ``2025-07-01T08:00:00+07:00``) and never raises anything but ValueError, whatever the
text: a year-0001 time at +14:00 does not fit in UTC and is refused, not a crash.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# Extended format with seconds and an offset; the basic form (20250701T080000+0700) is refused.
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$", re.ASCII)


def format_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the protocol needs an offset")
    # isoformat, not strftime: a fifth of the time (a push formats a few dozen), and four-digit years always.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def utc_now() -> str:
    return format_utc(datetime.now(UTC))


def parse_time(text: str) -> datetime:
    """An ISO 8601 extended date-time with an offset (``Z`` included), in UTC; raises ValueError otherwise."""
    if not isinstance(text, str) or not ISO_RE.match(text):
        raise ValueError(f"{text!r} is not an ISO 8601 date-time with a UTC offset")
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a representable moment") from None


def normalise(text: str) -> str:
    """The same moment in the protocol's fixed-width UTC form."""
    return format_utc(parse_time(text))
