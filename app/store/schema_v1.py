"""Schema version 1: the tables the foundation needs.

Plain SQL on purpose: the schema is the contract with older stores, so it is written down once and never
generated. Later versions add numbered modules; they never edit this one.
"""

SCHEMA_V1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    sector_vi TEXT NOT NULL DEFAULT '',
    name_fold TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL,           -- the catalogue record as JSON (processing, fee, documents, sources)
    fee_amount_vnd INTEGER,         -- office/central override of a province-set fee; NULL = not set
    active INTEGER NOT NULL DEFAULT 1,
    use_count INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE dossiers (
    seq INTEGER PRIMARY KEY,            -- stable local row id (list model, search index rowid)
    id TEXT NOT NULL UNIQUE,            -- UUIDv7 made on the device: the identity everywhere else
    code TEXT NOT NULL UNIQUE,
    office_code TEXT NOT NULL,
    procedure_code TEXT NOT NULL REFERENCES procedures(code),
    procedure_name TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    sex TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('counter', 'online', 'post')),
    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    received_at TEXT NOT NULL,
    received_day TEXT NOT NULL,          -- YYYY-MM-DD, local (for the daily list)
    due_at TEXT,
    finished_at TEXT,
    returned_at TEXT,
    fee_vnd INTEGER,
    pages INTEGER,
    copies INTEGER NOT NULL DEFAULT 1,
    sets INTEGER NOT NULL DEFAULT 1,
    supplement_count INTEGER NOT NULL DEFAULT 0,
    received_by TEXT NOT NULL DEFAULT '',
    device_slot INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'remote')),
    notes TEXT NOT NULL DEFAULT '',
    satisfaction TEXT,                   -- JSON
    updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_received ON dossiers(received_day, status);
CREATE INDEX dossiers_status_due ON dossiers(status, due_at);
CREATE INDEX dossiers_procedure ON dossiers(procedure_code);

CREATE TABLE dossier_documents (
    id INTEGER PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    originals INTEGER NOT NULL DEFAULT 0,
    certified_copies INTEGER NOT NULL DEFAULT 0,
    photocopies INTEGER NOT NULL DEFAULT 0,
    pages INTEGER
);
CREATE INDEX dossier_documents_dossier ON dossier_documents(dossier_id);

CREATE TABLE dossier_events (
    id TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    kind TEXT NOT NULL,                  -- received, status, supplement_received, ...
    from_status INTEGER,
    to_status INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, at);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,                -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,             -- send order
    id TEXT NOT NULL UNIQUE,             -- event UUID, the idempotency key on the server
    kind TEXT NOT NULL,                  -- dossier.received, dossier.status_changed, ...
    aggregate_id TEXT NOT NULL,
    payload TEXT NOT NULL,               -- canonical JSON
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    acked_at TEXT,
    reject_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_state ON outbox(state, seq);

CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                  -- JSON
);

CREATE TABLE daily_counters (
    unit_code TEXT NOT NULL,
    day TEXT NOT NULL,
    slot INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (unit_code, day, slot)
);

CREATE VIRTUAL TABLE dossier_search USING fts5(
    code, applicant, id_number, phone, procedure,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3'
);
"""
