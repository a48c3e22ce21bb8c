"""Schema step for the push path (issue 18 item 13): drop the index on ``events.aggregate_id``.

Why: nothing reads events by aggregate (a dossier's history is read from ``dossiers`` and the feed; replays look
events up by ``(office_code, id)``, the primary key), yet every pushed event paid an insert into it, at a random
place in the tree since aggregate ids are UUIDs: on a province's large table that is a page read and, after each
checkpoint, a full page written to the WAL per event (``tests/sync/test_schema_push.py``).
"""

from __future__ import annotations

PUSH_INDEXES = "DROP INDEX IF EXISTS events_aggregate"
