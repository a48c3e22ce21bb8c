"""HTTP routes of the office queue (``/v1/queue/…``), installed by one call in ``create_app`` when the server
hosts the queue (the office hub: ``ServerSettings.queue_host``).

Each write is one transaction: authenticate the device, replay the stored answer if this ``request_id`` was
answered before (a retry after a lost answer must not call a second citizen), act, remember the answer. An
action its rules refuse (:class:`~sync.server.queue_rules.QueueRules`) rolls back and answers 422 with the
field and the reason in Vietnamese and English, which the device shows as it shows its own local errors. A
full disk answers 507 and writes nothing (SQLite rolls the transaction back).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from sync.protocol import constants as c
from sync.protocol.timefmt import parse_time
from sync.server import cipher, devices, queue_adopt, queue_figures, queue_roles
from sync.server import queue_store as qs
from sync.server.answers import json_response
from sync.server.db import Database, Tx
from sync.server.errors import ApiError
from sync.server.queue_actions import QueueActions
from sync.server.queue_days import close_at_start, close_earlier_days, office_date
from sync.server.queue_rules import QueueRules, Refusal
from sync.server.queue_stream import Notifier, stream_route

_bearer = HTTPBearer(auto_error=False)
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
PREFIX = c.API_PREFIX + "/queue"
REQUEST_ID = r"^[0-9A-Za-z-]{8,64}$"
ERR_REFUSED = "queue_refused"
ERR_DISK_FULL = "disk_full"


class _Body(BaseModel):
    request_id: str = Field(pattern=REQUEST_ID, description="made by the device; a retry sends it again")
    clerk: str = Field(default="", max_length=120)


class IssueBody(_Body):
    service: str = Field(max_length=4)
    priority_group: str = Field(default="", max_length=40)
    source: str = Field(default="kiosk", pattern=r"^(kiosk|counter|cli)$")


class CounterBody(_Body):
    counter: int
    number: str | None = Field(default=None, max_length=300)


class TransferBody(CounterBody):
    to: str = Field(max_length=4)


class AdoptBody(_Body):
    ticket_id: str = Field(pattern=r"^[0-9a-fA-F-]{32,36}$", description="the PC's ticket id: adopted once")
    number: str = Field(max_length=8, description="as printed, device slot in front (1A001)")
    service: str = Field(max_length=4)
    priority_group: str = Field(default="", max_length=40)
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    arrival_at: str = Field(default="", max_length=40, description="the PC's clock; for the record only")
    age_seconds: int = Field(ge=0, description="how long it has waited by the PC's clock: orders it on the hub")
    source: str = Field(default="counter", pattern=r"^(kiosk|counter|cli)$")


class ServiceBody(_Body):
    letter: str = Field(max_length=4)
    name: str = Field(max_length=200)
    name_en: str = Field(default="", max_length=200)
    active: bool = True


class OptionsBody(_Body):
    recalls_before_no_show: int | None = None
    voice: str | None = Field(default=None, max_length=10)
    chime: bool | None = None


class CounterSetBody(_Body):
    counter: int
    letters: list[str] = Field(max_length=26)
    name: str = Field(default="", max_length=120)



def refused(exc: Refusal) -> Response:
    return json_response(
        {
            "error": ERR_REFUSED,
            "message": exc.message("en"),
            "field": exc.field,
            "reason_vi": exc.reason_vi,
            "reason_en": exc.reason_en,
        },
        422,
    )


DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def install_queue(app: FastAPI, database: Database, clock: Callable[[], str], rules: QueueRules) -> None:
    """Add the queue routes and the screens' stream to ``app``, acting by ``rules``."""
    notifier = Notifier()
    qa = QueueActions(rules)
    close_at_start(rules, database, clock())  # a hub switched off overnight: yesterday's tickets closed
    router = APIRouter(prefix=PREFIX, tags=["queue"])

    def device_of(tx: Tx, credentials: HTTPAuthorizationCredentials | None, request: Request, now: str):
        if credentials is None or not credentials.credentials:
            raise ApiError(401, c.ERR_INVALID_TOKEN, "missing bearer token")
        device = devices.authenticate(tx, credentials.credentials, now)
        request.state.device_id = device.id
        return device

    def write(
        body: _Body,
        request: Request,
        credentials: Bearer,
        act: Callable[..., dict[str, Any]],
        roles: frozenset[str] = queue_roles.COUNTERS,
    ) -> Response:
        now = clock()
        try:
            rules.check_queue_clock(office_date(parse_time(now)), hub=True)  # a reset clock: a new series
            with database.transaction() as tx:
                device = device_of(tx, credentials, request, now)
                queue_roles.check(rules, device, roles)
                close_earlier_days(rules, tx, device.office_code, now)  # the first write of a new day
                answer = qs.answered(tx, device.office_code, body.request_id)
                if answer is None:
                    answer = {**act(tx, device, now), "server_time": now}
                    qs.remember(tx, device.office_code, body.request_id, answer, now)
        except rules.ValidationError as exc:
            return refused(exc)
        except cipher.error_types("OperationalError") as exc:  # the hub's database is SQLCipher's
            if "full" in str(exc).lower():
                raise ApiError(507, ERR_DISK_FULL, "the hub's disk is full: nothing was written") from exc
            raise
        notifier.bump()
        return json_response(answer)

    def read(request: Request, credentials: Bearer, look: Callable[[Tx, devices.Device, str], Any]) -> Response:
        now = clock()
        try:
            with database.transaction() as tx:
                device = device_of(tx, credentials, request, now)
                return json_response(look(tx, device, now))
        except rules.ValidationError as exc:
            return refused(exc)

    @router.post("/tickets")
    def issue(body: IssueBody, request: Request, credentials: Bearer) -> Response:
        """Issue the next number of a service (the kiosk, or a clerk for a citizen at the desk)."""
        return write(
            body,
            request,
            credentials,
            lambda tx, d, now: qa.issue(tx, d, now, body.service, body.priority_group, body.source, str(uuid.uuid4())),
            queue_roles.ISSUERS,
        )

    @router.post("/call")
    def call(body: CounterBody, request: Request, credentials: Bearer) -> Response:
        """Call the next citizen for a counter, or (``number``) one ticket out of order."""
        if body.number:
            number = body.number
            return write(
                body,
                request,
                credentials,
                lambda tx, d, now: qa.call_number(tx, d, now, body.counter, number, body.clerk),
            )
        return write(body, request, credentials, lambda tx, d, now: qa.call_next(tx, d, now, body.counter, body.clerk))

    @router.post("/recall")
    def recall(body: CounterBody, request: Request, credentials: Bearer) -> Response:
        return write(body, request, credentials, lambda tx, d, now: qa.recall(tx, d, now, body.counter))

    @router.post("/no-show")
    def no_show(body: CounterBody, request: Request, credentials: Bearer) -> Response:
        return write(body, request, credentials, lambda tx, d, now: qa.no_show(tx, d, now, body.counter))

    @router.post("/finish")
    def finish(body: CounterBody, request: Request, credentials: Bearer) -> Response:
        return write(body, request, credentials, lambda tx, d, now: qa.finish(tx, d, now, body.counter))

    @router.post("/transfer")
    def transfer(body: TransferBody, request: Request, credentials: Bearer) -> Response:
        return write(
            body, request, credentials, lambda tx, d, now: qa.transfer(tx, d, now, body.counter, body.to, body.number)
        )

    @router.post("/adopt")
    def adopt(body: AdoptBody, request: Request, credentials: Bearer) -> Response:
        """A ticket a PC issued on its own while the hub was down joins the office's queue (once per ticket id)."""
        return write(
            body,
            request,
            credentials,
            lambda tx, d, now: queue_adopt.adopt(
                qa,
                tx,
                d,
                now,
                body.ticket_id,
                body.number,
                body.service,
                body.priority_group,
                body.age_seconds,
                body.day,
                body.source,
            ),
        )

    @router.post("/services")
    def save_service(body: ServiceBody, request: Request, credentials: Bearer) -> Response:
        """The hub's copy of the office's services (set from a supervisor's device: ``motcua service …``)."""
        return write(
            body,
            request,
            credentials,
            lambda tx, d, now: qa.save_service(tx, d.office_code, body.letter, body.name, body.name_en, body.active),
        )

    @router.post("/counters")
    def save_counter(body: CounterSetBody, request: Request, credentials: Bearer) -> Response:
        """Which services a counter calls (``motcua counter set`` on a supervisor's device)."""
        return write(
            body,
            request,
            credentials,
            lambda tx, d, now: qa.save_counter(tx, d.office_code, body.counter, body.letters, body.name),
        )

    @router.post("/options")
    def set_options(body: OptionsBody, request: Request, credentials: Bearer) -> Response:
        """Recalls before a no-show, the screens' voice and chime (``motcua ticket settings`` on a device)."""
        return write(
            body,
            request,
            credentials,
            lambda tx, d, now: qa.set_options(tx, d.office_code, body.recalls_before_no_show, body.voice, body.chime),
        )

    @router.get("/waiting")
    def waiting(request: Request, credentials: Bearer, counter: Annotated[int | None, Query()] = None) -> Response:
        """Today's waiting tickets in calling order (of one counter's services, or all)."""
        return read(request, credentials, lambda tx, d, now: qa.waiting_list(tx, d.office_code, now, counter))

    @router.get("/desk")
    def desk(request: Request, credentials: Bearer, counter: Annotated[int, Query()]) -> Response:
        """One counter's panel: its services, the ticket it serves, who waits for it."""
        return read(request, credentials, lambda tx, d, now: qa.desk(tx, d.office_code, now, counter))

    @router.get("/stats")
    def stats(
        request: Request,
        credentials: Bearer,
        first: Annotated[str, Query(pattern=DAY_PATTERN)],
        last: Annotated[str, Query(pattern=DAY_PATTERN)],
    ) -> Response:
        """The office's queue steps of the days ``first``..``last``, counted by the PC (``motcua ticket stats``)."""
        return read(
            request, credentials, lambda tx, d, now: {"steps": queue_figures.steps(tx, d.office_code, first, last)}
        )

    @router.get("/config")
    def config(request: Request, credentials: Bearer) -> Response:
        return read(request, credentials, lambda tx, d, now: qa.config(tx, d.office_code))

    @router.get("/board")
    def board(request: Request, credentials: Bearer) -> Response:
        """What the waiting-room screen shows now (the stream sends the same after each change)."""
        return read(request, credentials, lambda tx, d, now: qa.board(tx, d.office_code, now))

    router.add_api_route("/stream", stream_route(database, clock, notifier, device_of, qa), methods=["GET"])
    app.include_router(router)
