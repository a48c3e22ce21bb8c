"""``POST /v1/events`` without the framework: a pure ASGI layer that answers a push itself, in one thread hop.

Why: with 200 counters pushing at once, the server's CPU per push decides how long the last one waits, and the
framework's per-request work (routing, dependency injection, the bearer scheme, exception and exit-stack layers)
was a measurable part of it (issue 18 item 13, ``bench/profile_sync_push.py``). Here the body (already bounded and
inflated by the :class:`~sync.server.middleware.BodyGate`) is parsed, authenticated and stored in one call in the
thread pool the framework's handlers use, and the answer is the same bytes the FastAPI route gave: same model
(:mod:`sync.server.push_body`), same errors (:func:`sync.server.answers.error_response`), same access-log fields.
The FastAPI route stays declared for the OpenAPI document and for any request this layer passes on.

Measured and dropped: a pool of one thread per database connection instead of anyio's pool. The CPU per push was
the same, but with 200 pushes at once on the loaded shared machine the median wait doubled in two runs out of two
(cause not pinned down; perhaps fewer runnable threads got a smaller share of the cores).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.protocol import constants as c
from sync.protocol.constants import Limits
from sync.protocol.models import PushRequest
from sync.server import anchors, devices, ingest, push_body
from sync.server.answers import error_response, json_response
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.feed_signal import FeedSignal

PUSH_PATH = c.API_PREFIX + "/events"


def bearer(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header (the scheme in any case, as FastAPI's HTTPBearer)."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, c.ERR_INVALID_TOKEN, "missing bearer token")
    return token


class Pusher:
    """Stores one push: authentication, every event answered on its own, the audit anchor, the feed woken."""

    def __init__(self, database: Database, limits: Limits, clock: Callable[[], str], signal: FeedSignal) -> None:
        self.database, self.limits, self.clock, self.signal = database, limits, clock, signal

    def store(self, body: PushRequest, authorization: str | None, state: dict[str, Any]) -> Response:
        """The answer to a parsed push; ``state`` receives the device and the counts for the access log."""
        if len(body.events) > self.limits.max_events_per_push:
            raise ApiError(413, c.ERR_TOO_MANY_EVENTS, f"at most {self.limits.max_events_per_push} events per push")
        token = bearer(authorization)
        now = self.clock()
        with self.database.transaction() as tx:
            device = devices.authenticate(tx, token, now)
            state["device_id"] = device.id
            results = ingest.ingest(tx, device, body.events, now, body.sent_at)
            if body.audit_head is not None:
                anchors.keep(tx, device, body.audit_head.seq, body.audit_head.hash, now)
        self.signal.notify()
        counts: dict[str, int] = {}
        for r in results:
            counts[r["result"]] = counts.get(r["result"], 0) + 1
        state["log"] = {"events": len(results), **counts}
        return json_response({"results": results, "server_time": self.clock()})

    def answer(self, raw: bytes, authorization: str | None, state: dict[str, Any]) -> Response:
        """The whole push from the raw (decoded) body, checked in the order the FastAPI route did: the body, the
        number of events, then the token."""
        try:
            return self.store(push_body.parse(raw), authorization, state)
        except Exception as exc:
            return error_response(exc)


class PushPath:
    """ASGI layer: answers ``POST /v1/events`` with a :class:`Pusher`, passes everything else on."""

    def __init__(self, app: Any, pusher: Pusher) -> None:
        self.app, self.pusher = app, pusher

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PUSH_PATH:
            await self.app(scope, receive, send)
            return
        raw = bytearray()
        while True:  # the BodyGate hands the whole body at once; a plain server might not
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        authorization = None
        for key, value in scope["headers"]:
            if key.lower() == b"authorization":
                authorization = value.decode("latin-1")
                break
        state = scope.setdefault("state", {})
        response = await run_in_threadpool(self.pusher.answer, bytes(raw), authorization, state)
        await response(scope, receive, send)
