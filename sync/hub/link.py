"""The hub's link to the province, in three background threads: one forwards, one pulls, one uploads pages.

Why three: forwarding must start as soon as a counter's push is stored (the push wakes it), while pulling waits
on the province's long poll for news, and a scanned page takes many chunks on a slow line; none should hold up
the other (the page uploader still yields to waiting events, as a device's does). Both retry with jittered exponential
backoff while the province is unreachable (the office goes on, the events wait in the hub's table) and stop
cleanly with the server. A token the province revoked stops them until ``hub init`` is run again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace

from sync.client.attachments import AttachmentUploader
from sync.client.backoff import Backoff
from sync.client.errors import AuthError, SyncError
from sync.client.transport import Transport, TransportConfig
from sync.hub import downstream, forward, pages_up
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
        self.pages_woken = threading.Event()
        self.pages = pages_up.HubPages(db, office_code)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.last_error: str | None = None

    def start(self) -> None:
        pages_up.ensure_schema(self.db)
        steps = (("hub-forward", self._forward_step), ("hub-pull", self._pull_step), ("hub-pages", self._pages_step))
        for name, step in steps:
            thread = threading.Thread(target=self._loop, args=(step,), name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 1.0) -> None:
        """Stop both threads; one held in the province's long poll is a daemon and is left to die with the
        process (what it pulled is committed with its cursor or not at all)."""
        self._stop.set()
        self.outbox_woken.set()
        self.pages_woken.set()
        for thread in self._threads:
            thread.join(timeout)

    def wake(self) -> None:
        """A device's push was stored: forward now (and then try the pages, whose dossier may now be known)."""
        self.outbox_woken.set()
        self.pages_woken.set()

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
        elif step == self._pages_step:
            self.pages_woken.wait(delay)
            self.pages_woken.clear()
        else:
            self._stop.wait(delay)

    def _forward_step(self, t: Transport) -> float:
        sent, refused = forward.forward_once(self.db, t, self.office)
        if refused:
            log.warning("the province refused %d forwarded event(s): see `motcua hub status`", refused)
        if sent:
            self.pages_woken.set()  # the province now knows these dossiers: their pages may go up
        return 0.0 if sent else self.idle

    def _pages_step(self, t: Transport) -> float:
        """Upload the hub's complete attachments to the province (the device uploader, the hub as source)."""
        uploader = AttachmentUploader(
            self.pages, self.upstream, self.token,
            timeout=(self.transport.connect_timeout, self.transport.read_timeout), ca_bundle=self.transport.ca_bundle,
        )
        try:
            report = uploader.run(stop=self._stop.is_set)
        finally:
            uploader.close()
        if report.yielded_to_events or report.out_of_time:
            return 1.0  # events first: the forwarder is sending them; come back soon
        return 0.0 if report.completed else self.idle

    def _pull_step(self, t: Transport) -> float:
        if downstream.pull_once(self.db, t, self.office, wait=self.wait):
            self.notify()
            return 0.0
        return 1.0  # the province held the pull (or cannot): a pause keeps an old server from being hammered
