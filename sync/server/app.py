"""The central server's HTTP API (FastAPI): health, enrolment, push, pull.

Each request is one database transaction that first authenticates the device, then does the work, so a revoked
token can never slip a write through. Handlers are plain functions run in the thread pool: the database calls
block, and the pool bounds how many run at once. A push, the hot path, is answered by a pure ASGI layer in one
hop onto that pool (:mod:`sync.server.push_route`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import constants as c
from sync.protocol.constants import DEFAULT_LIMITS
from sync.protocol.models import (
    AnchorsResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    PullResponse,
    PushRequest,
    PushResponse,
)
from sync.protocol.timefmt import utc_now
from sync.server import anchors, devices, feed, push_body
from sync.server.answers import error_response, json_response
from sync.server.attachments import with_ocr as attachment_routes
from sync.server.config import ServerSettings
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.feed_signal import FeedSignal
from sync.server.middleware import BigAnswerGzip, BodyGate, Observe
from sync.server.ocr import start_worker as start_ocr_worker
from sync.server.push_route import Pusher, PushPath
from sync.server.queue_routes import install_queue
from sync.server.queue_rules import QueueRules
from sync.server.schema import migrate

log = logging.getLogger("motcua.central")
_bearer = HTTPBearer(auto_error=False, description="the token from /v1/enroll")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
CursorParam = Annotated[str, Query(max_length=40, description="from the previous page; empty at first")]
LimitParam = Annotated[int, Query(ge=1, description="page size; the server may give fewer")]
WaitParam = Annotated[
    float, Query(ge=0, le=60, description="seconds to wait for a change when there is none (long poll)")
]
PushBody = Annotated[PushRequest, Depends(push_body.push_request)]  # parsed in one pass (push_body.py)
_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody} for code in (400, 401, 403, 409, 413, 422, 500)}

try:
    from importlib.metadata import version as _version

    SERVER_VERSION = _version("motcua")
except Exception:
    SERVER_VERSION = "dev"


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, c.ERR_INVALID_TOKEN, "missing bearer token")
    return credentials.credentials


def _install_error_handlers(app: FastAPI) -> None:
    async def handle(_: Request, exc: Exception) -> Response:
        return error_response(exc)  # sync/server/answers.py: the push path answers failures the same way

    for kind in (ApiError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, handle)


def create_app(
    settings: ServerSettings,
    db: Database | None = None,
    clock: Callable[[], str] = utc_now,
    queue_rules: QueueRules | None = None,
) -> FastAPI:
    """Build the application around a database (made from the settings unless given); migrates the schema.

    Everything lives in this closure (no module globals), so one process can serve several apps (the office
    hub reuses this server). ``clock`` is the server's time, injectable for tests. A server that hosts the
    office queue (``settings.queue_host``, the hub) needs the queue's rules, handed in by its composition root
    (``motcua hub serve``): ``sync/`` does not import the app's domain."""
    if settings.queue_host and queue_rules is None:
        raise ValueError("a server hosting the office queue needs its rules (queue_rules): see motcua hub serve")
    database = db or Database(settings.database_url, pool_size=settings.pool_size)
    migrate(database)
    limits = settings.limits

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="motcua-central",
        version=SERVER_VERSION,
        lifespan=lifespan,
        summary=f"MotCua central sync server, protocol {c.PROTOCOL_VERSION} (docs/sync-protocol.md)",
        # Off: it looked up the global OpenTelemetry providers on every request (the access log is ours).
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    _install_error_handlers(app)
    signal = FeedSignal()
    pusher = Pusher(database, limits, clock, signal)
    app.state.feed_signal = signal  # writers in this process (hub upstream, queue) notify waiting pulls
    app.state.database = database

    @app.get("/health", response_model=Health, tags=["health"])
    def health() -> Response:
        """Cheap liveness and database check; devices also use it as their connectivity probe."""
        with database.transaction(write=False) as tx:
            tx.scalar("SELECT 1 AS ok")
        return json_response(
            {
                "status": "ok",
                "protocol": c.PROTOCOL_VERSION,
                "server_time": clock(),
                "server_version": SERVER_VERSION,
                "queue": settings.queue_host,
                "role": settings.role,
            }
        )

    @app.post(c.API_PREFIX + "/enroll", response_model=EnrollResponse, responses=_ERRORS, tags=["devices"])
    def enroll(body: EnrollRequest, request: Request) -> Response:
        """Trade a one-time enrolment code for a device token and a device slot."""
        now = clock()
        with database.transaction() as tx:
            device, token, office_name = devices.enroll(
                tx, body.code, body.device_id, body.device_name, now, limits.enrollment_replay_seconds,
                body.office_code, body.slot,
            )
        request.state.device_id = device.id
        return json_response(
            {
                "device_id": device.id,
                "token": token,
                "office_code": device.office_code,
                "office_name": office_name,
                "slot": device.slot,
                "server_time": now,
                "protocol": c.PROTOCOL_VERSION,
            }
        )

    @app.post(
        c.API_PREFIX + "/events",
        response_model=PushResponse,
        responses=_ERRORS,
        tags=["sync"],
        openapi_extra=push_body.OPENAPI_BODY,
    )
    def push(body: PushBody, request: Request, credentials: Bearer) -> Response:  # credentials: the scheme, documented
        """Store a batch of events; one result per event, in order (see the protocol for the semantics).

        Served by the :class:`~sync.server.push_route.PushPath` layer, which gives the same answer for less CPU;
        this route documents it and answers a push that layer passes on."""
        return pusher.store(body, request.headers.get("authorization"), request.scope.setdefault("state", {}))

    def read_page(request: Request, token: str, cursor: str, limit: int) -> tuple[list[Any], str, bool]:
        now = clock()
        # A write transaction although it reads: "last seen" may be updated, and a SQLite read that turns into a
        # write half-way could fail at once instead of waiting for the lock.
        with database.transaction() as tx:
            device = devices.authenticate(tx, token, now)
            request.state.device_id = device.id
            page = min(limit, limits.max_changes_per_pull)
            return feed.read(tx, device.office_code, cursor, page, device.sees_people)  # a kiosk: no dossiers

    @app.get(c.API_PREFIX + "/changes", response_model=PullResponse, responses=_ERRORS, tags=["sync"])
    async def pull(
        request: Request,
        credentials: Bearer,
        cursor: CursorParam = "",
        limit: LimitParam = DEFAULT_LIMITS.default_changes_per_pull,
        wait: WaitParam = 0,
    ) -> Response:
        """The next page of changes for the device's office after ``cursor``. With ``wait``, an empty page is
        held until a change arrives or ``wait`` seconds pass (a long poll: devices learn of changes at once)."""
        token = _token(credentials)
        deadline = time.monotonic() + min(wait, settings.max_wait_s)
        while True:
            woken = signal.current()
            changes, next_cursor, more = await run_in_threadpool(read_page, request, token, cursor, limit)
            left = deadline - time.monotonic()
            if changes or left <= 0:
                break
            await signal.wait(woken, left)
        request.state.log = {"changes": len(changes)}
        return json_response({"changes": changes, "cursor": next_cursor, "more": more, "server_time": clock()})

    @app.get(c.API_PREFIX + "/anchors", response_model=AnchorsResponse, responses=_ERRORS, tags=["sync"])
    def get_anchors(request: Request, credentials: Bearer) -> Response:
        """This device's audit chain heads as received with its pushes (oldest first), for ``audit verify``."""
        now = clock()
        with database.transaction() as tx:
            device = devices.authenticate(tx, _token(credentials), now)
            request.state.device_id = device.id
            rows = anchors.of_device(tx, device)
        return json_response({"anchors": rows, "server_time": clock()})

    app.include_router(attachment_routes(database, start_ocr_worker(database)))  # sync/server/attachments.py
    if settings.queue_host and queue_rules is not None:
        install_queue(app, database, clock, queue_rules)  # sync/server/queue_routes.py: the office queue on the hub
    push_body.document(app)
    app.add_middleware(PushPath, pusher=pusher)  # innermost: gets the body whole, decoded
    app.add_middleware(BodyGate, limits=limits)
    app.add_middleware(BigAnswerGzip, minimum_size=limits.gzip_min_bytes)
    app.add_middleware(Observe)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` and multi-worker serving.

    Settings come from the environment that ``motcua-central serve`` prepared: ``MOTCUA_CENTRAL_DB``,
    ``MOTCUA_CENTRAL_LOG_LEVEL``, ``MOTCUA_CENTRAL_POOL``.
    """
    import os

    from sync.server import gc_tuning, jsonlog
    from sync.server.config import database_url, limits_with

    level = os.environ.get("MOTCUA_CENTRAL_LOG_LEVEL", "info")
    jsonlog.configure(level)
    pool = int(os.environ.get("MOTCUA_CENTRAL_POOL", "8"))
    limits = limits_with(int(os.environ.get("MOTCUA_CENTRAL_MAX_BODY", "0")))
    app = create_app(
        ServerSettings(
            database_url=database_url(),
            pool_size=pool,
            log_level=level,
            limits=limits,
        )
    )
    gc_tuning.settle()  # this worker serves from here on
    return app
