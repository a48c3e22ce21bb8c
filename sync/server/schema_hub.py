"""Schema step for the office hub (issue 13): device roles, and the hub's record of what it forwarded upstream.

A province marks one enrolment code as a *hub* code; the device enrolled with it is the office's hub, which
numbers nothing itself but forwards the dossiers of every slot of its office (it checks slots at its own edge).
On the hub's own database, ``hub_forwarded`` is the outbox cursor of the forwarder: one row per event id the
province answered, so a hub killed mid-push resends only what has no answer (the province's idempotency does
the rest), and ``hub_state`` keeps the upstream feed cursor. Both tables stay empty on a province's server.
"""

from __future__ import annotations

HUB = """
ALTER TABLE enrollment_codes ADD COLUMN role TEXT NOT NULL DEFAULT 'device';
ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'device';
CREATE TABLE hub_forwarded (
    office_code TEXT NOT NULL,
    event_id TEXT NOT NULL,
    forwarded_at TEXT NOT NULL,
    result TEXT NOT NULL,                -- the province's answer: accepted | rejected | conflict
    error TEXT,
    message TEXT,
    PRIMARY KEY (office_code, event_id)
);
CREATE TABLE hub_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""
