"""Schema step for slotless devices (issue 13 follow-up): a ticket kiosk or waiting-room screen holds no slot.

Dossier codes have one digit for the device slot, so an office has ten; its kiosk and screens never receive a
dossier and must not use one up. ``devices.slot`` becomes nullable (NULL: no slot; such a device may send no
dossier code). SQLite cannot drop a NOT NULL in place, so the table is rebuilt; nothing references it.
"""

from __future__ import annotations

SLOTLESS = {
    "sqlite": """
CREATE TABLE devices_v2 (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL REFERENCES offices(code),
    name TEXT NOT NULL,
    slot INTEGER CHECK (slot BETWEEN 0 AND 9),
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT,
    last_seen_at TEXT,
    role TEXT NOT NULL DEFAULT 'device'
);
INSERT INTO devices_v2 SELECT id, office_code, name, slot, token_hash, enrolled_at, revoked_at, last_seen_at, role
    FROM devices;
DROP TABLE devices;
ALTER TABLE devices_v2 RENAME TO devices;
CREATE UNIQUE INDEX devices_active_slot ON devices(office_code, slot) WHERE revoked_at IS NULL
""",
    "postgresql": "ALTER TABLE devices ALTER COLUMN slot DROP NOT NULL",
}
