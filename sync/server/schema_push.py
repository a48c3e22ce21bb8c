"""Schema step for the push path (issue 18 item 13): less work per stored event.

- The index on ``events.aggregate_id`` is dropped. Nothing reads events by aggregate (a dossier's history is read
  from ``dossiers`` and the feed; a replay finds its event by ``(office_code, id)``, the primary key), yet every
  pushed event paid an insert into it, at a random place in the tree since aggregate ids are UUIDs: on a
  province's large table a page read and, after each checkpoint, a full page written to the WAL per event.
- On PostgreSQL built with lz4, the three columns that hold a dossier's JSON (``events.payload``,
  ``dossiers.data``, ``changes.data``) are compressed with lz4 instead of pglz. A real dossier is 0.9–3.4 KB, so
  many rows pass the 2 KB threshold where PostgreSQL compresses, three times per dossier; pglz was the largest
  single function in PostgreSQL's profile of a push (``perf``, about 6 % of its CPU), lz4 compresses several
  times faster. Rows already stored keep their compression; a server without lz4 keeps pglz.
"""

from __future__ import annotations

from sync.server.db import POSTGRES, Tx

JSON_COLUMNS = (("events", "payload"), ("dossiers", "data"), ("changes", "data"))


def lz4_available(tx: Tx) -> bool:
    """Whether this PostgreSQL can compress with lz4 (14 and later, built ``--with-lz4``)."""
    return bool(
        tx.scalar("SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'")
    )


def migrate_push(tx: Tx) -> None:
    tx.execute("DROP INDEX IF EXISTS events_aggregate")
    if tx.dialect == POSTGRES and lz4_available(tx):
        for table, column in JSON_COLUMNS:
            tx.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")
