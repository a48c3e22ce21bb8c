"""The office queue on the hub across midnight: the counter's current ticket, and closing earlier days.

Why its own module: numbers restart each day, so every read of the queue looks at today; but a citizen called
at 23:59 is still at the desk at 00:05, and the hub kept yesterday's tickets left open for good (waiting
tickets no one would call again, called ones never finished). The rules are the PC's own store's
(``app/services/queue.py:close_earlier_days``, the domain's ``carried_over`` and ``closed_state``): a counter's
ticket called before midnight stays its current one for the domain's ``CARRY_OVER``; earlier days' other open
tickets are closed (waiting: ``expired``; called: ``served``) at the first write of the queue on a new day and
when the hub starts serving. As on a PC, the close writes no protocol event (nothing happened at a desk).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sync.protocol.timefmt import parse_time
from sync.server import queue_store as qs
from sync.server.db import Database, Tx
from sync.server.queue_rules import QueueRules

DAY_CLOSED = "days_closed_before"  # queue option: the day whose earlier days are all closed (nothing carried over)
OFFICE_OFFSET = timedelta(hours=7)  # Vietnam time, no daylight saving: the office's calendar day


def office_date(moment: datetime) -> date:
    """The office's calendar day of a UTC ``moment``: the day the queue's series and tickets are counted in."""
    return (moment + OFFICE_OFFSET).date()


def office_day(now: str) -> str:
    return office_date(parse_time(now)).isoformat()


def serving_at(rules: QueueRules, tx: Tx, office: str, now: str, counter: int) -> dict[str, Any] | None:
    """The ticket being served at ``counter``: today's, or one called before midnight and carried over."""
    today = office_date(parse_time(now))
    row = qs.at_counter(tx, office, today.isoformat(), counter)
    if row is None:
        row = qs.at_counter(tx, office, (today - timedelta(days=1)).isoformat(), counter)
        if row is not None and not rules.carried_over(parse_time(row["called_at"]), parse_time(now)):
            return None
    return row


def close_earlier_days(rules: QueueRules, tx: Tx, office: str, now: str) -> int:
    """Close what earlier days left open (but a ticket still carried over); how many were closed. Reads the
    earlier days only once a day: the day is remembered when nothing was left carried over."""
    today = office_date(parse_time(now)).isoformat()
    if qs.option(tx, office, DAY_CLOSED, "") == today:
        return 0
    moment, closed, carried = parse_time(now), 0, False
    for row in qs.open_before(tx, office, today):
        if row["state"] == "called" and rules.carried_over(parse_time(row["called_at"]), moment):
            carried = True
            continue
        qs.update_ticket(tx, row["id"], {"state": rules.closed_state(row["state"]), "updated_at": now})
        closed += 1
    if not carried:
        qs.set_option(tx, office, DAY_CLOSED, today)
    return closed


def close_at_start(rules: QueueRules, database: Database, now: str) -> None:
    """At serve start: every office's earlier days closed (a hub switched off overnight starts clean)."""
    try:
        rules.check_queue_clock(office_date(parse_time(now)), hub=True)
    except rules.ValidationError:
        return  # a reset clock: no day is known to be over (the queue's writes say so)
    with database.transaction() as tx:
        for office in tx.all("SELECT DISTINCT office_code FROM queue_tickets"):
            close_earlier_days(rules, tx, office["office_code"], now)
