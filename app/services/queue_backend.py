"""Where this PC's queue lives: in its own store (one PC, or an office without a hub) or on the office hub.

Why one switch: the CLI, the kiosk and the display ask :func:`queue_for` once and then call the same methods
either way. A device enrolled with a server whose ``/health`` says ``"queue": true`` uses the hub; the answer
is remembered in ``sync_state`` (key ``queue_host``), so a hub that is down is still known to be the hub.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from app.services import queue_board, queue_calls, queue_config
from app.services.changes import Changes
from app.services.context import ServiceContext
from app.services.queue import IssueResult, Ticket, issue_ticket
from app.services.queue_calls import CallResult, TicketChange
from app.services.queue_remote import Desk
from app.store import sync_state

if TYPE_CHECKING:
    from sync.client.transport import Transport

STATE_KEY = "queue_host"


class QueueBackend(Protocol):
    remote: bool

    def issue_ticket(
        self, ctx: ServiceContext, letter: str, priority_group: str = "", source: str = "counter"
    ) -> IssueResult: ...
    def call_next(self, ctx: ServiceContext, counter: int) -> CallResult: ...
    def call_ticket(self, ctx: ServiceContext, counter: int, text: str) -> CallResult: ...
    def recall(self, ctx: ServiceContext, counter: int) -> CallResult: ...
    def no_show(self, ctx: ServiceContext, counter: int) -> TicketChange: ...
    def finish(self, ctx: ServiceContext, counter: int) -> TicketChange: ...
    def transfer(
        self, ctx: ServiceContext, counter: int, to_letter: str, number: str | None = None
    ) -> TicketChange: ...
    def waiting_for(self, ctx: ServiceContext, counter: int | None = None) -> list[Ticket]: ...
    def list_services(self, ctx: ServiceContext, include_inactive: bool = False) -> list[dict[str, Any]]: ...
    def list_counters(self, ctx: ServiceContext) -> list[dict[str, Any]]: ...
    def save_service(
        self, ctx: ServiceContext, letter: str, name: str, name_en: str = "", *, active: bool = True
    ) -> Changes: ...
    def set_counter(self, ctx: ServiceContext, counter: int, letters: list[str], name: str = "") -> Changes: ...
    def desk(self, ctx: ServiceContext, counter: int) -> Desk: ...
    def get_settings(self, ctx: ServiceContext) -> dict[str, Any]: ...
    def set_options(self, ctx: ServiceContext, **values: Any) -> Changes: ...
    def close(self) -> None: ...


class LocalQueue:
    """The queue in this PC's store: the service functions as they are."""

    remote = False
    issue_ticket = staticmethod(issue_ticket)
    call_next = staticmethod(queue_calls.call_next)
    call_ticket = staticmethod(queue_calls.call_ticket)
    recall = staticmethod(queue_calls.recall)
    no_show = staticmethod(queue_calls.no_show)
    finish = staticmethod(queue_calls.finish)
    transfer = staticmethod(queue_calls.transfer)
    list_services = staticmethod(queue_config.list_services)
    list_counters = staticmethod(queue_config.list_counters)
    save_service = staticmethod(queue_config.save_service)
    set_counter = staticmethod(queue_config.set_counter)
    get_settings = staticmethod(queue_config.get_settings)
    set_options = staticmethod(queue_config.set_options)

    @staticmethod
    def waiting_for(ctx: ServiceContext, counter: int | None = None) -> list[Ticket]:
        letters = queue_board.counter_letters(ctx.store, counter) if counter is not None else None
        return queue_board.waiting_for(ctx.store, ctx.clock.now().date(), letters)

    @staticmethod
    def desk(ctx: ServiceContext, counter: int) -> Desk:
        now = ctx.clock.now()
        day = now.date()
        letters = queue_board.counter_letters(ctx.store, counter)
        services = [(r["letter"], r["name"]) for r in queue_config.list_services(ctx)]
        return Desk(
            letters,
            queue_board.at_counter(ctx.store, now, counter),
            queue_board.waiting_for(ctx.store, day, letters),
            services,
        )

    def close(self) -> None:
        pass


def _remembered(ctx: ServiceContext) -> bool | None:
    return on_hub(ctx.store)


def on_hub(store: Any) -> bool | None:
    """What this device last learnt of its server (True: a hub hosting the queue), without asking it."""
    return sync_state.get(store, STATE_KEY)  # type: ignore[no-any-return]


def remember(ctx: ServiceContext, hosted: bool | None) -> None:
    """Keep what the server said of the queue (None: not known, asked at the next queue action)."""
    with ctx.store.transaction():
        sync_state.put(ctx.store, STATE_KEY, hosted)


