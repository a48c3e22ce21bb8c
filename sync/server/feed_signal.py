"""Telling waiting pulls that the feed grew, so a device learns of a change in well under a second.

Why: an office's counters must find a dossier saved at another counter at once (issue 13), and a pull every
few seconds from every device would cost more than it gives. A pull may wait (``GET /v1/changes?wait=25``):
when it has nothing to give it waits for this signal. Writers in this process (a push, the hub's upstream
puller, the office queue) call :meth:`FeedSignal.notify` after their commit, from any thread. Writers in another
process (an admin command on the same database) are seen at the next re-check, at most ``RECHECK_S`` later.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

RECHECK_S = 1.0


class FeedSignal:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self.listeners: list[Callable[[], None]] = []  # also told, in the notifying thread (e.g. the hub's forwarder)

    def current(self) -> asyncio.Event:
        """The event the next notify sets; take it *before* reading the feed, so no notify slips between."""
        if self._event is None:
            self._loop = asyncio.get_running_loop()
            self._event = asyncio.Event()
        return self._event

    def _wake(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = asyncio.Event()

    def notify(self) -> None:
        """The feed grew (call after the commit); safe from any thread, a no-op while no pull ever waited."""
        for listener in self.listeners:
            listener()
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the server is stopping
                loop.call_soon_threadsafe(self._wake)

    @staticmethod
    async def wait(event: asyncio.Event, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), min(timeout, RECHECK_S))
