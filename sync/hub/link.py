"""The hub's link to the province, in two background threads: one forwards, one pulls.

Why two: forwarding must start as soon as a counter's push is stored (the push wakes it), while pulling waits
on the province's long poll for news; neither should hold up the other. Both retry with jittered exponential
backoff while the province is unreachable (the office goes on, the events wait in the hub's table) and stop
cleanly with the server. A token the province revoked stops them until ``hub init`` is run again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace

from sync.client.backoff import Backoff
from sync.client.errors import AuthError, SyncError
from sync.client.transport import Transport, TransportConfig
from sync.hub import downstream, forward
from sync.server.db import Database

log = logging.getLogger("motcua.hub")


class UpstreamLink:
    def __init__(
        self,
        db: Database,
        office_code: str,
        upstream: str,
        token: str,
        notify: Callable[[], None],
        *,
        transport: TransportConfig | None = None,
        wait: float = 20.0,
        idle: float = 5.0,
        backoff_cap: float = 30.0,
    ) -> None:
        self.db, self.office, self.upstream, self.token = db, office_code, upstream, token
        self.notify = notify  # the hub's feed grew: tell waiting devices
        config = transport or TransportConfig()
        self.transport = replace(config, read_timeout=max(config.read_timeout, wait + 10))
        self.wait, self.idle, self.backoff_cap = wait, idle, backoff_cap
        self.outbox_woken = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.last_error: str | None = None

    def start(self) -> None:
        for name, step in (("hub-forward", self._forward_step), ("hub-pull", self._pull_step)):
            thread = threading.Thread(target=self._loop, args=(step,), name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 1.0) -> None:
        """Stop both threads; one held in the province's long poll is a daemon and is left to die with the
        process (what it pulled is committed with its cursor or not at all)."""
        self._stop.set()
        self.outbox_woken.set()
        for thread in self._threads:
            thread.join(timeout)

    def wake(self) -> None:
        """A device's push was stored: forward now."""
        self.outbox_woken.set()

    def _loop(self, step: Callable[[Transport], float]) -> None:
        backoff = Backoff(base=1.0, cap=self.backoff_cap)
        t = Transport(self.upstream, self.token, self.transport)
        try:
            while not self._stop.is_set():
                try:
                    delay = step(t)
                    backoff.reset()
                    self.last_error = None
                except AuthError as exc:
                    log.error("the province refused the hub's token (%s): run `motcua hub init` again", exc.error)
                    self.last_error, delay = exc.code, 300.0
                except SyncError as exc:
                    log.info("upstream unreachable or failing: %s", exc.code)
                    self.last_error, delay = exc.code, backoff.next_delay()
                except Exception:  # the hub's own database (a full disk): log, wait, try again
                    log.exception("upstream link step failed")
                    self.last_error, delay = "local", backoff.next_delay()
                if delay and self._stop.wait(0) is False:
                    self._wait(step, delay)
        finally:
            t.close()

    def _wait(self, step: Callable[[Transport], float], delay: float) -> None:
        if step == self._forward_step:
            self.outbox_woken.wait(delay)
            self.outbox_woken.clear()
        else:
            self._stop.wait(delay)

    def _forward_step(self, t: Transport) -> float:
        sent, refused = forward.forward_once(self.db, t, self.office)
        if refused:
            log.warning("the province refused %d forwarded event(s): see `motcua hub status`", refused)
        return 0.0 if sent else self.idle

    def _pull_step(self, t: Transport) -> float:
        if downstream.pull_once(self.db, t, self.office, wait=self.wait):
            self.notify()
            return 0.0
        return 1.0  # the province held the pull (or cannot): a pause keeps an old server from being hammered