def hub_session(ctx: ServiceContext) -> Callable[[], Transport] | None:
    """A maker of transports to the office hub for a screen that follows its stream, or None when this PC's
    queue is local. Each call makes a fresh transport (a dropped stream is not reused)."""
    from app.services.queue_remote import QUEUE_TRANSPORT
    from app.services.sync_bridge import build_engine
    from sync.client.errors import NotEnrolledError

    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    try:
        engine.session(QUEUE_TRANSPORT).close()
    except NotEnrolledError:
        return None
    if not _remembered(ctx):
        q = queue_for(ctx)  # asks the server once when nothing is known yet
        q.close()
        if not q.remote:
            return None
    return lambda: engine.session(QUEUE_TRANSPORT)


def queue_for(ctx: ServiceContext) -> QueueBackend:
    """The hub's queue when this device is enrolled with a server that hosts one, else the local queue."""
    from app.services.queue_remote import QUEUE_TRANSPORT, RemoteQueue
    from app.services.sync_bridge import build_engine
    from sync.client import api
    from sync.client.errors import NotEnrolledError, SyncError

    engine = build_engine(ctx.store, ctx.data_dir, ctx.clock)
    try:
        transport = engine.session(QUEUE_TRANSPORT)
    except NotEnrolledError:
        return LocalQueue()
    from app.services.queue_fallback import FallbackQueue

    state = engine.store.load_state()
    hosted = _remembered(ctx)
    if hosted is None:
        try:
            hosted = api.health(transport).queue
        except SyncError:
            if state.slot is None:  # a kiosk/screen without a slot: its own numbers could collide, so none
                return FallbackQueue(RemoteQueue(transport, state.office_code), None)
            transport.close()
            return LocalQueue()  # not known yet and not reachable: nothing says a hub exists
        remember(ctx, hosted)
    if not hosted:
        transport.close()
        return LocalQueue()
    return FallbackQueue(RemoteQueue(transport, state.office_code), state.slot)


class HubStatsUnreachable(Exception):
    """The office's queue figures are on its hub, and the hub cannot be reached (said, never a traceback)."""

    exit_code = 3  # the CLI's "environment" code: nothing is wrong with what was typed

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url

    def user_message(self, lang: str = "vi") -> str:
        if lang == "en":
            return (f"cannot reach the queue hub ({self.url}): the office's queue figures are kept there. Try "
                    "again when the hub is back, or add --this-pc for the tickets this PC issued on its own "
                    "while the hub was down")
        return (f"không kết nối được máy chủ hàng đợi ({self.url}): thống kê hàng đợi của cả bộ phận nằm trên "
                "máy chủ đó. Hãy thử lại khi máy chủ hoạt động, hoặc thêm --this-pc để xem riêng các số máy này "
                "tự cấp khi mất kết nối với máy chủ")

    def missing_reason(self, lang: str = "vi") -> str:
        """Why the statistics and the exports have no queue part (their other parts are still produced)."""
        if lang == "en":
            return (f"cannot reach the queue hub ({self.url}), which keeps the office's queue figures: the queue "
                    "part is not in these statistics")
        return (f"không kết nối được máy chủ hàng đợi ({self.url}), nơi lưu số liệu hàng đợi của cả bộ phận: "
                "thống kê này không có phần hàng đợi")


def office_stats(ctx: ServiceContext, first_day: str, last_day: str, this_pc: bool = False) -> dict[str, Any]:
    """The queue statistics a supervisor means: the office's. On a PC of an office with a hub they are the
    hub's (this PC's store holds only the tickets it issued while the hub was down); a hub that cannot be
    reached is said (:class:`HubStatsUnreachable`) rather than answered with this PC's near-empty figures
    as if they were the office's. ``this_pc``: this PC's own store, whatever hosts the queue."""
    from app.services.queue_stats import figures, queue_stats

    if this_pc or not on_hub(ctx.store):
        return {**queue_stats(ctx.store, first_day, last_day), "source": "this_pc"}
    queue = queue_for(ctx)
    try:
        hub = getattr(queue, "hub", None)
        if hub is None:  # the device no longer hosts its queue on a hub
            return {**queue_stats(ctx.store, first_day, last_day), "source": "this_pc"}
        from app.services.queue_fallback import HUB_DOWN

        try:
            steps = hub.stats_steps(first_day, last_day)
        except HUB_DOWN as exc:
            raise HubStatsUnreachable(hub.t.base_url) from exc
    finally:
        queue.close()
    return {**figures(steps, {}, first_day, last_day), "source": "hub"}
