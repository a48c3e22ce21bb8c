"""WAL checkpoints run on a background thread, not in the clerk's commit; closing empties the WAL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.store import checkpoint
from app.store.db import Store
from tests.helpers.raw import raw_connect
from tests.helpers.wait import wait_for as _wait_for


def _write(store: Store, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        with store.transaction():
            store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"bench.k{i}", "x" * 500))


def _wal(store: Store) -> Path:
    return Path(f"{store.path}-wal")


def test_the_commit_leaves_checkpoints_to_the_thread(ctx):
    store = ctx.store
    assert store.scalar("PRAGMA wal_autocheckpoint") == checkpoint.BACKSTOP_PAGES
    _write(store, checkpoint.BATCH)
    assert _wait_for(lambda: store.checkpointer.done >= 1)
    # Everything committed so far is already in the database file: nothing left for a checkpoint to copy.
    conn = raw_connect(store.path)
    try:
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    assert busy == 0 and frames == copied


def test_the_thread_ends_when_quiet_and_comes_back(ctx, monkeypatch):
    monkeypatch.setattr(checkpoint, "IDLE_S", 0.05)
    store = ctx.store
    _write(store, 3)  # fewer than a batch: checkpointed once the store is quiet
    first = store.checkpointer._thread
    assert first is not None
    assert _wait_for(lambda: store.checkpointer.done == 1 and store.checkpointer._thread is None)
    first.join(20)
    assert not first.is_alive()
    _write(store, 2, start=3)
    assert store.checkpointer._thread not in (None, first)
    assert _wait_for(lambda: store.checkpointer.done == 2 and store.checkpointer._thread is None)


def test_close_empties_the_wal_and_keeps_every_row(data_dir):
    store = Store.in_folder(data_dir)
    _write(store, 120)
    store.close()
    assert not _wal(store).exists() or _wal(store).stat().st_size == 0
    again = Store.in_folder(data_dir)
    try:
        assert again.scalar("SELECT COUNT(*) FROM settings WHERE key LIKE 'bench.k%'") == 120
        assert again.integrity_check() == "ok"
    finally:
        again.close()


def test_close_does_not_wait_for_a_reader_in_another_connection(data_dir):
    store = Store.in_folder(data_dir)
    store.conn.execute("PRAGMA busy_timeout=600000")  # a close that waited for the reader would hang here
    _write(store, 5)
    reader = raw_connect(store.path)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM settings").fetchone()  # holds a snapshot: TRUNCATE cannot finish
    closing = threading.Thread(target=store.close)
    closing.start()
    closing.join(60)
    try:
        assert not closing.is_alive()
        assert reader.execute("SELECT COUNT(*) FROM settings WHERE key LIKE 'bench.k%'").fetchone()[0] == 5
    finally:
        reader.rollback()
        reader.close()


@pytest.mark.slow
def test_two_stores_on_one_file_both_write_and_check_out(data_dir):
    first, second = Store.in_folder(data_dir), Store.in_folder(data_dir)
    try:
        for i in range(2 * checkpoint.BATCH):
            store = first if i % 2 else second
            with store.transaction():
                store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"two.k{i}", "y" * 300))
        assert first.scalar("SELECT COUNT(*) FROM settings WHERE key LIKE 'two.k%'") == 2 * checkpoint.BATCH
    finally:
        first.close()
        second.close()
    store = Store.in_folder(data_dir)
    try:
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_clerk_and_merge_steps_take_turns(ctx, monkeypatch):
    """A merge step never starts while a clerk writes; a clerk waits for the step under way, then goes."""
    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)  # the test plays the thread's part
    store = ctx.store
    turns = store.checkpointer
    conn = raw_connect(store.path)
    try:
        with store.transaction():
            assert checkpoint.merge_steps(conn, turn=turns._step_turn, done_turn=turns._writing.release) == 0
    finally:
        conn.close()
    assert turns._step_turn()  # a step under way holds the turn
    wrote = threading.Event()

    def clerk() -> None:
        with store.transaction():
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('turn.k', '1')")
        wrote.set()

    writer = threading.Thread(target=clerk)
    writer.start()
    assert not wrote.wait(0.2)
    assert not turns._step_turn()  # a clerk is waiting: the thread takes no further step
    turns._writing.release()  # the step ends
    writer.join(20)
    assert wrote.is_set()
    assert store.scalar("SELECT value FROM settings WHERE key = 'turn.k'") == "1"


def test_a_clerk_may_take_its_turn_again_inside_it(ctx):
    """Code that commits by hand inside a transaction and opens another must not lock itself out."""
    turns = ctx.store.checkpointer
    done = threading.Event()

    def nested() -> None:
        with turns.turn(), turns.turn():
            done.set()

    worker = threading.Thread(target=nested, daemon=True)
    worker.start()
    worker.join(5)
    assert done.is_set()
