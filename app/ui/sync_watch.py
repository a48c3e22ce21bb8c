"""Background sync for the window: starts the runner, wakes it after each write, reports to the status bar.

Why here: the sync engine (``sync/``) runs on its own thread and connection and knows nothing of Qt; the window
only needs to hear "online or not, last success, clock offset" on the GUI thread and to say "something was
written, send it". The runner's callbacks come from its thread, so they go through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from app.services.changes import Changes
from app.ui.format import parse
from app.ui.session import AppSession
from app.ui.status_bar import SyncState

RunnerFactory = Callable[..., tuple[Any, Any]]


class SyncWatcher(QObject):
    state_changed = Signal(object)  # SyncState, on the GUI thread
    _reported = Signal(object, object)  # (report or None, error or None), from the sync thread

    def __init__(self, session: AppSession, runner_factory: RunnerFactory | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._factory = runner_factory
        self._runner: Any = None
        self._store: Any = None
        self.state = SyncState()
        self._reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)
        session.changed.connect(self._on_changed)

    def start(self) -> bool:
        """Start syncing if a central server is set up for this office; False when there is none."""
        if self._runner is not None or not self._session.setting("server_url"):
            return False
        # imported here: the sync client (HTTP stack included) is not needed to show the window
        from app.services.sync_bridge import StoreSyncBridge, build_runner

        stored = StoreSyncBridge(self._session.store).load_state()
        self.state = SyncState(False, parse(stored.last_sync_at), stored.clock_offset_s)
        self.state_changed.emit(self.state)
        self._runner, self._store = (self._factory or build_runner)(
            self._session.data_dir, on_round=lambda report: self._reported.emit(report, None),
            on_error=lambda error: self._reported.emit(None, error))
        self._runner.start()
        return True

    def stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()
            self._runner = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def _on_changed(self, changes: Changes) -> None:
        if self._runner is None and changes.settings:
            self.start()  # just enrolled from the window: start syncing without a restart
            return
        if self._runner is not None and (changes.touches_dossiers() or changes.queue):
            self._runner.wake()  # a new event waits in the outbox: send it now, not at the next interval

    def _on_reported(self, report: Any, error: Any) -> None:
        if report is not None:
            self.state = SyncState(True, self._session.clock.now(), report.clock_offset_s)
        else:
            # a failed round still measured the clock (the engine puts the offset on the error): warn at once
            skew = getattr(error, "clock_offset_s", None)
            self.state = SyncState(False, self.state.last_sync, skew if skew is not None else self.state.clock_skew_s)
        self.state_changed.emit(self.state)
        if report is not None and (report.applied or report.pushed):
            # pulled changes may touch any dossier on screen: refresh the lists from the store
            self._session.announce(Changes(dossier_created=bool(report.applied), catalog=bool(report.applied)))
