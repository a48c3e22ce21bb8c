"""The central database schema and its numbered migrations (the same tables on SQLite and PostgreSQL).

Timestamps are stored as fixed-width UTC text (:mod:`sync.protocol.timefmt`), so comparisons are plain text
comparisons on both engines. ``changes.seq`` never reuses a number (AUTOINCREMENT / IDENTITY): the pull cursor
relies on it.
"""

from __future__ import annotations

from collections.abc import Callable

from sync.server.db import POSTGRES, Database, Tx
from sync.server.queue_schema import QUEUE_V1
from sync.server.schema_hub import HUB
from sync.server.schema_origin import ORIGIN
from sync.server.schema_push import migrate_push
from sync.server.schema_slotless import SLOTLESS

_SERIAL = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}

V1 = """
CREATE TABLE offices (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY,          -- sha256 of the code: the code itself is shown once, never stored
    office_code TEXT NOT NULL REFERENCES offices(code),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL REFERENCES offices(code),
    name TEXT NOT NULL,
    slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 9),
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    last_seen_at TEXT
);
CREATE UNIQUE INDEX devices_active_slot ON devices(office_code, slot) WHERE revoked_at IS NULL;
CREATE TABLE events (
    id TEXT PRIMARY KEY,                 -- the device's event UUID: the idempotency key
    device_id TEXT,                      -- NULL for back-office events
    office_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    result TEXT NOT NULL,                -- accepted | rejected: the answer given, repeated for a replay
    error TEXT,
    message TEXT
);
CREATE INDEX events_aggregate ON events(aggregate_id);
CREATE TABLE dossiers (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    office_code TEXT NOT NULL REFERENCES offices(code),
    device_id TEXT,
    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    status_at TEXT NOT NULL,             -- when the current status was set (UTC): a later one wins
    status_reason TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,                  -- the dossier as received (JSON)
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_office ON dossiers(office_code, received_at);
CREATE TABLE changes (
    seq {serial},
    office_code TEXT,                    -- NULL: for every office (catalogue, calendar)
    origin_device TEXT,                  -- the device that caused it does not get it back
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX changes_office ON changes(office_code, seq);
CREATE INDEX changes_key ON changes(kind, key);
"""

# Revision 2 (docs/sync-protocol.md): slots are held, not just taken (a revoked device's slot is not given to
# another device while codes numbered in it may still arrive); audit anchors per device; a tiebreak for equal
# status times; events and dossiers keyed per office, so an id of one office says nothing to another.
V2_COMMON = """
CREATE TABLE slot_holds (
    office_code TEXT NOT NULL,
    slot INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    since TEXT NOT NULL,
    until TEXT,                          -- NULL: held now, else free again SLOT_QUARANTINE_HOURS after this
    PRIMARY KEY (office_code, slot, device_id, since)
);
INSERT INTO slot_holds (office_code, slot, device_id, since, until)
    SELECT office_code, slot, id, enrolled_at, revoked_at FROM devices;
CREATE TABLE anchors (
    device_id TEXT NOT NULL,
    office_code TEXT NOT NULL,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)         -- the first hash seen for a seq stays: a rewrite cannot replace it
);
ALTER TABLE dossiers ADD COLUMN status_event TEXT NOT NULL DEFAULT '';
"""
_EVENTS_V2 = """
CREATE TABLE events_v2 (
    id TEXT NOT NULL,
    device_id TEXT,
    office_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    result TEXT NOT NULL,
    error TEXT,
    message TEXT,
    PRIMARY KEY (office_code, id)
);
INSERT INTO events_v2 SELECT id, device_id, office_code, kind, aggregate_id, body_hash, payload, created_at,
    received_at, result, error, message FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_aggregate ON events(aggregate_id);
CREATE TABLE dossiers_v2 (
    id TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    office_code TEXT NOT NULL REFERENCES offices(code),
    device_id TEXT,
    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    status_at TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status_event TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (office_code, id)
);
INSERT INTO dossiers_v2 SELECT id, code, office_code, device_id, status, status_at, status_reason, data,
    received_at, updated_at, status_event FROM dossiers;
DROP TABLE dossiers;
ALTER TABLE dossiers_v2 RENAME TO dossiers;
CREATE INDEX dossiers_office ON dossiers(office_code, received_at);
"""
V2 = {
    "sqlite": V2_COMMON + _EVENTS_V2,
    "postgresql": V2_COMMON
    + """
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (office_code, id);
ALTER TABLE dossiers DROP CONSTRAINT dossiers_pkey;
ALTER TABLE dossiers ADD PRIMARY KEY (office_code, id);
""",
}

# appended steps: never reorder
# A step is DDL text (the same for both engines, or one per engine) or a function that runs in the migration's
# transaction (when what it does depends on the server: schema_push.py).
Step = str | dict[str, str] | Callable[[Tx], None]
MIGRATIONS: tuple[Step, ...] = (V1, V2, HUB, QUEUE_V1, SLOTLESS, ORIGIN, migrate_push)


def _statements(ddl: str | dict[str, str], dialect: str) -> list[str]:
    text = (ddl if isinstance(ddl, str) else ddl[dialect]).replace("{serial}", _SERIAL[dialect])
    return [s.strip() for s in text.split(";") if s.strip()]


def current_version(tx: Tx) -> int:
    tx.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    value = tx.scalar("SELECT value FROM meta WHERE key = 'schema_version'")
    return int(value) if value is not None else 0


class NewerSchemaError(RuntimeError):
    """The database was made by a newer MotCua: this one would write rows without the columns it does not know
    (after a downgrade, or a hub's folder copied from a newer PC), so it does not serve it."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"made by a newer MotCua (schema {found}; this version knows {known}): update the software")
        self.found, self.known = found, known


def migrate(db: Database) -> int:
    """Bring the schema up to date; safe to run from several workers at once. Returns the version."""
    with db.transaction() as tx:
        if db.dialect == POSTGRES:
            tx.execute("SELECT pg_advisory_xact_lock(7240001)")  # serialise concurrent migrations
        version = current_version(tx)
        if version > len(MIGRATIONS):
            raise NewerSchemaError(version, len(MIGRATIONS))
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            if callable(step):
                step(tx)
            else:
                for statement in _statements(step, db.dialect):
                    tx.execute(statement)
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(number),),
            )
        return len(MIGRATIONS)
