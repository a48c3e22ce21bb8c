"""Every SQL statement of the hub's office queue (tables in :mod:`sync.server.queue_schema`).

Writes run inside the caller's transaction (one per action, opened by the route); nothing here decides who
is called next: :mod:`sync.server.queue_actions` hands the waiting tickets to the domain's own rule. The
waiting order is the domain's ``order_key`` written as SQL (priority first, then arrival, then seq), so a call
reads only each service's first ticket (:func:`heads`) and a new ticket's place is counted, not listed
(:func:`count_before`): the hub's answer does not grow with the length of the day's queue.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sync.protocol.timefmt import format_utc, parse_time
from sync.server.db import Tx

TICKET_COLUMNS = (
    "id, office_code, day, number, letter, priority_group, priority, state, source, device_id, issued_at,"
    " arrival_at, queued_at, updated_at"
)
KEEP_ANSWERS = timedelta(days=2)  # a write's answer, for a retry after it was lost on the LAN


# -- configuration ---------------------------------------------------------------------------------------------
def services(tx: Tx, office: str, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    where = "" if include_inactive else " AND active = 1"
    return tx.all(
        f"SELECT letter, name_vi, name_en, position, active FROM queue_services WHERE office_code = ?{where}"
        " ORDER BY position, letter",
        (office,),
    )


def save_service(tx: Tx, office: str, letter: str, name_vi: str, name_en: str, position: int, active: bool) -> None:
    tx.execute(
        "INSERT INTO queue_services (office_code, letter, name_vi, name_en, position, active)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (office_code, letter) DO UPDATE SET name_vi = excluded.name_vi,"
        " name_en = excluded.name_en, position = excluded.position, active = excluded.active",
        (office, letter, name_vi, name_en, position, int(active)),
    )


def counters(tx: Tx, office: str) -> list[dict[str, Any]]:
    rows = tx.all("SELECT counter, name, letters FROM queue_counters WHERE office_code = ? ORDER BY counter", (office,))
    return [{**r, "letters": [x for x in r["letters"].split(",") if x]} for r in rows]


def save_counter(tx: Tx, office: str, counter: int, name: str, letters: list[str]) -> None:
    tx.execute(
        "INSERT INTO queue_counters (office_code, counter, name, letters) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (office_code, counter) DO UPDATE SET name = excluded.name, letters = excluded.letters",
        (office, counter, name, ",".join(letters)),
    )


def counter_letters(tx: Tx, office: str, counter: int) -> list[str]:
    row = tx.one("SELECT letters FROM queue_counters WHERE office_code = ? AND counter = ?", (office, counter))
    active = {s["letter"] for s in services(tx, office)}
    return [x for x in (row["letters"].split(",") if row else []) if x in active]


def option(tx: Tx, office: str, key: str, default: Any) -> Any:
    raw = tx.scalar("SELECT value FROM queue_options WHERE office_code = ? AND key = ?", (office, key))
    return default if raw is None else json.loads(raw)


def set_option(tx: Tx, office: str, key: str, value: Any) -> None:
    tx.execute(
        "INSERT INTO queue_options (office_code, key, value) VALUES (?, ?, ?)"
        " ON CONFLICT (office_code, key) DO UPDATE SET value = excluded.value",
        (office, key, json.dumps(value)),
    )


# -- numbers and tickets ---------------------------------------------------------------------------------------
def last_number(tx: Tx, office: str, day: str, letter: str) -> int | None:
    """The day's last number of ``letter``, from the series row and from the tickets themselves (a lost series
    row can never hand out a number already on paper)."""
    return tx.scalar(
        "SELECT MAX(n) FROM (SELECT last_number AS n FROM queue_numbers WHERE office_code = ? AND day = ?"
        " AND letter = ? UNION ALL SELECT CAST(substr(number, 2) AS INTEGER) FROM queue_tickets"
        " WHERE office_code = ? AND day = ? AND substr(number, 1, 1) = ?) AS numbers",
        (office, day, letter, office, day, letter),
    )


def set_last_number(tx: Tx, office: str, day: str, letter: str, number: int) -> None:
    tx.execute(
        "INSERT INTO queue_numbers (office_code, day, letter, last_number) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (office_code, day, letter) DO UPDATE SET last_number = excluded.last_number",
        (office, day, letter, number),
    )


def insert_ticket(tx: Tx, row: dict[str, Any]) -> int:
    cols = ", ".join(row)
    tx.execute(f"INSERT INTO queue_tickets ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    return int(tx.scalar("SELECT seq FROM queue_tickets WHERE id = ?", (row["id"],)))


def update_ticket(tx: Tx, ticket_id: str, fields: dict[str, Any]) -> None:
    sets = ", ".join(f"{k} = ?" for k in fields)
    tx.execute(f"UPDATE queue_tickets SET {sets} WHERE id = ?", (*fields.values(), ticket_id))


def ticket(tx: Tx, office: str, ticket_id: str) -> dict[str, Any] | None:
    return tx.one("SELECT * FROM queue_tickets WHERE office_code = ? AND id = ?", (office, ticket_id))


def by_number(tx: Tx, office: str, day: str, number: str) -> dict[str, Any] | None:
    return tx.one("SELECT * FROM queue_tickets WHERE office_code = ? AND day = ? AND number = ?", (office, day, number))


def waiting(
    tx: Tx, office: str, day: str, letters: list[str] | None = None, columns: str = "*"
) -> list[dict[str, Any]]:
    """Today's waiting tickets (of ``letters``, or all) in the domain's calling order; ``columns`` narrows the
    read when only the fairness rule's fields are needed."""
    if letters is not None and not letters:
        return []
    where = "" if letters is None else f" AND letter IN ({', '.join('?' * len(letters))})"
    return tx.all(
        f"SELECT {columns} FROM queue_tickets WHERE office_code = ? AND day = ? AND state = 'waiting'{where}"
        " ORDER BY priority DESC, arrival_at, seq",
        (office, day, *(letters or ())),
    )


