"""The push path's schema step: the unread index on ``events.aggregate_id`` is gone after an upgrade, on both
databases; on a PostgreSQL with lz4 the dossier JSON columns compress with it (and what they store reads back the
same); a second migration changes nothing."""

from __future__ import annotations

from sync.server.db import POSTGRES, Database
from sync.server.schema import MIGRATIONS, _statements, current_version, migrate
from sync.server.schema_push import JSON_COLUMNS, lz4_available, migrate_push


def _indexes(db: Database) -> set[str]:
    with db.transaction(write=False) as tx:
        if db.dialect == POSTGRES:
            rows = tx.all("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'events'")
        else:
            rows = tx.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
    return {r["name"] for r in rows}


def test_the_aggregate_index_is_dropped_on_upgrade(db_url: str) -> None:
    db = Database(db_url, pool_size=1)
    step = MIGRATIONS.index(migrate_push)
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


def test_the_json_columns_compress_with_lz4_where_postgresql_has_it(db_url: str) -> None:
    db = Database(db_url, pool_size=1)
    try:
        migrate(db)
        if db.dialect != POSTGRES:
            return  # SQLite does not compress: nothing to change
        with db.transaction() as tx:
            if not lz4_available(tx):
                return  # kept pglz: the step must still have run
            for table, column in JSON_COLUMNS:
                method = tx.scalar(
                    "SELECT attcompression AS method FROM pg_attribute WHERE attrelid = ?::regclass AND attname = ?",
                    (table, column),
                )
                assert method == "l", (table, column)
            big = '{"notes":"' + "Nguyễn Văn Mạnh, thôn Đông " * 400 + '"}'  # over the 2 KB threshold
            tx.execute("INSERT INTO offices (code, name, created_at) VALUES ('X1', 'x', 't')")
            tx.execute(
                "INSERT INTO changes (office_code, kind, key, data, at) VALUES ('X1', 'dossier', 'k', ?, 't')", (big,)
            )
        with db.transaction(write=False) as tx:
            row = tx.one("SELECT data, pg_column_compression(data) AS method FROM changes WHERE key = 'k'")
        assert row == {"data": big, "method": "lz4"}
    finally:
        db.close()
