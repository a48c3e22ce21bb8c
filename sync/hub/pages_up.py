"""The hub's second outbox: the scanned pages (attachments) its counters uploaded, sent on to the province.

Why the device uploader and a table of marks: the province speaks one upload protocol (offer, then chunks at the
offset it holds, keyed by the attachment id and the file's SHA-256), so the hub is just another device to it and
:class:`sync.client.attachments.AttachmentUploader` does the work; this module is the hub's
:class:`~sync.client.attachments.AttachmentSource`, reading the complete files out of the hub's own
``attachments`` table. ``hub_uploaded`` holds, per attachment, the hash the province confirmed complete: a file
without a mark for its current hash is offered (again) on the next pass, and the province answers an offer of a
file it already has with "complete", so a hub killed mid-upload resumes at the province's offset and nothing is
sent twice. A file the province refused for good (not "dossier unknown", which waits for the events) is marked
with its error and not tried again until a new version of it arrives.
"""

from __future__ import annotations

from sync.client.attachments import PendingAttachment
from sync.hub import forward
from sync.protocol.timefmt import utc_now
from sync.server import attachment_store
from sync.server.db import Database

_DDL = """CREATE TABLE IF NOT EXISTS hub_uploaded (
    attachment_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,                 -- the file the mark is about
    received INTEGER NOT NULL DEFAULT 0,  -- bytes the province said it holds
    done INTEGER NOT NULL DEFAULT 0,      -- 1: the province has this file complete
    error TEXT NOT NULL DEFAULT '',       -- the province refused this file for good
    updated_at TEXT NOT NULL
)"""

# complete files of the office whose current hash has no "done" or "refused" mark
_WAITING = (
    "FROM attachments a WHERE a.office_code = ? AND a.sha256 != '' AND NOT EXISTS (SELECT 1 FROM hub_uploaded u"
    " WHERE u.attachment_id = a.id AND u.sha256 = a.sha256 AND (u.done = 1 OR u.error != ''))"
)


def ensure_schema(db: Database) -> None:
    """The marks table (the attachments table itself is made by the server's attachment router)."""
    with db.transaction() as tx:
        tx.execute(_DDL)


class HubPages:
    """The hub's complete attachments as an :class:`~sync.client.attachments.AttachmentSource`."""

    def __init__(self, db: Database, office_code: str) -> None:
        self.db, self.office = db, office_code

    def next_pending(self, exclude: set[str]) -> PendingAttachment | None:
        marks = ",".join("?" for _ in exclude)
        skip = f" AND a.id NOT IN ({marks})" if exclude else ""
        with self.db.transaction(write=False) as tx:
            row = tx.one(
                "SELECT a.id, a.dossier_id, a.document_position, a.sha256, a.bytes, a.pages, a.device_id "
                f"{_WAITING}{skip} ORDER BY a.completed_at, a.id LIMIT 1",
                (self.office, *sorted(exclude)),
            )
        if row is None:
            return None
        return PendingAttachment(row["id"], row["dossier_id"], int(row["document_position"]), row["sha256"],
                                 int(row["bytes"]), int(row["pages"]), row["device_id"])

    def read(self, sha256: str, start: int, size: int) -> bytes:
        """``size`` bytes from ``start`` of the complete file with this hash (SQLite's substr counts from 1)."""
        with self.db.transaction(write=False) as tx:
            row = tx.one("SELECT substr(content, ?, ?) AS part FROM attachments WHERE sha256 = ? LIMIT 1",
                         (start + 1, size, sha256))
        if row is None or row["part"] is None:
            raise LookupError(f"attachment file {sha256} is no longer on the hub")
        return bytes(row["part"])

    def record_progress(self, attachment_id: str, sha256: str, uploaded: int, done: bool) -> None:
        self._mark(attachment_id, sha256, uploaded, done, "")

    def record_error(self, attachment_id: str, message: str) -> None:
        with self.db.transaction(write=False) as tx:
            sha = tx.scalar("SELECT sha256 FROM attachments WHERE id = ?", (attachment_id,))
        self._mark(attachment_id, str(sha or ""), 0, False, message[:500] or "refused")

    def events_waiting(self) -> bool:
        """Events go first: the province answers "dossier unknown" to pages of a dossier it has not got yet."""
        return forward.any_waiting(self.db, self.office)

    def _mark(self, attachment_id: str, sha256: str, received: int, done: bool, error: str) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO hub_uploaded (attachment_id, sha256, received, done, error, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attachment_id) DO UPDATE SET sha256 = excluded.sha256,"
                " received = excluded.received, done = excluded.done, error = excluded.error,"
                " updated_at = excluded.updated_at",
                (attachment_id, sha256, received, int(done), error, utc_now()),
            )


def counts(db: Database, office_code: str) -> dict[str, int]:
    """Files waiting to go up (and their pages), sent, and refused by the province (for ``hub status``); makes
    the tables when the hub has never served yet."""
    attachment_store.ensure_schema(db)
    ensure_schema(db)
    with db.transaction(write=False) as tx:
        waiting = tx.one(f"SELECT COUNT(*) AS files, COALESCE(SUM(a.pages), 0) AS pages {_WAITING}", (office_code,))
        marks = tx.one(
            "SELECT COALESCE(SUM(u.done), 0) AS sent, COALESCE(SUM(u.error != ''), 0) AS refused FROM hub_uploaded u"
            " JOIN attachments a ON a.id = u.attachment_id AND a.sha256 = u.sha256 WHERE a.office_code = ?",
            (office_code,),
        )
    assert waiting is not None and marks is not None
    return {"waiting": int(waiting["files"]), "waiting_pages": int(waiting["pages"]), "sent": int(marks["sent"]),
            "refused": int(marks["refused"])}
