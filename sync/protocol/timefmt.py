"""The protocol's one timestamp format: UTC, ISO 8601, milliseconds, ``Z``.

Fixed width on purpose, so that the server can compare stored timestamps as text on SQLite and PostgreSQL
alike, and so that a device in UTC+7 and the server agree on which status came last.
"""

from __future__ import annotations

from datetime import UTC, datetime


def format_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the protocol needs an offset")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def utc_now() -> str:
    return format_utc(datetime.now(UTC))


def parse_time(text: str) -> datetime:
    """Any ISO 8601 date-time with an offset (``Z`` included); raises ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return moment


def normalise(text: str) -> str:
    """The same moment in the protocol's fixed-width UTC form."""
    return format_utc(parse_time(text))
