"""The office queue's tables on a server that hosts it (the office hub): an appended migration step.

Why on the server: tickets issued at the kiosk PC are called at counter PCs and shown on the screen PC, so
the queue must live in one place all of them reach; the hub's SQLite, written in one ``BEGIN IMMEDIATE``
transaction per action, gives one order and one number series. Everything is keyed by office, so a central
server that hosts no queue carries only empty tables. ``queue_log.seq`` never reuses a number: the
waiting-room screens resume their stream after it. ``queue_requests`` keeps the answer of every write by its
request id, so a retried call (answer lost on the LAN) never calls a second citizen.
"""

from __future__ import annotations

QUEUE_V1 = """
CREATE TABLE queue_services (
    office_code TEXT NOT NULL,
    letter TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (office_code, letter)
);
CREATE TABLE queue_counters (
    office_code TEXT NOT NULL,
    counter INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    letters TEXT NOT NULL DEFAULT '',    -- the services it calls, "A,B"
    PRIMARY KEY (office_code, counter)
);
CREATE TABLE queue_options (
    office_code TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,                 -- JSON
    PRIMARY KEY (office_code, key)
);
CREATE TABLE queue_numbers (
    office_code TEXT NOT NULL,
    day TEXT NOT NULL,
    letter TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (office_code, day, letter)
);
CREATE TABLE queue_tickets (
    seq {serial},
    id TEXT NOT NULL UNIQUE,
    office_code TEXT NOT NULL,
    day TEXT NOT NULL,                   -- the office's calendar day (Vietnam time)
    number TEXT NOT NULL,
    letter TEXT NOT NULL,
    priority_group TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL,                 -- waiting | called | served | no_show
    source TEXT NOT NULL DEFAULT '',
    device_id TEXT,                      -- the device that issued it
    issued_at TEXT NOT NULL,             -- the hub's clock, UTC: it orders the queue
    arrival_at TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    called_at TEXT,
    first_called_at TEXT,
    finished_at TEXT,
    counter INTEGER,
    clerk TEXT NOT NULL DEFAULT '',
    recalls INTEGER NOT NULL DEFAULT 0,
    transfers INTEGER NOT NULL DEFAULT 0,
    wait_seconds INTEGER,
    service_seconds INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (office_code, day, number)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets(office_code, day, state, letter);
CREATE TABLE queue_log (
    seq {serial},
    office_code TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    number TEXT NOT NULL,
    counter INTEGER,
    day TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX queue_log_office ON queue_log(office_code, seq);
CREATE TABLE queue_requests (
    office_code TEXT NOT NULL,
    request_id TEXT NOT NULL,
    answer TEXT NOT NULL,                -- the JSON answered the first time
    at TEXT NOT NULL,
    PRIMARY KEY (office_code, request_id)
)
"""
