"""The waiting-room screen's line to the office hub: the hub's call stream read in a worker thread.

Why a thread: the stream is one long HTTP answer that blocks while nobody is called; the GUI thread only
receives its signals (queued across threads by Qt). When the stream drops, or stays silent longer than the
hub's keep-alive allows, the feed says so at once (``lost``) so the screen stops showing calls it can no
longer vouch for, and tries again every ``retry_s`` seconds (well within the 10 s the office expects).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sync.client.errors import SyncError
from sync.client.transport import Transport

STREAM_PATH = "/v1/queue/stream"
SILENCE_S = 6.0  # the hub sends a keep-alive every 2 s: three missed ones mean it is gone
RETRY_S = 1.0


class HubFeed(QObject):
    """Emits ``board`` (the whole board, a dict), ``calls`` (a list of new calls), ``lost`` and ``connected``."""

    board = Signal(dict)
    calls = Signal(list)
    lost = Signal(str)
    connected = Signal()

    def __init__(self, transport_factory: Callable[[], Transport], retry_s: float = RETRY_S) -> None:
        super().__init__()
        self._factory = transport_factory
        self._retry_s = retry_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._transport: Transport | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hub-feed", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._transport is not None:
            self._transport.close()  # unblocks a read in progress
        if self._thread is not None:
            self._thread.join(0.5)  # it ends at the next keep-alive at the latest; the window need not wait
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._transport = self._factory()
                self._follow(self._transport)
            except SyncError as exc:
                if not self._stop.is_set():
                    self.lost.emit(exc.code)
            except Exception as exc:  # a closed session while stopping, a malformed line: never kill the thread
                if not self._stop.is_set():
                    self.lost.emit(type(exc).__name__)
            finally:
                if self._transport is not None:
                    self._transport.close()
            self._stop.wait(self._retry_s)

    def _follow(self, t: Transport) -> None:
        first = True
        for name, data in t.stream(STREAM_PATH, SILENCE_S):
            if self._stop.is_set():
                return
            value: Any = json.loads(data)
            if name == "board":
                if first:
                    self.connected.emit()
                    first = False
                self.board.emit(value)
            elif name == "calls":
                self.calls.emit(value)
