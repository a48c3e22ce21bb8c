"""The push path's schema step: the unread index on ``events.aggregate_id`` is gone after an upgrade, on both
databases, and a second migration changes nothing."""

from __future__ import annotations

from sync.server.db import POSTGRES, Database
from sync.server.schema import MIGRATIONS, _statements, current_version, migrate
from sync.server.schema_push import PUSH_INDEXES


def _indexes(db: Database) -> set[str]:
    with db.transaction(write=False) as tx:
        if db.dialect == POSTGRES:
            rows = tx.all("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'events'")
        else:
            rows = tx.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
    return {r["name"] for r in rows}


def test_the_aggregate_index_is_dropped_on_upgrade(db_url: str) -> None:
    db = Database(db_url, pool_size=1)
    step = MIGRATIONS.index(PUSH_INDEXES)
    try:
        with db.transaction() as tx:  # a database as the step before this one left it
            current_version(tx)
            for ddl in MIGRATIONS[:step]:
                for statement in _statements(ddl, db.dialect):
                    tx.execute(statement)
            tx.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(step),))
        assert "events_aggregate" in _indexes(db)
        assert migrate(db) == len(MIGRATIONS)
        after = _indexes(db)
        assert "events_aggregate" not in after and after  # the primary key's index stays
        assert migrate(db) == len(MIGRATIONS)
        assert _indexes(db) == after
    finally:
        db.close()
