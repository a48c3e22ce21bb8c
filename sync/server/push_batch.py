"""Group commit for pushes: the pushes that wait while others are being stored go in together, in one transaction
with one insert per table, each still answered as if alone.

Why: with 200 counters pushing at once the server is CPU-bound, and half of a push's CPU (in the server's
Python and in PostgreSQL) was the same whatever its size: a transaction, a statement per table, psycopg's work per
statement, PostgreSQL's executor start per statement (measured, issue 18 item 13: a push of 50 events cost the
server 0.35 ms more per event than a push of 10, on top of 3.7 ms fixed; PostgreSQL 0.17 ms per event on top of
2.5 ms). A push that comes when the server is idle is stored at once, alone, as before; the ones that come while
``leaders`` batches are being stored wait in a queue and go together in the next batch, as soon as one of those
is stored. Nothing is delayed to fill a batch.

The queue lives on the event loop: a push waits there as a future, and each batch goes onto the thread pool in
one hop, stored by one thread. Before, each push took its own hop onto the pool and its thread slept on a shared
condition until a batch had stored it, and every finished batch woke all of them: with 200 devices at once, dozens
of threads per worker were handed the push, woken and put to sleep again, for work a single hop per batch does.

What each device sees is unchanged: its own answer with one result per event, its own refusals, its own 401 when
its token is unknown or revoked (checked in the batch's transaction, so a revocation counts at once, as before).
Two pushes with a common event id (a device that sent again while its first push waited) never share a batch:
the second is taken by a later one and answered from what the first stored. If a batch fails as a whole (an
error nobody expected, a deadlock), every push in it is stored again alone, in its own transaction, so one bad
push cannot fail the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.protocol.models import PushRequest

# Batches stored at once per worker: one in PostgreSQL while another is in Python. Measured (at_once_kept, two
# runs each): 1 and 2 within the noise of each other, 4 about a tenth more CPU per push (smaller batches).
LEADERS = 2
MAX_PUSHES = 16  # per batch
MAX_EVENTS = 400  # per batch: a transaction stays short whatever the pushes' sizes


@dataclass
class Job:
    """One push waiting to be stored: its parsed body, its token, the access log's state, then its answer."""

    body: PushRequest
    token: str
    state: dict[str, Any]
    ids: frozenset[str] = field(init=False)
    response: Response | None = None
    answered: asyncio.Future[Response] | None = field(default=None, repr=False, compare=False)  # set by the batcher

    def __post_init__(self) -> None:
        self.ids = frozenset(ev.id for ev in self.body.events)


log = logging.getLogger("motcua.central")
Runner = Callable[[Callable[[list[Job]], None], list[Job]], Awaitable[None]]


class Batcher:
    """Takes pushes on the event loop; at most ``leaders`` batches are stored at once, each by ``store`` in one
    hop onto the thread pool; ``store`` answers every job of its batch (``failed`` answers what it left when it
    raised)."""

    def __init__(
        self,
        store: Callable[[list[Job]], None],
        failed: Callable[[Exception], Response],
        leaders: int = LEADERS,
        max_pushes: int = MAX_PUSHES,
        max_events: int = MAX_EVENTS,
        run: Runner = run_in_threadpool,
    ) -> None:
        self._store, self._failed, self._max_leaders, self._run = store, failed, leaders, run
        self._max_pushes, self._max_events = max_pushes, max_events
        self._queue: deque[Job] = deque()
        self._storing = 0
        self._tasks: set[asyncio.Task[None]] = set()  # the batches being stored (a task needs a reference)

    async def submit(self, job: Job) -> Response:
        """Store ``job`` (with whatever else is waiting) and return its answer."""
        job.answered = asyncio.get_running_loop().create_future()
        self._queue.append(job)
        self._start()
        return await job.answered

    def _start(self) -> None:
        """Start storing waiting pushes while fewer than ``leaders`` batches are being stored."""
        while self._storing < self._max_leaders and self._queue:
            batch = self._take()
            self._storing += 1
            task = asyncio.get_running_loop().create_task(self._stored(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _stored(self, batch: list[Job]) -> None:
        try:
            await self._run(self._store, batch)
        except BaseException as exc:  # no waiting push may be left without an answer
            log.error("storing a batch of %d pushes failed", len(batch), exc_info=exc)
            problem = exc if isinstance(exc, Exception) else RuntimeError(f"storing cut short: {type(exc).__name__}")
            for job in batch:
                if job.response is None:
                    job.response = self._failed(problem)
            if problem is not exc:
                raise
        finally:
            self._storing -= 1
            for job in batch:
                if job.response is None:  # ``store`` broke its promise: still an answer, never a hang
                    job.response = self._failed(RuntimeError("a stored batch left a push without an answer"))
                if job.answered is not None and not job.answered.done():  # done: its request was cancelled
                    job.answered.set_result(job.response)
            self._start()

    def _take(self) -> list[Job]:
        """The oldest waiting pushes, up to the limits, none sharing an event id with another (the first push
        is always taken, whatever its size)."""
        batch: list[Job] = []
        ids: set[str] = set()
        events = 0
        kept: deque[Job] = deque()
        while self._queue and len(batch) < self._max_pushes:
            job = self._queue.popleft()
            size = len(job.body.events)
            if batch and (events + size > self._max_events or not ids.isdisjoint(job.ids)):
                kept.append(job)
                continue
            batch.append(job)
            ids |= job.ids
            events += size
        self._queue.extendleft(reversed(kept))
        return batch
