"""WAL checkpoints off the clerk's commit: a background thread on its own connection moves committed pages home.

Why: with SQLite's automatic checkpoint (every 1,000 WAL pages) the commit that crosses the threshold copies
the WAL into the database file and fsyncs it before it returns, inside the clerk's receive: that one commit in a
few dozen took 17-40 ms at 1,000,000 dossiers (issue 18, item 10). Here the store's own connection checkpoints
automatically only as a backstop (:data:`BACKSTOP_PAGES`, ten times SQLite's default, for writes that never pass
through :meth:`app.store.db.Store.transaction`), and after every :data:`BATCH` commits - or once the store has
been quiet for :data:`IDLE_S` - this thread runs a PASSIVE checkpoint, which never waits for and never blocks
a writer or a reader. The thread ends when the store is quiet and starts again at the next commit, so a store
nobody writes to holds no thread and no second connection. Closing the store runs a TRUNCATE checkpoint that
does not wait (see :func:`truncate`).

The same thread merges the search index's segments (FTS5 ``merge``, :data:`MERGE_PAGES` pages a step, each its
own short transaction) every :data:`MERGE_EVERY` commits. FTS5 writes each commit's entries as a new small
segment and, every 64 leaf pages written, merges levels that hold four segments inside the commit that crossed
the mark: at 1,000,000 dossiers that was 50-170 ms of CPU in one receive in a few dozen (issue 18, item 10).
So FTS5's automatic merging is off (``automerge=0``, set with the search table by
:mod:`app.store.schema_search_views`): this thread does that work between the clerk's commits, and a store that
closes merges what it left (a command's one commit). FTS5's ``crisismerge`` (a level of that many segments is
merged whole inside the commit) is pushed out of reach by :mod:`app.store.schema_index_merge`: only a bound.
The clerk's transaction and the thread's merge steps take turns on one in-process lock (:meth:`Checkpointer.turn`):
a clerk that met a merge step's write lock inside SQLite waited in SQLite's busy handler, which sleeps 1, 2, 5,
10 ms... and polls, so one receive in fifty took 18 ms behind a step that had long ended. On the lock the clerk
waits only for the step under way, and the thread takes no further step while a clerk is waiting.
The merge connection does not fsync its commits (``synchronous=NORMAL``): a lost merge step is only an index
left less merged, and the clerk's next commit fsyncs the WAL frames before its own.

Durability is unchanged: every commit is fsynced in the WAL (``synchronous=FULL``) before it returns; a
checkpoint only copies pages that are already durable, and a kill at any moment of it leaves the WAL to replay.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app.store import driver, search_pending

BATCH = 50  # commits between two checkpoints while the clerk keeps writing
IDLE_S = 2.0  # a quiet store is checkpointed this long after its last commit
MERGE_EVERY = 4  # commits between two runs of the search index's merge (FTS5 merges a level at four segments)
MERGE_PAGES = 4  # merge work a step, the longest a clerk waits: at 1M 16 pages took 4.6 ms CPU (p99 8), 4 1.9 (p99 5)
MERGE_STEPS = 64  # steps a run; runs follow each other while no clerk waits and there is work
SEARCH_TABLE = "dossier_search"
BACKSTOP_PAGES = 10_000  # wal_autocheckpoint of the store's own connection
SLOW_STEP_S = 0.5  # a step holding the write turn longer is logged (a clerk may have waited that long)
STARVE_S = 2.0  # a clerk writing without pause lets the thread take one step this often (one wait in ~400 receives)
HOLDS_KEPT = 20_000  # the latest steps' lock holds kept for the bench (a few hundred KB at most)

log = logging.getLogger(__name__)


class Checkpointer:
    """Checkpoints one store file in the background; :meth:`committed` after each commit, :meth:`close` at the end."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path = path
        self.key = key
        self.done = 0  # checkpoints run (tests and the bench read it)
        self.merged = 0  # merge steps that did work
        self.indexed = 0  # search entries written for received dossiers (search_pending)
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._pending = 0  # commits since the last checkpoint
        self._unmerged = 0  # commits since the last merge
        self._unindexed = 0  # commits since the last batch of search entries
        self._closed = False
        self._thread: threading.Thread | None = None
        self._writing = threading.RLock()  # the clerk's transaction (re-entered by its own thread), or a merge step
        self._wanted = 0  # clerks waiting for (or holding) their turn: the thread takes no step meanwhile
        self.holds: collections.deque[float] = collections.deque(maxlen=HOLDS_KEPT)  # s each step held the turn
        self._taken, self._what = 0.0, ""
        self._last_step = time.monotonic()  # when the thread's last step ended
        self._refused = False  # a step was refused to a waiting clerk since the run began
        self.slow: list[tuple[str, float]] = []  # steps that held the turn longer than SLOW_STEP_S: (what, s)
        self.waited_s = 0.0  # how long the last clerk's turn waited for a step of the thread (the bench reads it)

    @contextlib.contextmanager
    def coming(self) -> Iterator[None]:
        """A clerk's write is on its way (a receive being checked): the thread starts no step until it is done,
        so the clerk's transaction seldom finds one under way (see :data:`STARVE_S` for the thread's share)."""
        with self._lock:
            self._wanted += 1
        try:
            yield
        finally:
            with self._lock:
                self._wanted -= 1
                # a batch the thread woke for while this clerk was writing was refused its turn, and the thread
                # then sleeps until the next commit: the clerk leaving is that batch's wake-up (there may be no
                # next commit for a long time)
                if not self._wanted and self._unindexed >= search_pending.BATCH and self._thread is not None:
                    self._wake.notify()

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """The clerk's turn to write: waits for a merge step under way (never for SQLite's busy sleeps)."""
        with self.coming():
            t0 = time.perf_counter()
            with self._writing:
                self.waited_s = time.perf_counter() - t0
                yield

    def _step_turn(self, what: str = "merge") -> bool:
        """Take the write turn for one step, unless a clerk wants it (then False: the run stops) - but once every
        :data:`STARVE_S` a step waits for the clerk's transaction to end and runs, so a clerk who never pauses
        still gets the index written and merged, and waits for one step in that time, not for every step."""
        with self._lock:
            if self._closed:
                return False
            starved = bool(self._wanted) and time.monotonic() - self._last_step >= STARVE_S
            if self._wanted and not starved:
                self._refused = True
                return False
        if starved:
            self._writing.acquire()
        elif not self._writing.acquire(blocking=False):
            self._refused = True
            return False
        self._taken, self._what = time.perf_counter(), what
        return True

    def _end_step(self) -> None:
        """Give the turn back; how long the step held it is kept (:attr:`holds`, read by tests and the bench)."""
        held = time.perf_counter() - self._taken
        self._last_step = time.monotonic()
        self.holds.append(held)
        if held > SLOW_STEP_S:
            log.warning("a background %s step of %s held the write turn %.1f s", self._what, self.path, held)
            self.slow.append((self._what, held))
        self._writing.release()

    def committed(self) -> None:
        """One more commit in the WAL: start the thread if it is not running, wake it when a batch is full."""
        with self._lock:
            if self._closed:
                return
            self._pending += 1
            self._unmerged += 1
            self._unindexed += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="motcua-checkpoint", daemon=True)
                self._thread.start()
            elif self._pending >= BATCH or self._unmerged >= MERGE_EVERY or self._unindexed >= search_pending.BATCH:
                self._wake.notify()

    @property
    def unmerged(self) -> int:
        """Commits since the search index was last merged (the store merges them when it closes)."""
        return self._unmerged

    def close(self, timeout_s: float = 30.0) -> None:
        """Stop the thread (a checkpoint under way finishes first) and close its connection."""
        with self._lock:
            self._closed = True
            self._wake.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout_s)

    def _run(self) -> None:
        conn: driver.Connection | None = None

        def passive(conn: driver.Connection) -> None:
            """Move committed pages home without waiting for or blocking anyone, outside the write turn."""
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.done += 1

        try:
            while True:
                with self._lock:
                    woken = True
                    # every reason to work is checked before sleeping: a wake-up given while the thread was busy
                    # (a full search batch gathered during a merge step) is not waited for again; while a clerk
                    # is writing the batch waits for the commit's wake-up (no spinning on a refused turn)
                    batch_ready = self._unindexed >= search_pending.BATCH and not self._wanted
                    if self._pending < BATCH and self._unmerged < MERGE_EVERY and not batch_ready and not self._closed:
                        woken = self._wake.wait(IDLE_S)
                    if self._closed or not (self._pending or self._unindexed or self._unmerged):  # all done
                        self._thread = None
                        return
                    merge, self._unmerged = self._unmerged > 0, 0
                    checkpoint = self._pending >= BATCH or not woken  # a batch is full, or the store is quiet
                    index = self._unindexed >= search_pending.BATCH or not woken
                    if checkpoint:
                        self._pending = 0
                if conn is None:
                    conn = driver.connect(self.path, self.key)
                    conn.execute("PRAGMA synchronous=NORMAL")
                    # Its commits never checkpoint by themselves: that would run inside a step, under the turn,
                    # and a clerk would wait for a thousand pages copied and fsynced. It checkpoints between runs.
                    conn.execute("PRAGMA wal_autocheckpoint=0")
                if merge and self._wanted and self._what == "index":  # a clerk without pause: the one step a
                    index = False  # STARVE_S goes to merging and to indexing by turns, so neither piles up
                if index and self._step_turn("index"):  # not while a clerk waits: the next commit wakes it again
                    with self._lock:
                        self._unindexed = 0
                    try:
                        self.indexed += search_pending.index_now(conn)
                    finally:
                        self._end_step()
                if merge:
                    self._refused = False
                    self.merged += merge_runs(conn, turn=self._step_turn, done_turn=self._end_step, between=passive)
                    if self._refused:  # a clerk cut the run short: merge again at the next wake
                        with self._lock:
                            self._unmerged = max(self._unmerged, 1)
                if checkpoint:
                    passive(conn)
        except driver.Error as exc:  # the next commit starts a new thread; the backstop keeps the WAL bounded
            log.warning("background WAL checkpoint of %s failed: %s", self.path, exc)
            with self._lock:
                self._thread = None
        finally:
            if conn is not None:
                conn.close()


