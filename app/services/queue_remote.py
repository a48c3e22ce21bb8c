"""The office queue on the hub, behind the same calls as the local queue (:mod:`app.services.queue_backend`).

Why a thin adapter: the CLI, the kiosk and the display keep their code; only where the tickets live changes.
The hub answers with its own records and its own (UTC) clock; they come back here as the desktop's
``Ticket``/``IssueResult``/``CallResult`` with times in Vietnam time, and a refusal of a queue rule comes
back as the same ``ValidationError`` (field, Vietnamese, English) the local queue raises. One transport is
kept for the backend's life (keep-alive), made by the sync engine's factory so TLS and a pinned hub
certificate apply; short timeouts, so a hub that is gone is noticed in seconds, not half a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain import queue as rules
from app.domain.errors import ValidationError
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.queue import IssueResult, Ticket
from app.services.queue_calls import CallResult, TicketChange
from app.services.roles import require_role
from sync.client import queue_api as api
from sync.client.errors import RejectedError
from sync.client.transport import Transport, TransportConfig
from sync.protocol.timefmt import parse_time

QUEUE_TRANSPORT = TransportConfig(connect_timeout=2.0, read_timeout=5.0, attempts=2, backoff_base=0.2)
_TIMES = ("issued_at", "arrival_at", "called_at")


def local_time(moment: str | None) -> str | None:
    """A hub timestamp (UTC) as the store writes times: Vietnam time, seconds, with offset."""
    if not moment:
        return moment
    from app.services.clock import iso

    return iso(parse_time(moment))


def ticket(data: dict[str, Any]) -> Ticket:
    row = {**data, **{k: local_time(data.get(k)) for k in _TIMES}}
    row.setdefault("clerk", "")
    return Ticket.from_row(row)


@dataclass(frozen=True)
class Desk:
    """What a clerk's queue panel shows for one counter."""

    letters: list[str]
    current: Ticket | None
    waiting: list[Ticket]
    services: list[tuple[str, str]]  # (letter, Vietnamese name) of the active services


class RemoteQueue:
    """Queue actions sent to the hub; the method shapes are the local service functions' shapes."""

    remote = True

    def __init__(self, transport: Transport, office_code: str = "") -> None:
        self.t = transport
        self.office_code = office_code

    def close(self) -> None:
        self.t.close()

    def _do(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self.t, *args, **kwargs)
        except RejectedError as exc:
            body = exc.body if isinstance(exc.body, dict) else {}
            if exc.error == "queue_refused" and body.get("reason_vi"):
                raise ValidationError(str(body.get("field", "ticket")), body["reason_vi"], body["reason_en"]) from None
            raise

    # -- tickets ------------------------------------------------------------------------------------------------
    def issue_ticket(
        self, ctx: ServiceContext, letter: str, priority_group: str = "", source: str = "counter"
    ) -> IssueResult:
        d = self._do(api.issue, letter, priority_group, source)
        t = ticket(d["ticket"])
        qr = rules.qr_payload(self.office_code, t.day, t.number, t.id)
        return IssueResult(
            t, d["service_name"], d["ahead"], d["wait_minutes"], qr, Changes(queue=True, extra={"ticket_id": t.id})
        )

    def _called(self, d: dict[str, Any]) -> CallResult:
        t = ticket(d["ticket"])
        closed = None
        if d.get("closed"):
            closed = Ticket(t.id + ":closed", t.day, d["closed"], "", "", "served", "", "")
        return CallResult(t, d["counter"], closed, Changes(queue=True, extra={"ticket_id": t.id}))

    def call_next(self, ctx: ServiceContext, counter: int) -> CallResult:
        rules.validate_counter(counter)
        return self._called(self._do(api.call, counter, None, ctx.actor.username))

    def call_ticket(self, ctx: ServiceContext, counter: int, text: str) -> CallResult:
        scanned = rules.parse_qr(text)
        number = scanned[2] if scanned else text
        return self._called(self._do(api.call, counter, number, ctx.actor.username))

    def recall(self, ctx: ServiceContext, counter: int) -> CallResult:
        return self._called(self._do(api.counter_action, "recall", counter, ctx.actor.username))

    def no_show(self, ctx: ServiceContext, counter: int) -> TicketChange:
        return TicketChange(ticket(self._do(api.counter_action, "no-show", counter, ctx.actor.username)["ticket"]))

    def finish(self, ctx: ServiceContext, counter: int) -> TicketChange:
        return TicketChange(ticket(self._do(api.counter_action, "finish", counter, ctx.actor.username)["ticket"]))

    def transfer(self, ctx: ServiceContext, counter: int, to_letter: str, number: str | None = None) -> TicketChange:
        return TicketChange(ticket(self._do(api.transfer, counter, to_letter, number)["ticket"]))

    def adopt(self, ticket: dict[str, Any]) -> dict[str, Any]:
        """Hand one of this PC's own waiting tickets to the hub (see :func:`sync.client.queue_api.adopt`)."""
        return self._do(api.adopt, ticket)

    # -- views and set-up ---------------------------------------------------------------------------------------
    def waiting_for(self, ctx: ServiceContext, counter: int | None = None) -> list[Ticket]:
        return [ticket(d) for d in self._do(api.waiting, counter)]

    def desk(self, ctx: ServiceContext, counter: int) -> Desk:
        d = self._do(api.desk, counter)
        current = ticket(d["current"]) if d.get("current") else None
        services = [(s["letter"], s["name"]) for s in d["services"]]
        return Desk(d["letters"], current, [ticket(x) for x in d["waiting"]], services)

    def stats_steps(self, first_day: str, last_day: str) -> list[dict[str, Any]]:
        """The office's queue steps of those days, for :func:`app.services.queue_stats.figures`."""
        return self._do(api.stats, first_day, last_day)  # type: ignore[no-any-return]

    def board(self) -> dict[str, Any]:
        return self._do(api.board)

    def list_services(self, ctx: ServiceContext, include_inactive: bool = False) -> list[dict[str, Any]]:
        rows = self._do(api.config)["services"]
        return [r for r in rows if include_inactive or r["active"]]

    def list_counters(self, ctx: ServiceContext) -> list[dict[str, Any]]:
        return self._do(api.config)["counters"]

    def save_service(
        self, ctx: ServiceContext, letter: str, name: str, name_en: str = "", *, active: bool = True
    ) -> Changes:
        require_role(ctx.actor, "supervisor", "thay đổi cấu hình hàng đợi", "change the queue set-up")
        self._do(api.save_service, letter, name, name_en, active)
        return Changes(queue=True)

    def get_settings(self, ctx: ServiceContext) -> dict[str, Any]:
        d = self._do(api.config)
        return {k: d[k] for k in ("recalls_before_no_show", "voice", "chime")}

    def set_options(self, ctx: ServiceContext, **values: Any) -> Changes:
        require_role(ctx.actor, "supervisor", "thay đổi cấu hình hàng đợi", "change the queue set-up")
        self._do(api.set_options, **values)
        return Changes(queue=True)

    def set_counter(self, ctx: ServiceContext, counter: int, letters: list[str], name: str = "") -> Changes:
        require_role(ctx.actor, "supervisor", "thay đổi cấu hình hàng đợi", "change the queue set-up")
        self._do(api.save_counter, counter, letters, name)
        return Changes(queue=True)
