"""Generic bounds on any JSON value and on timestamps: the part of validation that is not about one field.

Why: a value one end can store but the other cannot (a fee of 10²⁰, a payload nested 5,000 deep, a lone
surrogate, a NUL that PostgreSQL refuses, a year-0001 time) must be refused where it enters, with the path of
the offending value, instead of failing later on another machine. The limits come from
:class:`~sync.protocol.constants.Limits` so that the server and the device apply the same numbers.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta
from typing import Any

from sync.protocol.constants import Limits
from sync.protocol.timefmt import parse_time

# C0/C1 controls (terminal escapes included) other than tab/newline/CR, DEL, and lone surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Invalid(Exception):
    """One value is refused: ``error`` is the machine code, ``message`` names the field and the reason."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


def fail(field: str, reason: str) -> Invalid:
    return Invalid("invalid_field", f"{field}: {reason}")


def check_string(value: str, field: str, limits: Limits, max_len: int | None = None) -> None:
    bound = limits.max_text if max_len is None else max_len
    if len(value) > bound:
        raise fail(field, f"longer than {bound} characters")
    bad = _BAD_CHARS.search(value)
    if bad:
        raise fail(field, f"contains the control or invalid character U+{ord(bad.group()):04X}")


def check_tree(value: Any, field: str, limits: Limits, depth: int = 1) -> None:
    """Every value inside ``value``: bounded depth, keys, list length, text, numbers; JSON types only."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        check_string(value, field, limits)
    elif isinstance(value, int):
        if abs(value) > limits.max_int:
            raise fail(field, "integer beyond ±2^53")
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > limits.max_int:
            raise fail(field, "number out of range")
    elif isinstance(value, dict | list):
        if depth > limits.max_depth:
            raise fail(field, f"nested deeper than {limits.max_depth} levels")
        if isinstance(value, dict):
            if len(value) > limits.max_keys:
                raise fail(field, f"more than {limits.max_keys} keys")
            for key, item in value.items():
                if not isinstance(key, str):
                    raise fail(field, "keys must be strings")
                check_string(key, f"{field}.<key>", limits, 64)
                check_tree(item, f"{field}.{key}", limits, depth + 1)
        else:
            if len(value) > limits.max_list:
                raise fail(field, f"more than {limits.max_list} items")
            for i, item in enumerate(value):
                check_tree(item, f"{field}[{i}]", limits, depth + 1)
    else:
        raise fail(field, f"{type(value).__name__} is not a JSON value")


def check_size(value: Any, field: str, limits: Limits) -> None:
    size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    if size > limits.max_payload_bytes:
        raise fail(field, f"{size} bytes of JSON, at most {limits.max_payload_bytes}")


def check_time(value: Any, field: str, now: datetime, back_days: int, ahead_days: int) -> datetime:
    """A timestamp with an offset, inside [now − back_days, now + ahead_days]; returns it in UTC."""
    try:
        moment = parse_time(value)
    except ValueError:
        raise fail(field, "must be an ISO 8601 date-time with a UTC offset, like 2025-07-01T08:00:00+07:00") from None
    if moment < now - timedelta(days=back_days) or moment > now + timedelta(days=ahead_days):
        raise fail(field, f"{value} is impossible: too far from the receiver's clock ({now:%Y-%m-%d})")
    return moment
