"""The device's side of "validation at the edge": checks one pulled change before it is applied.

The server already refuses bad events, but a feed can still carry what this device cannot hold (an older
server, another implementation, a back-office import). The device runs the same rules here, and a change that
fails them is kept aside with its reason for the supervisor while the feed goes on: one record never blocks
an office's sync again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sync.protocol.bounds import Invalid, check_size, check_time, check_tree, fail
from sync.protocol.constants import (
    CHANGE_CALENDAR,
    CHANGE_CATALOG,
    CHANGE_DOSSIER,
    CHANGE_DOSSIER_STATUS,
    DEFAULT_LIMITS,
    STATUS_MAX,
    STATUS_MIN,
    Limits,
)
from sync.protocol.validation import Context, Problem, _dossier_received, _int, _text, check_code


def _dossier(key: str, data: dict[str, Any], ctx: Context) -> None:
    _dossier_received(data, key, Context(str(data.get("office_code") or ""), ctx.now, ctx.limits))
    if ctx.office_code and data.get("office_code") != ctx.office_code:
        raise Invalid("office_mismatch", f"office_code: {data.get('office_code')} is not this device's office")


def _status(key: str, data: dict[str, Any], ctx: Context) -> None:
    if data.get("dossier_id") != key:
        raise fail("dossier_id", "must equal the change's key")
    check_code(data.get("code"))
    _int(data, "status", STATUS_MIN, STATUS_MAX)
    _int(data, "from_status", STATUS_MIN, STATUS_MAX, optional=True)
    _text(data, "reason", ctx, max_len=2000)
    _text(data, "actor", ctx, max_len=120)
    _text(data, "event_id", ctx, max_len=64)  # optional: a server before it sends none
    ctx.window(data.get("at"), "at")


def _catalog(key: str, data: dict[str, Any], ctx: Context) -> None:
    if _text(data, "code", ctx, required=True, max_len=64) != key:
        raise fail("code", "must equal the change's key")
    _text(data, "name_vi", ctx, required=True, max_len=1000)


def check_change(
    kind: str, key: str, data: Any, at: str, office_code: str, now: datetime, limits: Limits = DEFAULT_LIMITS
) -> Problem | None:
    """The first problem of one pulled change, or None. Unknown kinds pass (a newer server): the store skips
    them. ``now`` is the server's clock as the device knows it (its own corrected by the measured offset)."""
    ctx = Context(office_code, now, limits)
    try:
        check_tree(key, "key", limits)
        check_time(at, "at", now, limits.past_days, limits.future_days)
        if not isinstance(data, dict):
            raise fail("data", "must be an object")
        # The calendar is one document for years ahead: deeper and longer than an event, still bounded.
        deep = limits if kind != CHANGE_CALENDAR else Limits(max_depth=6, max_keys=400, max_list=400)
        check_tree(data, "data", deep)
        check_size(data, "data", deep)
        if kind == CHANGE_DOSSIER:
            _dossier(key, data, ctx)
        elif kind == CHANGE_DOSSIER_STATUS:
            _status(key, data, ctx)
        elif kind == CHANGE_CATALOG:
            _catalog(key, data, ctx)
    except Invalid as exc:
        return Problem(exc.error, exc.message)
    return None
