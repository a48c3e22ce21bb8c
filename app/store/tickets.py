"""Every SQL statement of the queue: services, counters, the day's number series, tickets and their events.

Writes must run inside the caller's transaction (the services own transactions). The fairness rule of
:mod:`app.domain.queue` is executed here as ``ORDER BY priority DESC, arrival_at, seq`` over an index, so a
call with hundreds waiting reads one row; the property tests check this order against the domain's.
"""

from __future__ import annotations

from typing import Any

from app.domain.queue import next_in_series
from app.store.db import Store
from app.store.jsonutil import dumps, loads

ORDER = "priority DESC, arrival_at, seq"

# Queue settings, declared once with their type and default (a missing row reads as the default).
SETTINGS: dict[str, tuple[type, Any]] = {
    "recalls_before_no_show": (int, 2),  # a no-show needs this many recalls; no recall after that
    "voice": (str, "clips"),  # display announcement: clips | tts | off
    "chime": (bool, True),
}


# -- settings --------------------------------------------------------------------------------------
def get_setting(store: Store, key: str) -> Any:
    kind, default = SETTINGS[key]
    raw = store.scalar("SELECT value FROM queue_settings WHERE key = ?", (key,))
    value = loads(raw, default)
    return value if isinstance(value, kind) else default


def set_setting(store: Store, key: str, value: Any) -> None:
    kind, _ = SETTINGS[key]
    if not isinstance(value, kind):
        raise TypeError(f"queue setting {key} expects {kind.__name__}, got {type(value).__name__}")
    store.conn.execute(
        "INSERT INTO queue_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, dumps(value)),
    )


