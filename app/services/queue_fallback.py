"""Hub down, office goes on: a PC of an office with a hub issues and calls its own tickets until the hub is back.

Why this shape: the queue is the hub's, but a counter must not stop when the hub's PC is off. Every action is
tried on the hub first; when the hub cannot be reached the PC works on its own store with numbers prefixed by
its device slot ("3A001": the hub never puts a digit in front, so the two series can never meet, and the
printed ticket shows whose number it is). Each step of them goes to this PC's outbox as a protocol queue
event, and the ordinary sync round delivers them to the hub once it is back (event ids make it exactly once),
which forwards them to the province.

When the hub answers again, the PC hands each of its own tickets still waiting to the hub (``hand_over``,
``POST /v1/queue/adopt``): the hub puts it in the office's fair order by how long it has waited, any counter
of the office can call it, and this PC closes its copy in one local transaction as soon as the hub's answer
says it holds the ticket (a crash in between only repeats the hand-over, which the hub answers by ticket id
without adopting twice). A ticket this PC is serving at that moment stays here until it is finished. While
the hub is down a hand-over is tried at most every ``RETRY_SECONDS``, so a PC whose hub is off does not wait
for a connect timeout at every key press.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from app.domain.errors import ValidationError
from app.services import queue_calls
from app.services.changes import Changes
from app.services.clock import iso
from app.services.context import ServiceContext
from app.services.queue import IssueResult, Ticket, issue_ticket, serving_row
from app.services.queue_backend import LocalQueue
from app.services.queue_calls import CallResult, TicketChange
from app.services.queue_remote import Desk, RemoteQueue
from app.store import tickets
from sync.client.errors import OfflineError, ServerError
from sync.protocol.timefmt import parse_time

T = TypeVar("T")
HUB_DOWN = (OfflineError, ServerError)
RETRY_SECONDS = 5.0
_HUB_DOWN_UNTIL: dict[str, float] = {}  # hub address -> see FallbackQueue.retry_at
HANDED_OVER = "handed_over"  # the local copy's closed state: the hub holds the ticket now (no local event is written)


def adoption(row: dict[str, Any], now: str) -> dict[str, Any]:
    """What the hub needs of one of this PC's own waiting tickets; ``age_seconds`` by this PC's own clock, so
    the hub can place it whatever the two clocks say."""
    # Both times are to the second (the store's format), so the true age may be up to a second shorter: count
    # it short rather than long, so that a ticket issued here never passes one the hub issued just before.
    age = max(0, int((parse_time(now) - parse_time(row["arrival_at"])).total_seconds()) - 1)
    keys = ("number", "priority_group", "day", "arrival_at", "source")
    return {"ticket_id": row["id"], "service": row["letter"], "age_seconds": age, **{k: row[k] for k in keys}}
HUB_DOWN_NO_SLOT_VI = ("mất kết nối với máy chủ hàng đợi: máy cấp số này không có khe thiết bị nên không tự cấp "
                       "số; số thứ tự được cấp tại các quầy cho đến khi máy chủ hoạt động lại")
HUB_DOWN_NO_SLOT_EN = ("the queue hub cannot be reached and this kiosk has no device slot to number its own "
                       "tickets: tickets are issued at the counters until the hub is back")


class FallbackQueue:
    """The hub's queue, or this PC's own (slot-prefixed) queue while the hub cannot be reached."""

    remote = True

    def __init__(self, hub: RemoteQueue, slot: int | None) -> None:
        self.hub = hub
        self.prefix = None if slot is None else str(slot)  # None: a kiosk with no slot cannot number its own
        self.degraded = False  # True once an action ran on this PC because the hub was down
        self.local = LocalQueue()

    @property
    def retry_at(self) -> float:
        """Monotonic time before which no hand-over is tried (the hub was down just now). Kept per hub address
        for the whole process: the window builds a queue for each action, and an attribute of the instance
        was forgotten with it, so every key press waited for the hub's timeout again."""
        return _HUB_DOWN_UNTIL.get(self.hub.t.base_url, 0.0)

    @retry_at.setter
    def retry_at(self, value: float) -> None:
        _HUB_DOWN_UNTIL[self.hub.t.base_url] = value

    def close(self) -> None:
        self.hub.close()

    def _either(self, on_hub: Callable[[], T], here: Callable[[], T]) -> T:
        try:
            return on_hub()
        except HUB_DOWN:
            self.degraded = True
            return here()

    def hand_over(self, ctx: ServiceContext) -> list[str]:
        """Give the hub each of this PC's own tickets still waiting; the numbers it took (empty: hub down)."""
        if time.monotonic() < self.retry_at or not self._own_waiting(ctx):
            return []
        taken: list[str] = []
        for row in tickets.waiting(ctx.store, ctx.clock.now().date().isoformat()):
            try:
                self.hub.adopt(adoption(row, iso(ctx.clock.now())))
            except HUB_DOWN:
                self.degraded = True
                self.retry_at = time.monotonic() + RETRY_SECONDS
                break
            except ValidationError:
                continue  # refused (e.g. a service the hub does not offer): it stays this PC's own
            self._close_copy(ctx, row["id"])
            taken.append(row["number"])
        return taken

    def _close_copy(self, ctx: ServiceContext, ticket_id: str) -> None:
        stamp = iso(ctx.clock.now())
        with ctx.store.transaction():
            row = tickets.ticket(ctx.store, ticket_id)
            if row is not None and row["state"] == "waiting":
                tickets.update_ticket(
                    ctx.store, ticket_id, {"state": HANDED_OVER, "finished_at": stamp, "updated_at": stamp}
                )

    def _own_waiting(self, ctx: ServiceContext) -> bool:
        return bool(tickets.waiting(ctx.store, ctx.clock.now().date().isoformat(), limit=1))

    def _own_at(self, ctx: ServiceContext, counter: int) -> bool:
        return serving_row(ctx.store, ctx.clock.now(), counter) is not None

    def _all_letters(self, ctx: ServiceContext) -> list[str]:
        return [s["letter"] for s in tickets.list_services(ctx.store)]

    def _call_here(self, ctx: ServiceContext, counter: int) -> CallResult:
        self.degraded = True
        if not self._own_waiting(ctx):
            raise ValidationError(
                "ticket",
                "không kết nối được máy chủ hàng đợi và máy này không có số nào đang chờ; hãy cấp số tại quầy",
                "the queue hub cannot be reached and this PC has no ticket waiting; issue one at the counter",
            )
        return queue_calls.call_next(ctx, counter, self._all_letters(ctx))

    # -- tickets ------------------------------------------------------------------------------------------------
    def issue_ticket(
        self, ctx: ServiceContext, letter: str, priority_group: str = "", source: str = "counter"
    ) -> IssueResult:
        self.hand_over(ctx)
        return self._either(
            lambda: self.hub.issue_ticket(ctx, letter, priority_group, source),
            lambda: self._issue_here(ctx, letter, priority_group, source),
        )

    def _issue_here(self, ctx: ServiceContext, letter: str, priority_group: str, source: str) -> IssueResult:
        if self.prefix is None:  # numbers without a slot prefix could meet the hub's: issue none
            raise ValidationError("ticket", HUB_DOWN_NO_SLOT_VI, HUB_DOWN_NO_SLOT_EN)
        return issue_ticket(ctx, letter, priority_group, source, prefix=self.prefix)

    def call_next(self, ctx: ServiceContext, counter: int) -> CallResult:
        self.hand_over(ctx)
        if self._own_waiting(ctx):
            return self._call_here(ctx, counter)  # the hub is down: this PC's own tickets
        if self._own_at(ctx, counter):
            self.local.finish(ctx, counter)  # the last own ticket is done: the next comes from the hub
        return self._either(lambda: self.hub.call_next(ctx, counter), lambda: self._call_here(ctx, counter))

    def call_ticket(self, ctx: ServiceContext, counter: int, text: str) -> CallResult:
        if text.strip()[:1].isdigit():  # a slot-prefixed number is one of this PC's own
            self.degraded = True
            return self.local.call_ticket(ctx, counter, text)
        return self.hub.call_ticket(ctx, counter, text)

    def _at_counter(self, ctx: ServiceContext, counter: int, action: str) -> Any:
        if self._own_at(ctx, counter):
            return getattr(self.local, action)(ctx, counter)
        return getattr(self.hub, action)(ctx, counter)

    def recall(self, ctx: ServiceContext, counter: int) -> CallResult:
        return self._at_counter(ctx, counter, "recall")

    def no_show(self, ctx: ServiceContext, counter: int) -> TicketChange:
        return self._at_counter(ctx, counter, "no_show")

    def finish(self, ctx: ServiceContext, counter: int) -> TicketChange:
        return self._at_counter(ctx, counter, "finish")

    def transfer(self, ctx: ServiceContext, counter: int, to_letter: str, number: str | None = None) -> TicketChange:
        own = self._own_at(ctx, counter) if number is None else number.strip()[:1].isdigit()
        if own:
            return self.local.transfer(ctx, counter, to_letter, number)
        return self.hub.transfer(ctx, counter, to_letter, number)

    # -- views and set-up (the hub's; this PC's own tickets while it is down) -----------------------------------
    def waiting_for(self, ctx: ServiceContext, counter: int | None = None) -> list[Ticket]:
        self.hand_over(ctx)
        own = self.local.waiting_for(ctx, None) if self._own_waiting(ctx) else []
        return own + self._either(lambda: self.hub.waiting_for(ctx, counter), list)

    def desk(self, ctx: ServiceContext, counter: int) -> Desk:
        """The hub's view of the counter, with this PC's own tickets (first) while it has any."""
        self.hand_over(ctx)
        own = self.local.desk(ctx, counter) if self._own_waiting(ctx) or self._own_at(ctx, counter) else None
        try:
            hub = self.hub.desk(ctx, counter)
        except HUB_DOWN:
            self.degraded = True
            return own or self.local.desk(ctx, counter)
        if own is None:
            return hub
        return Desk(hub.letters, own.current or hub.current, own.waiting + hub.waiting, hub.services)

    def list_services(self, ctx: ServiceContext, include_inactive: bool = False) -> list[dict[str, Any]]:
        return self._either(
            lambda: self.hub.list_services(ctx, include_inactive),
            lambda: self.local.list_services(ctx, include_inactive),
        )

    def list_counters(self, ctx: ServiceContext) -> list[dict[str, Any]]:
        return self.hub.list_counters(ctx)

    def save_service(
        self, ctx: ServiceContext, letter: str, name: str, name_en: str = "", *, active: bool = True
    ) -> Changes:
        return self.hub.save_service(ctx, letter, name, name_en, active=active)

    def get_settings(self, ctx: ServiceContext) -> dict[str, Any]:
        return self.hub.get_settings(ctx)

    def set_options(self, ctx: ServiceContext, **values: Any) -> Changes:
        return self.hub.set_options(ctx, **values)

    def set_counter(self, ctx: ServiceContext, counter: int, letters: list[str], name: str = "") -> Changes:
        return self.hub.set_counter(ctx, counter, letters, name)
