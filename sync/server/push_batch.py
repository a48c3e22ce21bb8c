"""Group commit for pushes: the pushes that wait while others are being stored go in together, in one transaction
with one insert per table, each still answered as if alone.

Why: with 200 counters pushing at once the server is CPU-bound, and half of a push's CPU (in the server's
Python and in PostgreSQL) was the same whatever its size: a transaction, a statement per table, psycopg's work per
statement, PostgreSQL's executor start per statement (measured, issue 18 item 13: a push of 50 events cost the
server 0.35 ms more per event than a push of 10, on top of 3.7 ms fixed; PostgreSQL 0.17 ms per event on top of
2.5 ms). A push that comes when the server is idle is stored at once, alone, as before; the ones that come while
``leaders`` batches are being stored wait in a queue and are taken together by the next free thread. Nothing is
delayed to fill a batch.

What each device sees is unchanged: its own answer with one result per event, its own refusals, its own 401 when
its token is unknown or revoked (checked in the batch's transaction, so a revocation counts at once, as before).
Two pushes with a common event id (a device that sent again while its first push waited) never share a batch:
the second is taken by a later one and answered from what the first stored. If a batch fails as a whole (an
error nobody expected, a deadlock), every push in it is stored again alone, in its own transaction, so one bad
push cannot fail the others.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import Response

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

    def __post_init__(self) -> None:
        self.ids = frozenset(ev.id for ev in self.body.events)


class Batcher:
    """Takes pushes from any number of threads; at most ``leaders`` of those threads store a batch at once, with
    ``store``, which answers every job of the batch (``failed`` answers what it left when it raised)."""

    def __init__(
        self,
        store: Callable[[list[Job]], None],
        failed: Callable[[BaseException], Response],
        leaders: int = LEADERS,
        max_pushes: int = MAX_PUSHES,
        max_events: int = MAX_EVENTS,
    ) -> None:
        self._store, self._failed, self._max_leaders = store, failed, leaders
        self._max_pushes, self._max_events = max_pushes, max_events
        self._cond = threading.Condition()
        self._queue: deque[Job] = deque()
        self._leaders = 0

    def submit(self, job: Job) -> Response:
        """Store ``job`` (with whatever else is waiting) and return its answer."""
        with self._cond:
            self._queue.append(job)
            while job.response is None:
                if self._leaders < self._max_leaders and self._queue:
                    batch = self._take()
                    self._leaders += 1
                    self._cond.release()
                    try:
                        self._store(batch)
                    except BaseException as exc:  # no waiting thread may be left without an answer
                        for other in batch:
                            if other.response is None:
                                other.response = self._failed(exc)
                        raise
                    finally:
                        self._cond.acquire()
                        self._leaders -= 1
                        self._cond.notify_all()
                else:
                    self._cond.wait()
            return job.response

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
