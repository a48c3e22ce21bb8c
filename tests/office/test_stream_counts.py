"""The waiting-room screen's counts follow a hand-over at once: a ticket a PC hands to the hub (``/adopt``, no
call, no log row) is pushed on the hub's real stream as a new board, without waiting for the next call."""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.context import Actor
from app.services.queue_backend import hub_session
from app.services.queue_remote import RemoteQueue
from sync.client.transport import OfflineError, Transport
from sync.protocol.timefmt import utc_now
from sync.server.db import Database
from tests.office.helpers import device, remote
from tests.sync.serverproc import CentralProcess

pytestmark = pytest.mark.slow
SUPERVISOR = Actor("giamsat", "Lê Văn Giám", "supervisor")


def _follow(transport: Transport, boards: queue.Queue[tuple[str, Any]], stop: threading.Event) -> None:
    import json

    try:
        for name, data in transport.stream("/v1/queue/stream", 5.0):
            boards.put((name, json.loads(data)))
            if stop.is_set():
                return
    except (OfflineError, ValueError):  # the hub stopped at the end of the test, mid-event
        return


def _next_board(boards: queue.Queue[tuple[str, Any]], timeout: float = 5.0) -> tuple[list[str], dict[str, Any]]:
    """The next board event and the names of the events before it."""
    names: list[str] = []
    while True:
        name, data = boards.get(timeout=timeout)
        names.append(name)
        if name == "board":
            return names, data


@pytest.fixture
def screen_stream(hub: tuple[CentralProcess, Database], store_template: Path, tmp_path: Path) -> Iterator[Any]:
    proc, db = hub
    ctx = device(store_template, tmp_path / "screen", db, proc.url, SUPERVISOR)
    hub_queue = remote(ctx).hub
    assert isinstance(hub_queue, RemoteQueue)
    boards: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()
    factory = hub_session(ctx)
    assert factory is not None
    worker = threading.Thread(target=_follow, args=(factory(), boards, stop), daemon=True)  # its own session
    worker.start()
    yield ctx, hub_queue, boards
    stop.set()
    proc.stop()  # ends the stream; the fixture's own teardown finds it stopped
    worker.join(10)
    ctx.store.close()


def test_a_handed_over_ticket_reaches_the_screens_counts_without_a_call(screen_stream: Any) -> None:
    _, hub_queue, boards = screen_stream
    _, first = _next_board(boards)
    before = first["waiting"].get("A", 0)
    day = first["day"]
    answer = hub_queue.adopt({"ticket_id": str(uuid.uuid4()), "service": "A", "number": "3A001", "age_seconds": 60,
                              "priority_group": "", "day": day, "arrival_at": utc_now(), "source": "kiosk"})
    assert answer["adopted"] is True
    names, board = _next_board(boards, timeout=3.0)
    assert names == ["board"], "no call was made: only the board is pushed"
    assert board["waiting"].get("A", 0) == before + 1
    assert board["last_seq"] == first["last_seq"], "the hand-over wrote no log row"


def test_a_new_service_set_up_is_pushed_and_an_unchanged_board_is_not_sent_again(screen_stream: Any) -> None:
    ctx, hub_queue, boards = screen_stream
    _next_board(boards)
    hub_queue.save_service(ctx, "K", "Đất đai")
    _, board = _next_board(boards, timeout=3.0)
    assert board["services"].get("K") == "Đất đai"
    with pytest.raises(queue.Empty):
        _next_board(boards, timeout=1.5)  # the once-a-second recheck finds nothing new: nothing is sent
