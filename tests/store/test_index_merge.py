"""The search index's segments are merged on the background thread, a step at a time, and stay whole."""

from __future__ import annotations

from app.services.receive import ReceiveInput, receive_dossier
from app.store import checkpoint, driver, search_pending
from app.store.dossiers import search_seqs
from tests.helpers.wait import wait_for as _wait_for


def test_receives_leave_merging_to_the_thread_and_the_index_stays_whole(ctx, monkeypatch):
    monkeypatch.setattr(search_pending, "BATCH", 1)  # a segment a receive, written by the thread
    monkeypatch.setattr(checkpoint, "STARVE_S", 0.0)  # which takes its step after each receive's transaction
    names = ["Nguyễn Văn Mạnh", "Trần Thị Lan", "Lê Đức Anh", "Phạm Ngọc Hà"]
    for i in range(3 * checkpoint.MERGE_EVERY):
        receive_dossier(ctx, ReceiveInput("1.004873", names[i % 4], f"001085{i:06d}", pages=1))
    store = ctx.store
    cp = store.checkpointer
    assert _wait_for(lambda: cp.merged >= 1 and cp.indexed == 3 * checkpoint.MERGE_EVERY)
    store.checkpointer.close()
    store.execute("INSERT INTO dossier_search(dossier_search) VALUES ('integrity-check')")
    assert len(search_seqs(store, "tran thi")) == 3
    assert len(search_seqs(store, "001085")) == 3 * checkpoint.MERGE_EVERY


def test_a_step_stops_when_there_is_nothing_to_merge_or_no_index():
    conn = driver.sqlite.connect(":memory:")
    try:
        assert checkpoint.merge_steps(conn) == 0  # no search table (an old schema)
        conn.execute("CREATE VIRTUAL TABLE dossier_search USING fts5(a)")
        conn.execute("INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', 0)")
        for i in range(8):
            conn.execute("INSERT INTO dossier_search VALUES (?)", (f"nguyen van {i}",))
            conn.commit()
        assert checkpoint.merge_steps(conn) >= 1
        assert checkpoint.merge_steps(conn) == 0  # merged already: one cheap look, no work
        assert conn.execute("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH 'van'").fetchone()[0] == 8
    finally:
        conn.close()


def test_the_clerks_commits_write_no_segment_and_a_closing_store_indexes_and_merges_what_it_left(data_dir, monkeypatch):
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store
    from tests.conftest import FIXED_NOW

    monkeypatch.setattr(checkpoint, "MERGE_EVERY", 10_000)  # the thread never gets to merge: a short command
    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)
    store = open_store(data_dir)
    assert store.scalar("SELECT v FROM dossier_search_config WHERE k = 'automerge'") == 0
    ctx = ServiceContext(store=store, data_dir=data_dir, clock=FixedClock(FIXED_NOW), actor=Actor("c", "C", "clerk"))
    for i in range(8):
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", f"001085{i:06d}", pages=1))
    assert store.scalar("SELECT COUNT(*) FROM search_pending") == 8  # fewer than a batch: the thread waits
    assert store.scalar("SELECT COUNT(*) FROM dossier_search_content") == 0  # the receives wrote no entry
    assert store.checkpointer.unmerged == 8
    store.close()
    store = open_store(data_dir)
    try:
        assert checkpoint.merge_steps(store.conn) == 0  # merged when it closed
        assert store.scalar("SELECT COUNT(*) FROM search_pending") == 0
        assert store.scalar("SELECT COUNT(*) FROM dossier_search_content") == 8  # indexed when it closed
    finally:
        store.close()


def test_runs_follow_each_other_until_nothing_is_left_to_merge(monkeypatch):
    """A quiet store's thread merges to the end, not one run a wake: a big merge (the whole index after an
    upgrade) is finished between two receives instead of inside a later transaction."""
    monkeypatch.setattr(checkpoint, "MERGE_STEPS", 1)
    monkeypatch.setattr(checkpoint, "MERGE_PAGES", 1)
    conn = driver.sqlite.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE dossier_search USING fts5(a)")
        conn.execute("INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', 0)")
        for i in range(12):  # twelve segments (FTS5 would merge a level of sixteen by itself)
            words = " ".join(f"w{i}x{j}" for j in range(2000))  # a segment of many pages
            conn.execute("INSERT INTO dossier_search VALUES (?)", (f"nguyen van {words}",))
            conn.commit()
        assert checkpoint.merge_runs(conn) > 1
        assert checkpoint.merge_steps(conn) == 0
        assert conn.execute("SELECT COUNT(*) FROM dossier_search WHERE dossier_search MATCH 'van'").fetchone()[0] == 12
        assert checkpoint.merge_runs(conn, turn=lambda: False) == 0  # a clerk waiting stops it at once
    finally:
        conn.close()
