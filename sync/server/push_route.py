"""``POST /v1/events`` without the framework: a pure ASGI layer that answers a push itself.

Why: with 200 counters pushing at once, the server's CPU per push decides how long the last one waits, and the
framework's per-request work (routing, dependency injection, the bearer scheme, exception and exit-stack layers)
was a measurable part of it (issue 18 item 13, ``bench/profile_sync_push.py``). Here the body (already bounded and
inflated by the :class:`~sync.server.middleware.BodyGate`) is parsed on the event loop, then authenticated and
stored with the pushes waiting beside it in one hop onto the thread pool the framework's handlers use (one hop per
batch, not per push), and the answer is the same bytes the FastAPI route gave: same model
(:mod:`sync.server.push_body`), same errors (:func:`sync.server.answers.error_response`), same access-log fields.
The FastAPI route stays declared for the OpenAPI document and for any request this layer passes on. Pushes that
come while others are being stored are stored together (:mod:`sync.server.push_batch`), each answered as if alone.

Measured and dropped: a pool of one thread per database connection instead of anyio's pool. The CPU per push was
the same, but with 200 pushes at once on the loaded shared machine the median wait doubled in two runs out of two
(cause not pinned down; perhaps fewer runnable threads got a smaller share of the cores).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi.responses import Response

from sync.protocol import constants as c
from sync.protocol.constants import Limits
from sync.protocol.models import PushRequest
from sync.server import anchors, devices, ingest, push_body
from sync.server.answers import error_response, json_response
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.feed_signal import FeedSignal
from sync.server.push_batch import Batcher, Job

PUSH_PATH = c.API_PREFIX + "/events"
log = logging.getLogger("motcua.central")


def bearer(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer …`` header (the scheme in any case, as FastAPI's HTTPBearer)."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, c.ERR_INVALID_TOKEN, "missing bearer token")
    return token


class Pusher:
    """Stores pushes: authentication, every event answered on its own, the audit anchor, the feed woken. Pushes
    that come while others are being stored are stored together (:mod:`sync.server.push_batch`)."""

    def __init__(self, database: Database, limits: Limits, clock: Callable[[], str], signal: FeedSignal) -> None:
        self.database, self.limits, self.clock, self.signal = database, limits, clock, signal
        self.batcher = Batcher(self.store_batch, error_response)

    def _checked(self, body: PushRequest, authorization: str | None) -> str:
        """The token, once the push's own size is checked (in the order the FastAPI route did)."""
        if len(body.events) > self.limits.max_events_per_push:
            raise ApiError(413, c.ERR_TOO_MANY_EVENTS, f"at most {self.limits.max_events_per_push} events per push")
        return bearer(authorization)

    def _respond(self, results: list[dict[str, Any]], state: dict[str, Any]) -> Response:
        counts: dict[str, int] = {}
        for r in results:
            counts[r["result"]] = counts.get(r["result"], 0) + 1
        state["log"] = {"events": len(results), **counts}
        return json_response({"results": results, "server_time": self.clock()})

    def store(self, body: PushRequest, authorization: str | None, state: dict[str, Any]) -> Response:
        """The answer to a parsed push stored alone; ``state`` receives the device and the counts for the log."""
        token = self._checked(body, authorization)
        now = self.clock()
        with self.database.transaction() as tx:
            device = devices.authenticate(tx, token, now)
            state["device_id"] = device.id
            results = ingest.ingest(tx, device, body.events, now, body.sent_at)
            if body.audit_head is not None:
                anchors.keep(tx, device, body.audit_head.seq, body.audit_head.hash, now)
        self.signal.notify()
        return self._respond(results, state)

    def store_batch(self, jobs: list[Job]) -> None:
        """Answer every job: together in one transaction, or (if that fails as a whole) each alone."""
        if len(jobs) == 1:
            jobs[0].response = self._alone(jobs[0])
            return
        try:
            answers = self._together(jobs)
        except Exception as exc:
            log.warning("a batch of %d pushes failed as a whole (%s): storing each alone", len(jobs), exc)
            for job in jobs:
                job.state.pop("device_id", None)
                job.response = self._alone(job)
            return
        for job, response in zip(jobs, answers, strict=True):
            job.response = response

    def _alone(self, job: Job) -> Response:
        try:
            return self.store(job.body, "Bearer " + job.token, job.state)
        except Exception as exc:
            return error_response(exc)

    def _together(self, jobs: list[Job]) -> list[Response]:
        now = self.clock()
        refused: dict[int, Response] = {}
        live: list[tuple[Job, devices.Device]] = []
        with self.database.transaction() as tx:
            for n, job in enumerate(jobs):
                try:
                    device = devices.authenticate(tx, job.token, now)
                except ApiError as exc:  # nothing written for this push: the others go on
                    refused[n] = error_response(exc)
                    continue
                job.state["device_id"] = device.id
                live.append((job, device))
            deliveries = [ingest.Delivery(device, job.body.events, job.body.sent_at) for job, device in live]
            stored = ingest.ingest_many(tx, deliveries, now)
            for job, device in live:
                head = job.body.audit_head
                if head is not None:
                    anchors.keep(tx, device, head.seq, head.hash, now)
        self.signal.notify()
        results = iter(stored)
        return [refused[n] if n in refused else self._respond(next(results), job.state) for n, job in enumerate(jobs)]

    async def answer(self, raw: bytes, authorization: str | None, state: dict[str, Any]) -> Response:
        """The whole push from the raw (decoded) body, checked in the order the FastAPI route did: the body, the
        number of events, then the token; then stored, with the pushes waiting beside it. The body is parsed on
        the event loop (pydantic's JSON reader, well under a millisecond): the thread pool is for the batches."""
        try:
            body = push_body.parse(raw)
            token = self._checked(body, authorization)
        except Exception as exc:
            return error_response(exc)
        return await self.batcher.submit(Job(body, token, state))


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
        response = await self.pusher.answer(bytes(raw), authorization, state)
        await response(scope, receive, send)
