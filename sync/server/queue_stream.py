"""``GET /v1/queue/stream``: server-sent events that push each call to the waiting-room screens.

Why SSE: one long HTTP answer through the same session (and TLS pin) as every other request, readable with
``requests`` in a worker thread, no second protocol. The stream opens with the whole board (``event: board``),
then after every change sends the new calls (``event: calls``, each announced once by the screen) and the new
board. "Every change" is any difference in the board, not only a new call: a ticket handed over by a PC
(``/adopt``, which writes no log row), a new service or counter set-up, or the day turning all change what the
screen shows without a call, and the screen must not wait for the next call to show them. A write in this
process wakes the stream at once (:class:`Notifier`, an asyncio event set from the writer's thread: the stream
sleeps until then, it does not poll); a write by another worker process is seen by the once-a-second check of
the board. A comment line every few seconds lets a screen tell a silent hub from a lost one.

The token is checked again at every look at the board: a screen revoked at the hub (``motcua hub revoke``)
loses the stream at once, not at its next reconnect, and its reconnect is refused.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from sync.server import devices
from sync.server import queue_actions as qa
from sync.server.db import Database
from sync.server.feed_signal import RECHECK_S, FeedSignal
from sync.server.queue_actions import QueueActions

KEEPALIVE_SECONDS = 2.0  # a screen that hears nothing for a few of these says it lost the hub
RECHECK_SECONDS = RECHECK_S
_bearer = HTTPBearer(auto_error=False)


class Notifier(FeedSignal):
    """Woken after each committed queue write (from the writer's thread); streams sleep on it."""

    def bump(self) -> None:
        self.notify()


def _event(name: str, data: Any) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def stream_route(
    database: Database,
    clock: Callable[[], str],
    notifier: Notifier,
    device_of: Callable[..., Any],
    actions: QueueActions,
) -> Callable[..., Any]:
    def opening(credentials: HTTPAuthorizationCredentials | None, request: Request) -> tuple[str, dict[str, Any]]:
        now = clock()
        with database.transaction() as tx:
            device = device_of(tx, credentials, request, now)
            return device.office_code, actions.board(tx, device.office_code, now)

    def changes(office: str, token: str, after: int) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
        """The calls after ``after`` and the board; None once the token no longer authenticates."""
        now = clock()
        with database.transaction(write=False) as tx:
            due = devices.listening(tx, token, now)
            if due is None:
                return None
            news = qa.new_calls(tx, office, now, after), actions.board(tx, office, now)
        if due:
            with database.transaction() as tx:
                devices.mark_seen(tx, due, now)
        return news

    async def stream(request: Request) -> StreamingResponse:
        """Calls as they happen, for this device's office (``text/event-stream``)."""
        credentials = await _bearer(request)
        woken = notifier.current()  # before the opening read: a write during it wakes the first wait at once
        office, first = await run_in_threadpool(opening, credentials, request)
        token = credentials.credentials if credentials else ""  # opening refused a missing one

        async def events() -> AsyncIterator[bytes]:
            nonlocal woken
            seen, shown = first["last_seq"], first
            yield _event("board", first)
            quiet_since = time.monotonic()
            while not await request.is_disconnected():
                await notifier.wait(woken, KEEPALIVE_SECONDS)  # a write, or RECHECK_SECONDS (another process)
                woken = notifier.current()  # before the read: a write during it wakes the next wait at once
                now = time.monotonic()
                news = await run_in_threadpool(changes, office, token, seen)
                if news is None:
                    return  # revoked (or enrolled again with a new token): the screen reconnects and is told
                calls, board = news
                if board != shown:
                    if calls:
                        yield _event("calls", calls)
                    seen, shown = board["last_seq"], board
                    yield _event("board", board)
                    quiet_since = now
                if now - quiet_since >= KEEPALIVE_SECONDS:
                    yield b": alive\n\n"
                    quiet_since = now

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(events(), media_type="text/event-stream", headers=headers)

    return stream
