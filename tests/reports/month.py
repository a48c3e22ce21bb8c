"""A generated month of work (November 2026, fixed seed) through the real services: tickets issued, called,
served or missed, dossiers received from them (counter and post), moved through their statuses, some asked
for supplements once or twice, some returned and rated, some left overdue.

Why the real services: the reports read what those services write (events, finished_at, ratings, queue
events), so the test data must be what the counter really produces, not rows shaped by the report's own idea.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.status import Status
from app.domain.timezone import VN_TZ
from app.services.accounts import create_user
from app.services.context import Actor
from app.services.queue import issue_ticket, link_ticket
from app.services.queue_calls import call_next, finish, no_show, recall
from app.services.receive import ReceiveInput, receive_dossier
from app.services.satisfaction import Rating, rate_dossier
from app.services.status_change import change_status

FIRST, LAST = date(2026, 11, 2), date(2026, 11, 30)
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=VN_TZ)
PROCEDURES = ("1.004873", "1.001022", "1.004837", "1.001193", "2.001035", "1.004884")
NAMES = ("Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà", "Đặng Văn Dũng", "Hoàng Thị Thu")
CLERKS = (Actor("lan", "Nguyễn Thị Lan", "clerk"), Actor("minh", "Trần Văn Minh", "clerk"))


def _path(rng: random.Random) -> list[Status]:
    """A plausible status path after reception."""
    s = Status
    return rng.choice([
        [],
        [s.PROCESSING],
        [s.PROCESSING, s.PROCESSED],
        [s.PROCESSING, s.PROCESSED, s.RETURNED],
        [s.PROCESSING, s.PROCESSED, s.RETURNED],
        [s.SUPPLEMENT, s.PROCESSING, s.PROCESSED, s.RETURNED],
        [s.SUPPLEMENT, s.PROCESSING, s.SUPPLEMENT, s.PROCESSING, s.PROCESSED],
        [s.PROCESSING, s.SUPPLEMENT],
        [s.NOT_RECEIVED],
        [s.PROCESSING, s.WITHDRAWN],
    ])


def generate(ctx: Any, seed: int = 2026) -> dict[str, int]:
    """Fill ``ctx``'s store with the month; returns a few totals for sanity checks."""
    rng = random.Random(seed)
    as_admin = replace(ctx, actor=Actor("admin", "Quản trị", "admin"))  # accounts are an admin's to make
    for clerk in CLERKS:
        create_user(as_admin, clerk.username, clerk.full_name, "clerk", "mat-khau-" + clerk.username)
    admin = ctx.actor
    received = 0
    day = FIRST
    while day <= LAST:
        if day.weekday() < 5:
            received += _day(ctx, rng, day)
        day += timedelta(days=1)
    ctx.actor = admin
    ctx.clock.current = NOW
    return {"received": received}


def _at(day: date, hour: float) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + timedelta(hours=hour)


def _day(ctx: Any, rng: random.Random, day: date) -> int:
    count = 0
    hour = 7.6
    for _ in range(rng.randint(4, 9)):
        hour += rng.uniform(0.1, 0.9)
        clerk = rng.choice(CLERKS)
        ctx.actor = clerk
        ctx.clock.current = _at(day, hour)
        letter = rng.choice("ABC")
        ticket = issue_ticket(ctx, letter, source="kiosk").ticket
        ctx.clock.advance(minutes=rng.randint(1, 25))
        call_next(ctx, 1)
        ctx.clock.advance(minutes=rng.randint(2, 12))
        if rng.random() < 0.15:
            recall(ctx, 1)
            recall(ctx, 1)
            no_show(ctx, 1)
            continue
        channel = "post" if rng.random() < 0.2 else "counter"
        inp = ReceiveInput(rng.choice(PROCEDURES), rng.choice(NAMES), f"0010850{rng.randint(10000, 99999)}",
                           phone=f"09{rng.randint(10000000, 99999999)}", address="Thôn Đông, xã Mẫu Sơn",
                           channel=channel)
        result = receive_dossier(ctx, inp)
        link_ticket(ctx, ticket.id, result.dossier["id"])
        finish(ctx, 1)
        count += 1
        moment = ctx.clock.current
        for target in _path(rng):
            moment = moment + timedelta(hours=rng.choice([1, 5, 20, 30, 50, 80]))
            if moment >= NOW:
                break
            ctx.clock.current = moment
            reason = "Thiếu giấy tờ" if target in (Status.SUPPLEMENT, Status.NOT_RECEIVED) else None
            change_status(ctx, result.code, target, reason)
            if target is Status.RETURNED and rng.random() < 0.7:
                level = rng.choice(["very_satisfied", "satisfied", "satisfied", "not_satisfied"])
                rate_dossier(ctx, result.code, Rating(level, "satisfied", {"attitude": rng.choice([0, 1, 2])}))
    return count