def heads(tx: Tx, office: str, day: str, letters: list[str], columns: str) -> list[dict[str, Any]]:
    """The first waiting ticket of each of ``letters`` in the calling order of :func:`waiting`: the domain's
    ``pick_next`` over these few picks what it would pick over all of them (within a letter the SQL order is
    its ``order_key``), without reading the whole day's queue into Python on every call."""
    one = (
        f"SELECT * FROM (SELECT {columns} FROM queue_tickets WHERE office_code = ? AND day = ? AND state = 'waiting'"
        " AND letter = ? ORDER BY priority DESC, arrival_at, seq LIMIT 1) AS h"
    )
    if not letters:
        return []
    return tx.all(" UNION ALL ".join([one] * len(letters)), [v for x in letters for v in (office, day, x)])


def count_before(
    tx: Tx, office: str, day: str, ticket: Any, order_key: Callable[[Any], tuple[int, str, int]]
) -> int:
    """The domain's ``count_ahead`` counted by the database: waiting tickets of ``ticket``'s service whose
    ``order_key`` (priority first, arrival, seq; the order of :func:`waiting`) is below the ticket's."""
    first, arrival, seq = order_key(ticket)
    return int(
        tx.scalar(
            "SELECT COUNT(*) AS n FROM queue_tickets WHERE office_code = ? AND day = ? AND state = 'waiting'"
            " AND letter = ? AND id <> ? AND (1 - priority, arrival_at, seq) < (?, ?, ?)",
            (office, day, ticket.letter, ticket.ticket_id, first, arrival, seq),
        )
        or 0
    )


def at_counter(tx: Tx, office: str, day: str, counter: int) -> dict[str, Any] | None:
    return tx.one(
        "SELECT * FROM queue_tickets WHERE office_code = ? AND day = ? AND counter = ? AND state = 'called'"
        " ORDER BY called_at DESC LIMIT 1",
        (office, day, counter),
    )


def open_before(tx: Tx, office: str, day: str) -> list[dict[str, Any]]:
    """Tickets of earlier days still waiting or called: what the day's close looks at (once a day)."""
    return tx.all(
        "SELECT * FROM queue_tickets WHERE office_code = ? AND day < ? AND state IN ('waiting', 'called')",
        (office, day),
    )


def serving(tx: Tx, office: str, day: str) -> list[dict[str, Any]]:
    return tx.all(
        "SELECT counter, number FROM queue_tickets WHERE office_code = ? AND day = ? AND state = 'called'"
        " ORDER BY counter",
        (office, day),
    )


def waiting_counts(tx: Tx, office: str, day: str) -> dict[str, int]:
    rows = tx.all(
        "SELECT letter, COUNT(*) AS n FROM queue_tickets WHERE office_code = ? AND day = ? AND state = 'waiting'"
        " GROUP BY letter",
        (office, day),
    )
    return {r["letter"]: int(r["n"]) for r in rows}


# -- the log the screens follow, and request answers -----------------------------------------------------------
def log(tx: Tx, office: str, event_id: str, kind: str, row: dict[str, Any], counter: int | None, at: str) -> None:
    tx.execute(
        "INSERT INTO queue_log (office_code, event_id, kind, ticket_id, number, counter, day, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (office, event_id, kind, row["id"], row["number"], counter, row["day"], at),
    )


def calls_after(tx: Tx, office: str, day: str, seq: int, limit: int = 50) -> list[dict[str, Any]]:
    return tx.all(
        "SELECT seq, kind, number, counter, at FROM queue_log WHERE office_code = ? AND seq > ? AND day = ?"
        " AND kind IN ('queue.called', 'queue.recalled') ORDER BY seq LIMIT ?",
        (office, seq, day, limit),
    )


def last_calls(tx: Tx, office: str, day: str, limit: int) -> list[dict[str, Any]]:
    return tx.all(
        "SELECT seq, kind, number, counter, at FROM queue_log WHERE office_code = ? AND day = ?"
        " AND kind IN ('queue.called', 'queue.recalled') ORDER BY seq DESC LIMIT ?",
        (office, day, limit),
    )


def last_seq(tx: Tx, office: str) -> int:
    return int(tx.scalar("SELECT COALESCE(MAX(seq), 0) AS s FROM queue_log WHERE office_code = ?", (office,)) or 0)


def answered(tx: Tx, office: str, request_id: str) -> dict[str, Any] | None:
    raw = tx.scalar("SELECT answer FROM queue_requests WHERE office_code = ? AND request_id = ?", (office, request_id))
    return None if raw is None else json.loads(raw)


def remember(tx: Tx, office: str, request_id: str, answer: dict[str, Any], at: str) -> None:
    """Keep ``answer`` for a retry of ``request_id``, and forget answers older than ``KEEP_ANSWERS`` (a retry comes
    within seconds; kept for ever, the answers grew the hub's database and each of its daily backups by about a
    third of the queue's own size)."""
    tx.execute(
        "INSERT INTO queue_requests (office_code, request_id, answer, at) VALUES (?, ?, ?, ?)",
        (office, request_id, json.dumps(answer, ensure_ascii=False), at),
    )
    tx.execute("DELETE FROM queue_requests WHERE at < ?", (format_utc(parse_time(at) - KEEP_ANSWERS),))
