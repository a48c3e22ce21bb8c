"""The central server's attachment tables: the last complete PDF of each dossier document, the upload in progress
(chunks kept as rows until the file is whole), and the OCR result. The only SQL for attachments on the server.

Bytes live in the database (BLOB on SQLite, BYTEA on PostgreSQL) so that the server's one backup covers them and
no second storage path has to be configured; the files are small (≈150 KB a page).
"""

from __future__ import annotations

import hashlib
from typing import Any

from sync.server.db import POSTGRES, Database, Tx

_DDL = (
    """CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL,
    device_id TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    document_position INTEGER NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',          -- the complete file ('' until the first upload completes)
    bytes INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    content {blob},
    completed_at TEXT,
    upload_sha256 TEXT NOT NULL DEFAULT '',   -- the file being received
    upload_bytes INTEGER NOT NULL DEFAULT 0,
    upload_pages INTEGER NOT NULL DEFAULT 0,
    upload_received INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    ocr_state TEXT NOT NULL DEFAULT '',        -- '' | pending | running | done | failed | unavailable
    ocr_text TEXT NOT NULL DEFAULT '',
    ocr_pdf {blob},
    ocr_error TEXT NOT NULL DEFAULT ''
)""",
    "CREATE INDEX IF NOT EXISTS attachments_office ON attachments(office_code, dossier_id)",
    "CREATE INDEX IF NOT EXISTS attachments_ocr ON attachments(ocr_state)",
    """CREATE TABLE IF NOT EXISTS attachment_chunks (
    attachment_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    data {blob} NOT NULL,
    PRIMARY KEY (attachment_id, sha256, start)
)""",
)
LIST_COLUMNS = (
    "a.id, a.office_code, a.dossier_id, d.code AS dossier_code, a.document_position, a.sha256, a.bytes, a.pages,"
    " a.completed_at, a.upload_sha256, a.upload_bytes, a.upload_received, a.updated_at, a.ocr_state, a.device_id"
)


def ensure_schema(db: Database) -> None:
    blob = "BYTEA" if db.dialect == POSTGRES else "BLOB"
    with db.transaction() as tx:
        if db.dialect == POSTGRES:
            tx.execute("SELECT pg_advisory_xact_lock(7240015)")
        for statement in _DDL:
            tx.execute(statement.replace("{blob}", blob))


def dossier_office(tx: Tx, dossier_id: str) -> str | None:
    return tx.scalar("SELECT office_code FROM dossiers WHERE id = ?", (dossier_id,))


def get(tx: Tx, attachment_id: str, lock: bool = False) -> dict[str, Any] | None:
    return tx.one(f"SELECT * FROM attachments WHERE id = ?{tx.for_update if lock else ''}", (attachment_id,))


def offer(
    tx: Tx, row: dict[str, Any] | None, attachment_id: str, device: Any, o: Any, now: str, scanned_by: str = ""
) -> dict[str, Any]:
    """Record that the device wants to send file ``o.sha256`` (``scanned_by``: the device of a hub's office that
    scanned it, recorded instead of the hub); returns the row as it now is."""
    if row is None:
        tx.execute(
            "INSERT INTO attachments (id, office_code, device_id, dossier_id, document_position, upload_sha256,"
            " upload_bytes, upload_pages, upload_received, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                attachment_id,
                device.office_code,
                scanned_by or device.id,
                o.dossier_id,
                o.document_position,
                o.sha256,
                o.bytes,
                o.pages,
                now,
            ),
        )
    elif row["sha256"] != o.sha256 and row["upload_sha256"] != o.sha256:
        tx.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (attachment_id,))
        tx.execute(
            "UPDATE attachments SET upload_sha256 = ?, upload_bytes = ?, upload_pages = ?, upload_received = 0,"
            " document_position = ?, updated_at = ?, device_id = ? WHERE id = ?",
            (o.sha256, o.bytes, o.pages, o.document_position, now, scanned_by or device.id, attachment_id),
        )
    fresh = get(tx, attachment_id)
    assert fresh is not None
    return fresh


def append_chunk(tx: Tx, attachment_id: str, sha256: str, start: int, data: bytes, now: str) -> int:
    tx.execute(
        "INSERT INTO attachment_chunks (attachment_id, sha256, start, data) VALUES (?, ?, ?, ?)",
        (attachment_id, sha256, start, data),
    )
    received = start + len(data)
    tx.execute(
        "UPDATE attachments SET upload_received = ?, updated_at = ? WHERE id = ?", (received, now, attachment_id)
    )
    return received


def complete(tx: Tx, row: dict[str, Any], now: str) -> bool:
    """Join the chunks; keep the file only if its hash is the one offered. Returns True when kept."""
    chunks = tx.all(
        "SELECT data FROM attachment_chunks WHERE attachment_id = ? AND sha256 = ? ORDER BY start",
        (row["id"], row["upload_sha256"]),
    )
    content = b"".join(bytes(c["data"]) for c in chunks)
    tx.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (row["id"],))
    if hashlib.sha256(content).hexdigest() != row["upload_sha256"] or len(content) != row["upload_bytes"]:
        tx.execute("UPDATE attachments SET upload_received = 0, updated_at = ? WHERE id = ?", (now, row["id"]))
        return False
    tx.execute(
        "UPDATE attachments SET sha256 = upload_sha256, bytes = upload_bytes, pages = upload_pages, content = ?,"
        " completed_at = ?, upload_sha256 = '', upload_bytes = 0, upload_pages = 0, upload_received = 0,"
        " updated_at = ?, ocr_state = 'pending', ocr_text = '', ocr_pdf = NULL, ocr_error = '' WHERE id = ?",
        (content, now, now, row["id"]),
    )
    return True


def list_for_office(tx: Tx, office_code: str) -> list[dict[str, Any]]:
    return tx.all(
        f"SELECT {LIST_COLUMNS} FROM attachments a LEFT JOIN dossiers d ON d.id = a.dossier_id"
        " WHERE a.office_code = ? ORDER BY d.code, a.document_position",
        (office_code,),
    )


def content(tx: Tx, attachment_id: str) -> dict[str, Any] | None:
    return tx.one(
        "SELECT id, sha256, content, ocr_pdf, ocr_text, ocr_state FROM attachments WHERE id = ?", (attachment_id,)
    )


def claim_ocr(tx: Tx) -> dict[str, Any] | None:
    """Take one attachment waiting for OCR (marks it running so another worker does not take it too)."""
    row = tx.one(f"SELECT id, sha256, content FROM attachments WHERE ocr_state = 'pending' LIMIT 1{tx.for_update}")
    if row is not None:
        tx.execute(
            "UPDATE attachments SET ocr_state = 'running' WHERE id = ? AND sha256 = ?", (row["id"], row["sha256"])
        )
    return row


def finish_ocr(tx: Tx, attachment_id: str, sha256: str, state: str, pdf: bytes | None, text: str, error: str) -> None:
    """Store the OCR result, unless a newer file replaced the one that was read meanwhile."""
    tx.execute(
        "UPDATE attachments SET ocr_state = ?, ocr_pdf = ?, ocr_text = ?, ocr_error = ? WHERE id = ? AND sha256 = ?",
        (state, pdf, text, error[:500], attachment_id, sha256),
    )


def requeue_running(tx: Tx) -> None:
    """At start: jobs a killed server left running go back to the queue."""
    tx.execute("UPDATE attachments SET ocr_state = 'pending' WHERE ocr_state = 'running'")
