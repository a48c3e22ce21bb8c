"""Schema version 2: queue tickets, the services they are for, the counters that call them, and their events.

Why these tables: a number must never be issued twice in a day, even after a crash, so the day's series
of each service lives in ``queue_numbers`` and moves inside the issuing transaction (``UNIQUE (day, number)``
is the last line of defence). The waiting queue is rows, not memory, so a restart in the middle of the
morning keeps it. ``queue_events`` is append-only and carries the waiting and service times for statistics.
Written as a list of statements (not one script) because ``executescript`` would commit the migration's
transaction half-way.
"""

from __future__ import annotations

from app.domain.queue import DEFAULT_SERVICES
from app.domain.timezone import now_vn
from app.store.driver import Connection

SCHEMA_V2: tuple[str, ...] = (
    """CREATE TABLE queue_services (
        letter TEXT PRIMARY KEY CHECK (length(letter) = 1 AND letter BETWEEN 'A' AND 'Z'),
        name_vi TEXT NOT NULL,
        name_en TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE queue_counters (
        counter INTEGER PRIMARY KEY CHECK (counter BETWEEN 1 AND 99),
        name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE queue_counter_services (
        counter INTEGER NOT NULL REFERENCES queue_counters(counter) ON DELETE CASCADE,
        letter TEXT NOT NULL REFERENCES queue_services(letter),
        PRIMARY KEY (counter, letter)
    )""",
    """CREATE TABLE queue_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL                     -- JSON
    )""",
    """CREATE TABLE queue_numbers (
        day TEXT NOT NULL,
        letter TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (day, letter)
    )""",
    """CREATE TABLE queue_tickets (
        seq INTEGER PRIMARY KEY,                -- issue order on this device, the FIFO tie-break
        id TEXT NOT NULL UNIQUE,                -- UUIDv7
        day TEXT NOT NULL,                      -- YYYY-MM-DD, Vietnam time
        number TEXT NOT NULL,                   -- "A012" as printed; kept when transferred
        origin_letter TEXT NOT NULL,
        letter TEXT NOT NULL REFERENCES queue_services(letter),  -- the service it waits for now
        priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
        priority_group TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'served', 'no_show', 'expired')),
        source TEXT NOT NULL DEFAULT 'counter',   -- kiosk, counter, cli
        issued_at TEXT NOT NULL,
        arrival_at TEXT NOT NULL,               -- place in the queue; a transfer keeps it
        queued_at TEXT NOT NULL,                -- joined this service's line (issue, transfer)
        called_at TEXT,                         -- last call (recalls do not move it)
        counter INTEGER,
        clerk TEXT NOT NULL DEFAULT '',
        recalls INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0,
        first_called_at TEXT,
        finished_at TEXT,
        wait_seconds INTEGER,                   -- arrival to first call
        service_seconds INTEGER,                -- summed over every counter that served it
        updated_at TEXT NOT NULL,
        UNIQUE (day, number)
    )""",
    "CREATE INDEX queue_tickets_waiting ON queue_tickets(day, state, letter, priority DESC, arrival_at, seq)",
    "CREATE INDEX queue_tickets_counter ON queue_tickets(day, counter, state)",
    # Tickets left open when a day ends; partial, so closing them stays cheap however long the history grows.
    "CREATE INDEX queue_tickets_open ON queue_tickets(day) WHERE state IN ('waiting', 'called')",
    """CREATE TABLE queue_ticket_dossiers (
        dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),   -- a dossier comes from at most one ticket
        ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
        linked_at TEXT NOT NULL
    )""",
    "CREATE INDEX queue_ticket_dossiers_ticket ON queue_ticket_dossiers(ticket_id)",
    """CREATE TABLE queue_events (
        seq INTEGER PRIMARY KEY,                -- the change feed the waiting-room display polls
        id TEXT NOT NULL UNIQUE,
        ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('issued', 'called', 'recalled', 'served', 'no_show', 'transferred',
                                           'linked', 'expired')),
        number TEXT NOT NULL,
        letter TEXT NOT NULL,                   -- the service at the time of the event
        counter INTEGER,
        clerk TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        wait_seconds INTEGER,                   -- on 'called': since arrival (or since the transfer)
        service_seconds INTEGER,                -- on 'served' / 'transferred' / 'no_show': since the call
        data TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX queue_events_day ON queue_events(day, kind)",
    "CREATE INDEX queue_events_ticket ON queue_events(ticket_id)",
    """CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON queue_events
    BEGIN SELECT RAISE(ABORT, 'queue_events is append-only'); END""",
    """CREATE TRIGGER queue_events_no_delete BEFORE DELETE ON queue_events
    BEGIN SELECT RAISE(ABORT, 'queue_events is append-only'); END""",
)


def migrate_v2(conn: Connection) -> None:
    """Create the queue tables and give a new office its default services, all served at counter 1, so a
    one-desk commune can issue and call tickets without configuring anything."""
    for statement in SCHEMA_V2:
        conn.execute(statement)
    stamp = now_vn().isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO queue_services (letter, name_vi, name_en, position, updated_at) VALUES (?, ?, ?, ?, ?)",
        [(letter, vi, en, i, stamp) for i, (letter, vi, en) in enumerate(DEFAULT_SERVICES)],
    )
    conn.execute("INSERT INTO queue_counters (counter, name, updated_at) VALUES (1, '', ?)", (stamp,))
    conn.executemany(
        "INSERT INTO queue_counter_services (counter, letter) VALUES (1, ?)",
        [(letter,) for letter, _, _ in DEFAULT_SERVICES],
    )