# -- services and counters -------------------------------------------------------------------------
def list_services(store: Store, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    where = "" if include_inactive else "WHERE active = 1"
    return store.query(f"SELECT * FROM queue_services {where} ORDER BY position, letter")


def service(store: Store, letter: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM queue_services WHERE letter = ?", (letter,))


def save_service(
    store: Store, *, letter: str, name_vi: str, name_en: str, position: int, active: bool, at: str
) -> None:
    store.conn.execute(
        "INSERT INTO queue_services (letter, name_vi, name_en, position, active, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(letter) DO UPDATE SET name_vi = excluded.name_vi,"
        " name_en = excluded.name_en, position = excluded.position, active = excluded.active,"
        " updated_at = excluded.updated_at",
        (letter, name_vi, name_en, position, int(active), at),
    )


def next_position(store: Store) -> int:
    return int(store.scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM queue_services"))


def counter_letters(store: Store, counter: int) -> list[str]:
    """The active services ``counter`` calls, in display order."""
    rows = store.query(
        "SELECT s.letter FROM queue_counter_services cs JOIN queue_services s ON s.letter = cs.letter"
        " WHERE cs.counter = ? AND s.active = 1 ORDER BY s.position, s.letter",
        (counter,),
    )
    return [r["letter"] for r in rows]


def list_counters(store: Store) -> list[dict[str, Any]]:
    rows = store.query("SELECT counter, name FROM queue_counters ORDER BY counter")
    links = store.query(
        "SELECT cs.counter, cs.letter FROM queue_counter_services cs"
        " JOIN queue_services s ON s.letter = cs.letter ORDER BY s.position, s.letter"
    )
    for row in rows:
        row["letters"] = [link["letter"] for link in links if link["counter"] == row["counter"]]
    return rows


def save_counter(store: Store, counter: int, name: str, letters: list[str], at: str) -> None:
    store.conn.execute(
        "INSERT INTO queue_counters (counter, name, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(counter) DO UPDATE SET name = excluded.name,"
        " updated_at = excluded.updated_at",
        (counter, name, at),
    )
    store.conn.execute("DELETE FROM queue_counter_services WHERE counter = ?", (counter,))
    store.conn.executemany(
        "INSERT INTO queue_counter_services (counter, letter) VALUES (?, ?)",
        [(counter, letter) for letter in letters],
    )


def counters_serving(store: Store, letter: str) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM queue_counter_services WHERE letter = ?", (letter,)))


# -- numbering -------------------------------------------------------------------------------------
def take_number(store: Store, day: str, letter: str, prefix: str = "") -> int:
    """Move the day's series of ``letter`` forward and return the new number (inside the issuing transaction).

    The tickets themselves are read too, so a counter row lost to a hand-edited or partly restored file can
    never hand out a number that is already on paper. ``prefix`` (a device slot, while the hub is down) is a
    series of its own: "3A…" numbers sort between "3A" and "3B", apart from "A…".
    """
    series = prefix + letter
    last = store.scalar(
        "SELECT MAX(n) FROM (SELECT last_number AS n FROM queue_numbers WHERE day = ? AND letter = ?"
        " UNION ALL SELECT CAST(substr(number, ?) AS INTEGER) FROM queue_tickets"
        " WHERE day = ? AND number > ? AND number < ?)",  # the (day, number) index: this series' numbers
        (day, series, len(series) + 1, day, series, prefix + chr(ord(letter) + 1)),
    )
    number = next_in_series(last, letter)
    store.conn.execute(
        "INSERT INTO queue_numbers (day, letter, last_number) VALUES (?, ?, ?)"
        " ON CONFLICT(day, letter) DO UPDATE SET last_number = excluded.last_number",
        (day, series, number),
    )
    return number


# -- tickets ---------------------------------------------------------------------------------------
def insert_ticket(store: Store, row: dict[str, Any]) -> int:
    """Insert a ticket and return its ``seq`` (the FIFO tie-break)."""
    cols = ", ".join(row)
    cur = store.conn.execute(
        f"INSERT INTO queue_tickets ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )
    return int(cur.lastrowid or 0)


def update_ticket(store: Store, ticket_id: str, fields: dict[str, Any]) -> None:
    sets = ", ".join(f"{k} = ?" for k in fields)
    store.conn.execute(f"UPDATE queue_tickets SET {sets} WHERE id = ?", (*fields.values(), ticket_id))


def ticket(store: Store, ticket_id: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM queue_tickets WHERE id = ?", (ticket_id,))


def ticket_by_number(store: Store, day: str, number: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM queue_tickets WHERE day = ? AND number = ?", (day, number))


def _in(letters: list[str]) -> str:
    return ", ".join("?" * len(letters))


def next_waiting(store: Store, day: str, letters: list[str]) -> dict[str, Any] | None:
    """The ticket the fairness rule picks among ``letters``, read through the index (one row)."""
    if not letters:
        return None
    return store.query_one(
        f"SELECT * FROM queue_tickets WHERE day = ? AND state = 'waiting'"
        f" AND letter IN ({_in(letters)}) ORDER BY {ORDER} LIMIT 1",
        (day, *letters),
    )


def waiting(store: Store, day: str, letters: list[str] | None = None, limit: int = 2000) -> list[dict[str, Any]]:
    """Today's waiting tickets in calling order (all services, or only ``letters``)."""
    if letters is None:
        return store.query(
            f"SELECT * FROM queue_tickets WHERE day = ? AND state = 'waiting' ORDER BY {ORDER} LIMIT ?",
            (day, limit),
        )
    if not letters:
        return []
    return store.query(
        f"SELECT * FROM queue_tickets WHERE day = ? AND state = 'waiting'"
        f" AND letter IN ({_in(letters)}) ORDER BY {ORDER} LIMIT ?",
        (day, *letters, limit),
    )


def count_ahead(store: Store, day: str, row: dict[str, Any]) -> int:
    """Waiting tickets of the same service that the fairness rule calls before ``row``."""
    return int(
        store.scalar(
            "SELECT COUNT(*) FROM queue_tickets WHERE day = ? AND state = 'waiting' AND letter = ? AND id <> ?"
            " AND (priority > ? OR (priority = ? AND (arrival_at < ? OR (arrival_at = ? AND seq < ?))))",
            (
                day,
                row["letter"],
                row["id"],
                row["priority"],
                row["priority"],
                row["arrival_at"],
                row["arrival_at"],
                row["seq"],
            ),
        )
    )


def waiting_counts(store: Store, day: str) -> dict[str, int]:
    rows = store.query(
        "SELECT letter, COUNT(*) AS n FROM queue_tickets WHERE day = ? AND state = 'waiting' GROUP BY letter",
        (day,),
    )
    return {r["letter"]: r["n"] for r in rows}


def at_counter(store: Store, day: str, counter: int) -> dict[str, Any] | None:
    """The ticket being served at ``counter`` (called and not yet closed)."""
    return store.query_one(
        "SELECT * FROM queue_tickets WHERE day = ? AND counter = ? AND state = 'called'"
        " ORDER BY called_at DESC LIMIT 1",
        (day, counter),
    )


def serving(store: Store, day: str) -> list[dict[str, Any]]:
    """Every counter's current ticket, by counter."""
    return store.query("SELECT * FROM queue_tickets WHERE day = ? AND state = 'called' ORDER BY counter", (day,))


def open_before(store: Store, day: str) -> list[dict[str, Any]]:
    """Tickets of earlier days still waiting or called (through the partial index)."""
    return store.query("SELECT * FROM queue_tickets WHERE day < ? AND state IN ('waiting', 'called')", (day,))


def avg_service_seconds(store: Store, letter: str, since_day: str) -> float | None:
    value = store.scalar(
        "SELECT AVG(service_seconds) FROM queue_tickets WHERE letter = ? AND day >= ?"
        " AND state = 'served' AND service_seconds > 0",
        (letter, since_day),
    )
    return float(value) if value is not None else None


def link_dossier(store: Store, ticket_id: str, dossier_id: str, at: str) -> None:
    store.conn.execute(
        "INSERT INTO queue_ticket_dossiers (dossier_id, ticket_id, linked_at) VALUES (?, ?, ?)",
        (dossier_id, ticket_id, at),
    )


def dossier_ticket(store: Store, dossier_id: str) -> str | None:
    return store.scalar("SELECT ticket_id FROM queue_ticket_dossiers WHERE dossier_id = ?", (dossier_id,))


def dossier_exists(store: Store, dossier_id: str) -> bool:
    return store.scalar("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)) is not None


# -- events ----------------------------------------------------------------------------------------
def add_event(store: Store, row: dict[str, Any]) -> None:
    row = {**row, "data": dumps(row.get("data") or {})}
    cols = ", ".join(row)
    store.conn.execute(f"INSERT INTO queue_events ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


def last_event_seq(store: Store) -> int:
    return int(store.scalar("SELECT COALESCE(MAX(seq), 0) FROM queue_events"))


def calls_since(store: Store, seq: int, day: str) -> list[dict[str, Any]]:
    """Today's calls and recalls after event ``seq``, oldest first: what the display must announce."""
    return store.query(
        "SELECT * FROM queue_events WHERE seq > ? AND day = ? AND kind IN ('called', 'recalled') ORDER BY seq",
        (seq, day),
    )


def last_calls(store: Store, day: str, limit: int) -> list[dict[str, Any]]:
    return store.query(
        "SELECT * FROM queue_events WHERE day = ? AND kind IN ('called', 'recalled') ORDER BY seq DESC LIMIT ?",
        (day, limit),
    )


def events_between(store: Store, first_day: str, last_day: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM queue_events WHERE day BETWEEN ? AND ? ORDER BY seq", (first_day, last_day))


def handed_over_between(store: Store, first_day: str, last_day: str) -> dict[str, int]:
    """Service letter (the one it was issued for) -> tickets handed over to the office hub in the days."""
    rows = store.query(
        "SELECT origin_letter AS letter, COUNT(*) AS n FROM queue_tickets WHERE day BETWEEN ? AND ?"
        " AND state = 'handed_over' GROUP BY origin_letter",
        (first_day, last_day),
    )
    return {r["letter"]: r["n"] for r in rows}


def tickets_between(store: Store, first_day: str, last_day: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM queue_tickets WHERE day BETWEEN ? AND ? ORDER BY seq", (first_day, last_day))
