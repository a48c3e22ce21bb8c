"""Fewer pages a receive: the search entry written a batch at a time after it, partial indexes (issue 18, item 10)."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.domain.status import Status
from app.services.receive import ReceiveInput, receive_dossier
from app.services.status_change import change_status
from app.store import audit, checkpoint, search_pending
from app.store.dossiers import ListFilter, search_seqs
from app.store.schema_receive_pages import PARTIAL, migrate_receive_pages
from tests.helpers.wait import wait_for


def _count(store, table: str) -> int:
    return int(store.scalar(f"SELECT COUNT(*) FROM {table}"))


@pytest.fixture
def quiet(monkeypatch):
    """The background thread writes no batch by itself during the test (it waits for a full one or a quiet store)."""
    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)
    monkeypatch.setattr(search_pending, "BATCH", 10_000)


def test_a_receive_writes_no_entry_yet_a_search_finds_the_dossier_at_once(ctx, quiet):
    made = receive_dossier(ctx, ReceiveInput("1.004873", "Đỗ Thị Hoà", "001085012377", phone="0912000111"))
    store = ctx.store
    assert _count(store, "search_pending") == 1 and _count(store, "dossier_search_content") == 0
    seq = store.scalar("SELECT seq FROM dossiers WHERE code = ?", (made.code,))
    assert search_seqs(store, "do thi hoa") == [seq]
    assert _count(store, "search_pending") == 0 and _count(store, "dossier_search_content") == 1
    for q in (made.code, "0912000111", "001085012377", "hoa"):
        assert search_seqs(store, q) == [seq], q
    assert search_seqs(store, "hoa", flt=ListFilter(status=int(Status.RECEIVED))) == [seq]


def test_bad_input_queues_nothing(ctx, quiet):
    with pytest.raises(ValidationError):
        receive_dossier(ctx, ReceiveInput("1.004873", "", "001085012377"))
    assert _count(ctx.store, "search_pending") == 0


def test_a_status_change_before_the_entry_is_written_puts_it_in_the_right_view(ctx, quiet):
    made = receive_dossier(ctx, ReceiveInput("1.004873", "Phạm Thu Hà", "001085012377"))
    change_status(ctx, made.code, Status.PROCESSING)
    assert _count(ctx.store, "search_pending") == 1  # the tags trigger found no entry to rewrite
    seq = ctx.store.scalar("SELECT seq FROM dossiers WHERE code = ?", (made.code,))
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(status=int(Status.RECEIVED))) == []
    assert search_seqs(ctx.store, "pham thu", flt=ListFilter(status=int(Status.PROCESSING))) == [seq]


def test_the_thread_writes_a_batch_when_enough_receives_gathered(ctx, monkeypatch):
    monkeypatch.setattr(search_pending, "BATCH", 3)
    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)
    for i in range(3):
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", f"001085{i:06d}"))
    store = ctx.store
    assert wait_for(lambda: store.checkpointer.indexed == 3)
    assert _count(store, "search_pending") == 0 and _count(store, "dossier_search_content") == 3
    store.execute("INSERT INTO dossier_search(dossier_search) VALUES ('integrity-check')")


def test_a_batch_refused_while_the_clerk_writes_is_written_when_the_clerk_leaves(ctx, monkeypatch):
    """The last receive of a batch wakes the thread while the clerk is still in ``coming``: the step is refused
    (the clerk's turn), and with no next commit the batch waited for the quiet timeout (a CI run timed out)."""
    import time

    monkeypatch.setattr(search_pending, "BATCH", 3)
    monkeypatch.setattr(checkpoint, "IDLE_S", 600.0)
    monkeypatch.setattr(checkpoint, "STARVE_S", 600.0)  # no starved step: the refusal is certain
    store = ctx.store
    for i in range(2):
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", f"001085{i:06d}"))
    with store.checkpointer.coming():  # the window still checking what it showed after the receive
        receive_dossier(ctx, ReceiveInput("1.004873", "Trần Thị Lan", "001085000002"))
        time.sleep(0.5)  # the thread wakes for the full batch, is refused, and sleeps again
        assert store.checkpointer.indexed == 0
    assert wait_for(lambda: store.checkpointer.indexed == 3, timeout_s=10)


def test_entries_left_pending_by_a_crash_are_written_by_the_next_run(data_dir, quiet):
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store
    from tests.conftest import FIXED_NOW

    store = open_store(data_dir)
    ctx = ServiceContext(store=store, data_dir=data_dir, clock=FixedClock(FIXED_NOW), actor=Actor("c", "C", "clerk"))
    for i in range(2):
        receive_dossier(ctx, ReceiveInput("1.004873", "Lê Đức Anh", f"001085{i:06d}"))
    store.checkpointer.close()
    store.conn.close()  # killed: no close, no batch
    store = open_store(data_dir)
    try:
        assert _count(store, "search_pending") == 2
        assert len(search_seqs(store, "le duc anh")) == 2
    finally:
        store.close()


def test_a_closing_store_writes_what_is_pending(data_dir, quiet):
    from app.services.clock import FixedClock
    from app.services.context import Actor, ServiceContext
    from app.services.setup import open_store
    from tests.conftest import FIXED_NOW

    store = open_store(data_dir)
    ctx = ServiceContext(store=store, data_dir=data_dir, clock=FixedClock(FIXED_NOW), actor=Actor("c", "C", "clerk"))
    receive_dossier(ctx, ReceiveInput("1.004873", "Lê Đức Anh", "001085000001"))
    store.close()
    store = open_store(data_dir)
    try:
        assert _count(store, "search_pending") == 0 and _count(store, "dossier_search_content") == 1
    finally:
        store.close()


def _plan(store, sql: str, params: tuple) -> str:
    return " ".join(str(r[-1]) for r in store.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())


def test_the_queries_on_the_partial_indexes_still_use_them(ctx):
    from app.store.reports import finished_and_returned  # noqa: F401  (the query below is its own, word for word)

    store = ctx.store
    plan = _plan(
        store,
        "SELECT COALESCE(SUM(d.finished_at >= ? AND d.finished_at < ?), 0),"
        " COALESCE(SUM(d.returned_at >= ? AND d.returned_at < ?), 0) FROM dossiers d"
        " WHERE (d.finished_at >= ? OR d.returned_at >= ?)",
        ("2026-01-01", "2026-02-01T99", "2026-01-01", "2026-02-01T99", "2026-01-01", "2026-01-01"),
    )
    assert "dossiers_returned" in plan and "dossiers_finished" in plan, plan
    plan = _plan(store, f"SELECT MAX(seq) FROM audit_log WHERE action = ? AND {audit.SERVICE_ROWS}", ("store.restore",))
    assert "audit_log_action" in plan, plan
    carried = _plan(store, "SELECT seq FROM dossiers d WHERE d.finished_at IS NULL AND d.received_day < ?", ("2026",))
    assert "dossiers_finished" in carried, carried  # the whole index still serves the unfinished dossiers


def test_the_schema_step_makes_the_indexes_partial_once_and_keeps_the_chain(ctx):
    receive_dossier(ctx, ReceiveInput("1.004873", "Lê Đức Anh", "001085000001"))
    store = ctx.store
    with store.transaction():  # the layout a store copied by an older tool had
        store.conn.execute("DROP INDEX audit_log_action")
        store.conn.execute("CREATE INDEX audit_log_action ON audit_log(action, seq)")
        store.conn.execute("DROP INDEX dossiers_returned")
        store.conn.execute("CREATE INDEX dossiers_returned ON dossiers(returned_at)")
    for _ in range(2):
        with store.transaction():
            migrate_receive_pages(store.conn)
        schema = dict(store.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall())
        assert {name: schema[name] for name in PARTIAL} == PARTIAL
    assert audit.verify(store).ok
    assert len(search_seqs(store, "le duc anh")) == 1


def test_a_search_never_waits_for_another_writer(ctx, quiet):
    """The window's search must not wait on a write: with the lock held elsewhere it answers at once, and still
    finds the dossier just received (its entry not written yet: matched from the row, by the same rule), in
    the view it is in and not in another; the next search writes the pending entries."""
    import time

    from app.store import driver

    receive_dossier(ctx, ReceiveInput("1.004873", "Lê Đức Anh", "001085000001"))
    other = driver.connect(ctx.store.path, ctx.store.key)
    try:
        other.execute("BEGIN IMMEDIATE")
        t0 = time.perf_counter()
        [seq] = search_seqs(ctx.store, "le duc anh")  # not written yet, still found, and nothing waited
        assert time.perf_counter() - t0 < 1.0
        assert search_seqs(ctx.store, "001085000001") == [seq]  # by its ID number too
        assert search_seqs(ctx.store, "le duc anh", flt=ListFilter(status=int(Status.RECEIVED))) == [seq]
        assert search_seqs(ctx.store, "le duc anh", flt=ListFilter(status=int(Status.RETURNED))) == []
        assert ctx.store.scalar("SELECT count(*) FROM search_pending") == 1  # nothing was written
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert len(search_seqs(ctx.store, "le duc anh")) == 1
    assert ctx.store.scalar("PRAGMA synchronous") == 2 and ctx.store.scalar("PRAGMA busy_timeout") == 5000
