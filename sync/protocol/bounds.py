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


class _Bad(Exception):
    """A bound broken somewhere inside a tree; the path is built on the way out (only when it fails)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path: list[str] = []


def _walk(value: Any, limits: Limits, depth: int) -> None:
    kind = type(value)
    if kind is str:
        if len(value) > limits.max_text or _BAD_CHARS.search(value):
            try:
                check_string(value, "", limits)
            except Invalid as exc:
                raise _Bad(exc.message[2:]) from None
    elif kind is int:
        if not -limits.max_int <= value <= limits.max_int:
            raise _Bad("integer beyond ±2^53")
    elif kind is float:
        if not math.isfinite(value) or abs(value) > limits.max_int:
            raise _Bad("number out of range")
    elif kind is dict or kind is list:
        if depth > limits.max_depth:
            raise _Bad(f"nested deeper than {limits.max_depth} levels")
        if kind is dict:
            if len(value) > limits.max_keys:
                raise _Bad(f"more than {limits.max_keys} keys")
            for key, item in value.items():
                if type(key) is not str or len(key) > 64 or _BAD_CHARS.search(key):
                    bad = _Bad("keys must be strings of at most 64 printable characters")
                    bad.path.append(".<key>")
                    raise bad
                try:
                    _walk(item, limits, depth + 1)
                except _Bad as exc:
                    exc.path.append(f".{key}")
                    raise
        else:
            if len(value) > limits.max_list:
                raise _Bad(f"more than {limits.max_list} items")
            for i, item in enumerate(value):
                try:
                    _walk(item, limits, depth + 1)
                except _Bad as exc:
                    exc.path.append(f"[{i}]")
                    raise
    elif value is not None and kind is not bool:
        raise _Bad(f"{kind.__name__} is not a JSON value")


def _fits(value: dict[Any, Any] | list[Any], limits: Limits, depth: int) -> bool:
    """Whether every bound holds inside a container, without naming what breaks one: a quick first pass that
    checks each container's texts (and keys) in one regex search and one ``max`` instead of a call per value.
    A push's ten payloads spent a third of their validation in :func:`_walk`; it now runs only to name the
    offending path of a payload this pass refused."""
    if depth > limits.max_depth:
        return False
    if type(value) is dict:
        if len(value) > limits.max_keys:
            return False
        try:
            keys = "".join(value)  # TypeError: a key that is not text
        except TypeError:
            return False
        if value and (max(map(len, value)) > 64 or _BAD_CHARS.search(keys)):
            return False
        children: Any = value.values()
    else:
        if len(value) > limits.max_list:
            return False
        children = value
    texts = []
    for item in children:
        kind = type(item)
        if kind is str:
            texts.append(item)
        elif kind is int:
            if not -limits.max_int <= item <= limits.max_int:
                return False
        elif kind is dict or kind is list:
            if not _fits(item, limits, depth + 1):
                return False
        elif kind is float:
            if not math.isfinite(item) or abs(item) > limits.max_int:
                return False
        elif item is not None and kind is not bool:
            return False
    return not texts or (max(map(len, texts)) <= limits.max_text and not _BAD_CHARS.search("".join(texts)))


def check_tree(value: Any, field: str, limits: Limits, depth: int = 1) -> None:
    """Every value inside ``value``: bounded depth, keys, list length, text, numbers; JSON types only."""
    if type(value) in (dict, list) and _fits(value, limits, depth):
        return
    try:
        _walk(value, limits, depth)
    except _Bad as exc:
        raise fail(field + "".join(reversed(exc.path)), exc.reason) from None


def check_size(value: Any, field: str, limits: Limits, size: int | None = None) -> None:
    """At most ``limits.max_payload_bytes`` of compact UTF-8 JSON (``size``: that length, when already known)."""
    if size is None:
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
