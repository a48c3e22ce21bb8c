"""Schema step: the scanned pages of each dossier document, one PDF per document, and its upload progress.

One row per (dossier, document row of the checklist). ``sha256`` names the current PDF in ``app.store.blobs``;
an edit (pages added, rotated, reordered, deleted) points the row at a new file in the same transaction that
records the edit and resets the upload. ``uploaded_bytes`` is what the central server confirmed it holds of that
file, so an interrupted upload continues from there.
"""

from __future__ import annotations

import sqlite3

_STATEMENTS = (
    """CREATE TABLE attachments (
    id TEXT PRIMARY KEY,                 -- UUIDv7; the central server knows the document by this id
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    document_position INTEGER NOT NULL,  -- 1-based row of the checklist (dossier_documents.position)
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL CHECK (pages > 0),
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    updated_at TEXT NOT NULL,
    upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'done')),
    uploaded_bytes INTEGER NOT NULL DEFAULT 0,
    uploaded_at TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    UNIQUE (dossier_id, document_position)
)""",
    "CREATE INDEX attachments_pending ON attachments(upload_state, updated_at)",
)


def migrate_attachments(conn: sqlite3.Connection) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
