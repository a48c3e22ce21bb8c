"""Sync in the background: rounds while online, a cheap probe while offline, backoff after server errors.

The app calls :meth:`SyncRunner.wake` when its connectivity watcher (Qt's ``QNetworkInformation``) sees the
network come back and after each write that queued an event, so sync starts within seconds; while offline the
runner costs one tiny ``GET /health`` per probe interval. Rounds share one connection while they come within
``keep_connection_s`` of each other (the engine keeps it; :meth:`SyncRunner.stop` closes it). Callbacks run
on the runner's thread: a Qt app hands them to the GUI thread with a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sync.client.backoff import Backoff
from sync.client.engine import RoundReport, SyncEngine
from sync.client.errors import AuthError, NotEnrolledError, OfflineError, SyncError
from sync.client.watch import FeedWatcher
from sync.protocol.constants import DEVICE_KEEP_CONNECTION_S

log = logging.getLogger("motcua.sync")


@dataclass(frozen=True)
class RunnerConfig:
    interval: float = 60.0  # between rounds while online and idle
    probe_interval: float = 20.0  # while offline
    idle_wait: float = 3600.0  # not enrolled or revoked: only wake() helps
    watch: bool = False  # hold a long poll on the server (an office hub) and run a round as soon as it has news
    keep_connection_s: float = DEVICE_KEEP_CONNECTION_S  # reuse a round's connection for a round this soon after


class SyncRunner:
    def __init__(
        self,
        engine: SyncEngine,
        config: RunnerConfig | None = None,
        *,
        backoff: Backoff | None = None,
        on_round: Callable[[RoundReport], None] | None = None,
        on_error: Callable[[SyncError], None] | None = None,
    ) -> None:
        self.engine = engine
        self.config = config or RunnerConfig()
        engine.keep_connection_s = self.config.keep_connection_s
        self.backoff = backoff or Backoff()
        self._on_round = on_round
        self._on_error = on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.offline = False
        self.watcher = FeedWatcher(self.wake) if self.config.watch else None

    def start(self) -> None:
        if self.watcher is not None:
            self.watcher.start()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="motcua-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self.watcher is not None:
            self.watcher.stop()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # a round still under way: its connection goes with the process
                return
            self._thread = None
        self.engine.close()  # the connection kept between rounds

    def wake(self) -> None:
        """Run a round now (network back, or a new event in the outbox)."""
        self._wake.set()

    def _loop(self) -> None:
        woken = True
        while not self._stop.is_set():
            delay = self.run_cycle(woken=woken)
            woken = self._wake.wait(delay)
            self._wake.clear()

    def run_cycle(self, *, woken: bool = False) -> float:
        """One step of the loop; returns how long to wait before the next one."""
        if self.offline and not woken and not self.engine.probe():
            return self.config.probe_interval
        try:
            report = self.engine.run_once()
        except OfflineError as exc:
            self.offline = True
            if self.watcher is not None:  # it tells the runner the moment the server answers again
                self.watcher.aim(self.engine.watch_target())
            self._report_error(exc)
            return self.config.probe_interval
        except (AuthError, NotEnrolledError) as exc:
            self._report_error(exc)
            return self.config.idle_wait
        except SyncError as exc:
            self.offline = False
            self._report_error(exc)
            return self.backoff.next_delay()
        except Exception:  # a bug in the store or engine must not kill the thread silently
            log.exception("sync round failed")
            return self.backoff.next_delay()
        self.offline = False
        self.backoff.reset()
        if self.watcher is not None:
            self.watcher.aim(self.engine.watch_target())
        if self._on_round is not None:
            self._on_round(report)
        return 0.0 if report.pending and report.pushed else self.config.interval

    def _report_error(self, exc: SyncError) -> None:
        log.info("sync round failed: %s", exc.code)
        if self._on_error is not None:
            self._on_error(exc)
