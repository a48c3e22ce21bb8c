"""Hearing about the feed at once: a long poll held open on the server beside the sync runner.

Why a thread of its own: the runner must stay free to send a local change the moment it is written, while
learning of another counter's change needs a request that waits on the server (``GET /v1/changes?wait=…``,
served by an office hub). The watcher holds that request and wakes the runner when the server says there is
news, or when the server answers again after being unreachable (the hub is back: reconnect within seconds, not
at the next offline probe). It never touches the store: the runner hands it where to look after each round.

One connection for all its polls: a new TCP and TLS handshake every 25 s per counter was work for the server
and the network for nothing. The transport is kept while the server, token and settings stay the same; one the
server closed while idle is replaced by the transport itself (:mod:`sync.client.transport`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sync.client import api
from sync.client.errors import AuthError, SyncError
from sync.client.transport import Transport, TransportConfig

log = logging.getLogger("motcua.sync")


@dataclass(frozen=True)
class WatchTarget:
    url: str
    token: str
    cursor: str
    transport: TransportConfig


class FeedWatcher:
    def __init__(self, wake: Callable[[], None], *, wait: float = 25.0, retry: float = 2.0, legacy_pause: float = 60.0):
        self._wake = wake
        self.wait, self.retry, self.legacy_pause = wait, retry, legacy_pause
        self._target: WatchTarget | None = None
        self._fresh = threading.Event()  # a round just set a new target
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._kept: tuple[tuple[str, str, TransportConfig], Transport] | None = None  # the polls' transport

    def aim(self, target: WatchTarget | None) -> None:
        """Where to watch from now on (called by the runner after each round, on its thread)."""
        self._target = target
        self._fresh.set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="motcua-sync-watch", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 0.2) -> None:
        """Stop watching. A thread held in a long poll is a daemon that touches no store: it is not waited for
        (closing the app must not wait for the server's answer)."""
        self._stop.set()
        self._fresh.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        try:
            self._watch()
        finally:
            self._drop()

    def _watch(self) -> None:
        unreachable = False
        while not self._stop.is_set():
            target = self._target
            if target is None:
                self._fresh.wait(5.0)
                self._fresh.clear()
                continue
            self._fresh.clear()
            started = time.monotonic()
            try:
                news = self._poll(target)
            except AuthError:
                self._target = None  # the runner reports it; nothing to watch until enrolled again
                self._drop()
                continue
            except SyncError:
                unreachable = True
                self._stop.wait(self.retry)
                continue
            if unreachable or news:
                unreachable = False
                self._wake()
                self._fresh.wait(5.0)  # the round moves the cursor; if it fails, look again after a while
            elif time.monotonic() - started < self.wait / 2:
                self._fresh.wait(self.legacy_pause)  # a server that does not hold pulls: the runner's timer will do

    def _transport(self, target: WatchTarget) -> Transport:
        """The transport of the last poll when it was made for the same server, token and settings."""
        key = (target.url, target.token, target.transport)
        if self._kept is not None and self._kept[0] == key:
            return self._kept[1]
        self._drop()
        t = Transport(target.url, target.token, target.transport)
        self._kept = (key, t)
        return t

    def _drop(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            kept[1].close()

    def _poll(self, target: WatchTarget) -> bool:
        return bool(api.pull(self._transport(target), target.cursor, 1, wait=self.wait, attempts=1).changes)