def merge_steps(
    conn: driver.Connection,
    steps: int = MERGE_STEPS,
    turn: Callable[[], bool] | None = None,
    done_turn: Callable[[], None] | None = None,
) -> int:
    """Merge the search index a step at a time while FTS5 finds levels to merge; the steps that did work.

    Each step is its own transaction, so a clerk's commit waits at most one step; ``turn`` (the background
    thread's) is asked before each step and stops the run when it says no, ``done_turn`` follows each step it
    allowed. FTS5's ``merge`` changes rows only when it merged something (``total_changes`` tells). A store
    without the search table (an old schema) has nothing to merge.
    """
    done = 0
    for _ in range(steps):
        if turn is not None and not turn():
            break
        before = conn.total_changes
        try:
            conn.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('merge', {MERGE_PAGES})")
            conn.commit()  # the driver opened a transaction for the INSERT: each step is its own
        except driver.OperationalError as exc:
            conn.rollback()
            if "no such table" in str(exc):
                return done
            raise
        finally:
            if done_turn is not None:
                done_turn()
        if conn.total_changes - before < 2:
            break
        done += 1
    return done


def merge_runs(
    conn: driver.Connection,
    turn: Callable[[], bool] | None = None,
    done_turn: Callable[[], None] | None = None,
    between: Callable[[driver.Connection], None] | None = None,
) -> int:
    """Run after run of :func:`merge_steps` while each did all its steps (no clerk waited, FTS5 found work): a quiet
    store catches up between two receives, even on a merge that rewrites the whole index (32,000 pages at 1M,
    about 8,000 steps), instead of leaving it for FTS5 to finish inside a later transaction. ``between`` runs after
    each run (the thread's checkpoint: a long merge writes thousands of pages, which the clerk's connection would
    otherwise checkpoint inside a receive once the WAL passes :data:`BACKSTOP_PAGES`)."""
    total = 0
    while True:
        done = merge_steps(conn, turn=turn, done_turn=done_turn)
        total += done
        if between is not None and done:
            between(conn)
        if done < MERGE_STEPS:
            return total


def truncate(conn: driver.Connection) -> None:
    """Checkpoint everything and empty the WAL file, without waiting for another connection.

    With no busy handler a TRUNCATE checkpoint that meets a reader or a writer (the clerk's app while a command
    closes) does what a PASSIVE one can and returns at once instead of waiting the busy timeout.
    """
    conn.execute("PRAGMA busy_timeout=0")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
