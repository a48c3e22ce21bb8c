"""Supervisor settings of the queue: the services (letter and name), which counters call which services,
and how many recalls come before a no-show.

Only a supervisor (or admin) changes them: a clerk re-assigning counters in the middle of a morning would
silently strand the citizens waiting for a service. A service is never deleted, only deactivated, because
its letter is printed on tickets and named in past statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain import queue as rules
from app.domain.errors import ValidationError
from app.domain.text import clean_text
from app.services.audited import audited
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.roles import require_role
from app.store import tickets

VOICES = rules.VOICES


def _supervisor(ctx: ServiceContext) -> None:
    require_role(ctx.actor, "supervisor", "thay đổi cấu hình hàng đợi", "change the queue set-up")


def list_services(ctx: ServiceContext, include_inactive: bool = False) -> list[dict[str, Any]]:
    rows = tickets.list_services(ctx.store, include_inactive=include_inactive)
    return [
        {
            "letter": r["letter"],
            "name": r["name_vi"],
            "name_en": r["name_en"],
            "active": bool(r["active"]),
            "position": r["position"],
        }
        for r in rows
    ]


def save_service(
    ctx: ServiceContext, letter: str, name: str, name_en: str = "", *, active: bool = True, position: int | None = None
) -> Changes:
    """Add a service or rename / (de)activate an existing one."""
    _supervisor(ctx)
    code = rules.validate_letter(letter)
    name_vi = rules.validate_service_name(name)
    existing = tickets.service(ctx.store, code)
    detail = {"name": name_vi, "active": active, "new": existing is None}
    with audited(ctx, "queue.service_save", "queue", code, detail) as stamp:
        if position is None:
            position = existing["position"] if existing else tickets.next_position(ctx.store)
        tickets.save_service(
            ctx.store,
            letter=code,
            name_vi=name_vi,
            name_en=clean_text(name_en),
            position=position,
            active=active,
            at=stamp,
        )
    return Changes(queue=True)


def list_counters(ctx: ServiceContext) -> list[dict[str, Any]]:
    return tickets.list_counters(ctx.store)


def set_counter(ctx: ServiceContext, counter: int, letters: list[str], name: str = "") -> Changes:
    """Say which services ``counter`` calls (an empty list: the counter calls nobody)."""
    _supervisor(ctx)
    rules.validate_counter(counter)
    codes = list(dict.fromkeys(rules.validate_letter(x) for x in letters))
    for code in codes:
        row = tickets.service(ctx.store, code)
        if row is None or not row["active"]:
            raise ValidationError("service", f"không có dịch vụ “{code}”", f"there is no service “{code}”")
    with audited(ctx, "queue.counter_save", "queue", str(counter), {"letters": codes}) as stamp:
        tickets.save_counter(ctx.store, counter, clean_text(name), codes, stamp)
    return Changes(queue=True)


def get_settings(ctx: ServiceContext) -> dict[str, Any]:
    return {key: tickets.get_setting(ctx.store, key) for key in tickets.SETTINGS}


def set_options(
    ctx: ServiceContext,
    *,
    recalls_before_no_show: int | None = None,
    voice: str | None = None,
    chime: bool | None = None,
) -> Changes:
    """Change the queue options given (others stay): recalls before a no-show (0–10), the display's voice
    ("clips", "tts" or "off") and whether a chime comes first."""
    _supervisor(ctx)
    values = rules.queue_options(recalls_before_no_show, voice, chime)
    if not values:
        return Changes()
    with audited(ctx, "queue.settings", "queue", "options", values):
        for key, value in values.items():
            tickets.set_setting(ctx.store, key, value)
    return Changes(queue=True)


@dataclass(frozen=True)
class QueueSetup:
    """Everything the supervisor's queue set-up screen edits, saved together."""

    services: tuple[tuple[str, str, bool], ...]  # (letter, name, active), in display order
    counters: dict[int, tuple[str, ...]] = field(default_factory=dict)  # counter -> letters it calls
    options: dict[str, Any] = field(default_factory=dict)  # keyword arguments of set_options


def apply_setup(ctx: ServiceContext, setup: QueueSetup) -> Changes:
    """Save services, then counters, then options in ONE transaction: a mistake anywhere keeps the old set-up
    whole (a counter is never left pointing at a service that failed to save)."""
    _supervisor(ctx)
    with ctx.store.transaction():
        for position, (letter, name, active) in enumerate(setup.services):
            current = tickets.service(ctx.store, rules.validate_letter(letter))
            if current is None or (current["name_vi"], bool(current["active"]), current["position"]) != (
                rules.validate_service_name(name),
                active,
                position,
            ):
                save_service(ctx, letter, name, current["name_en"] if current else "", active=active, position=position)
        switched_off = {letter.strip().upper() for letter, _name, active in setup.services if not active}
        for counter, letters in sorted(setup.counters.items()):
            calls = [x for x in letters if x.strip().upper() not in switched_off]  # off: nobody calls it
            if set(tickets.counter_letters(ctx.store, counter)) != set(calls):
                set_counter(ctx, counter, calls)
        set_options(ctx, **setup.options)
    return Changes(queue=True)
