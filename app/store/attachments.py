"""Attachment rows: the current PDF of each dossier document and its upload progress (the only SQL for them)."""

from __future__ import annotations

from typing import Any

from app.store.db import Store


def for_dossier(store: Store, dossier_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT * FROM attachments WHERE dossier_id = ? ORDER BY document_position", (dossier_id,))


def get(store: Store, dossier_id: str, position: int) -> dict[str, Any] | None:
    return store.query_one(
        "SELECT * FROM attachments WHERE dossier_id = ? AND document_position = ?", (dossier_id, position)
    )


def by_id(store: Store, attachment_id: str) -> dict[str, Any] | None:
    return store.query_one("SELECT * FROM attachments WHERE id = ?", (attachment_id,))


def upsert(store: Store, row: dict[str, Any]) -> None:
    """Point the document at a new PDF and restart its upload (inside the caller's transaction)."""
    store.execute(
        "INSERT INTO attachments (id, dossier_id, document_position, sha256, pages, bytes, updated_at)"
        " VALUES (:id, :dossier_id, :document_position, :sha256, :pages, :bytes, :updated_at)"
        " ON CONFLICT (dossier_id, document_position) DO UPDATE SET sha256 = excluded.sha256,"
        " pages = excluded.pages, bytes = excluded.bytes, updated_at = excluded.updated_at,"
        " upload_state = 'pending', uploaded_bytes = 0, uploaded_at = NULL, last_error = ''",
        row,
    )


def remove(store: Store, attachment_id: str) -> None:
    store.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))


def referenced_hashes(store: Store) -> set[str]:
    return {r["sha256"] for r in store.query("SELECT DISTINCT sha256 FROM attachments")}


def totals(store: Store) -> dict[str, int]:
    row = store.query_one(
        "SELECT COUNT(*) AS documents, COALESCE(SUM(pages), 0) AS pages, COALESCE(SUM(bytes), 0) AS bytes,"
        " COALESCE(SUM(upload_state = 'pending'), 0) AS pending,"
        " COALESCE(SUM(CASE WHEN upload_state = 'pending' THEN bytes - uploaded_bytes ELSE 0 END), 0)"
        " AS pending_bytes FROM attachments"
    )
    return {k: int(v) for k, v in (row or {}).items()}


def next_pending(store: Store, exclude: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The oldest attachment still to upload whose dossier has no event waiting: events always go first."""
    marks = ",".join("?" * len(exclude)) or "''"
    return store.query_one(
        "SELECT a.* FROM attachments a WHERE a.upload_state = 'pending' AND NOT EXISTS ("
        " SELECT 1 FROM outbox o WHERE o.aggregate_id = a.dossier_id AND o.state = 'pending')"
        f" AND a.id NOT IN ({marks}) ORDER BY a.updated_at, a.id LIMIT 1",
        exclude,
    )


def events_waiting(store: Store) -> bool:
    return store.scalar("SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending')") == 1


def record_progress(store: Store, attachment_id: str, sha256: str, uploaded: int, done_at: str | None) -> None:
    """Save how much of *this* file the server holds; a row already pointing at a newer file is left alone."""
    store.execute(
        "UPDATE attachments SET uploaded_bytes = ?, upload_state = CASE WHEN ? IS NULL THEN 'pending' ELSE 'done'"
        " END, uploaded_at = ?, last_error = '' WHERE id = ? AND sha256 = ?",
        (uploaded, done_at, done_at, attachment_id, sha256),
    )


def upload_again(store: Store) -> None:
    """Every uploaded file waits to go up again (the server was restored from an older backup); the server
    answers at once for a file it still has. Inside the caller's transaction."""
    store.execute("UPDATE attachments SET upload_state = 'pending', uploaded_bytes = 0 WHERE upload_state = 'done'")


def record_error(store: Store, attachment_id: str, message: str) -> None:
    store.execute("UPDATE attachments SET last_error = ? WHERE id = ?", (message[:500], attachment_id))
