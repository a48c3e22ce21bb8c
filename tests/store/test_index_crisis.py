"""FTS5 never merges a whole level inside one transaction: its crisis merge is out of reach, the thread merges."""

from __future__ import annotations

from app.store import checkpoint, driver, fts_structure, migrations
from app.store.schema_index_merge import CRISIS_SEGMENTS, migrate_index_merge, set_crisis_merge


def _index(conn: driver.Connection, segments: int) -> None:
    conn.execute("CREATE VIRTUAL TABLE dossier_search USING fts5(a, detail=none)")
    conn.execute("INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', 0)")
    for i in range(segments):  # one segment a transaction, as the thread's batches write them
        conn.execute("INSERT INTO dossier_search VALUES (?)", (f"nguyen van {i}",))
        conn.commit()


def test_twenty_segments_stay_unmerged_until_the_thread_merges_them():
    conn = driver.sqlite.connect(":memory:")
    try:
        _index(conn, 0)
        migrate_index_merge(conn)
        for i in range(20):
            conn.execute("INSERT INTO dossier_search VALUES (?)", (f"tran thi {i}",))
            conn.commit()
        assert [len(level.pages) for level in fts_structure.levels(conn)] == [20]  # no crisis merge at 16
        assert checkpoint.merge_runs(conn) >= 1
        assert sum(len(level.pages) for level in fts_structure.levels(conn)) <= 4
        assert conn.execute("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH 'thi'").fetchone()[0] == 20
    finally:
        conn.close()


def test_fts5_default_merges_the_sixteenth_segment_inside_its_transaction():
    """The behaviour the step removes (and proof the decoder reads real structure records)."""
    conn = driver.sqlite.connect(":memory:")
    try:
        _index(conn, 15)
        assert [len(level.pages) for level in fts_structure.levels(conn)] == [15]
        conn.execute("INSERT INTO dossier_search VALUES ('le duc anh')")
        conn.commit()
        found = fts_structure.levels(conn)
        assert [len(level.pages) for level in found] == [0, 1]  # all sixteen merged by that one INSERT
        assert fts_structure.describe(found).startswith("L1 1 seg")
    finally:
        conn.close()


def test_a_migrated_store_has_the_setting_and_the_step_runs_twice(ctx):
    store = ctx.store
    assert store.scalar("SELECT v FROM dossier_search_config WHERE k = 'crisismerge'") == CRISIS_SEGMENTS
    set_crisis_merge(store.conn)  # again: the same row
    migrate_index_merge(store.conn)
    assert store.scalar("SELECT COUNT(*) FROM dossier_search_config WHERE k = 'crisismerge'") == 1
    assert store.user_version == migrations.LATEST


def test_a_store_without_the_search_table_is_left_alone():
    conn = driver.sqlite.connect(":memory:")
    try:
        migrate_index_merge(conn)
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        conn.close()


def test_the_upgrade_finishes_a_merge_left_under_way_on_level_0():
    """The state step 11's rebuild left at 1M (four big segments being merged on level 0), made small."""
    conn = driver.sqlite.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE dossier_search USING fts5(a, detail=none)")
        conn.execute("INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', 0)")
        for i in range(4):  # four segments of many pages each
            conn.executemany("INSERT INTO dossier_search VALUES (?)", [(f"w{i}x{j} nguyen",) for j in range(3000)])
            conn.commit()
        conn.execute("INSERT INTO dossier_search(dossier_search, rank) VALUES ('merge', 2)")  # a merge begins
        conn.commit()
        assert fts_structure.levels(conn)[0].merging == 4
        migrate_index_merge(conn)
        conn.commit()
        found = fts_structure.levels(conn)
        assert not found[0].merging and not found[0].pages
        assert sum(len(level.pages) for level in found) == 1
        found_rows = conn.execute("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH 'nguyen'").fetchone()
        assert found_rows[0] == 12000
        conn.execute("INSERT INTO dossier_search(dossier_search) VALUES ('integrity-check')")
    finally:
        conn.close()


def test_a_batch_of_entries_is_one_segment(ctx, monkeypatch):
    """FTS5 writes its buffer out at every statement savepoint: an INSERT ... SELECT an entry made a segment each."""
    from app.services.receive import ReceiveInput, receive_dossier
    from app.store import search_pending

    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)
    monkeypatch.setattr(search_pending, "BATCH", 10_000)
    monkeypatch.setattr(checkpoint, "MERGE_EVERY", 10_000)
    store = ctx.store
    before = sum(len(level.pages) for level in fts_structure.levels(store.conn))
    for i in range(6):
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", f"001085{i:06d}", pages=1))
    store.checkpointer.close()
    assert search_pending.index_now(store.conn) == 6
    assert sum(len(level.pages) for level in fts_structure.levels(store.conn)) == before + 1
    tags = store.conn.execute("SELECT tags FROM dossier_search WHERE dossier_search MATCH 'lan'").fetchall()
    assert len(tags) == 6 and all(t[0].startswith("zs") for t in tags)
