"""The one helper that takes slow work off the GUI thread (Anki's ``taskman`` idea).

Why one helper: the counter PC is slow and its disk may stall on ``fsync``; the window must keep repainting
and accepting keys while a dossier is written, a PDF is drawn or the network is tried. Every such job goes
through :meth:`TaskManager.run` with a success and a failure callback, both called back on the GUI thread.

Jobs run one at a time, in order, on a single pool thread: writes keep the order the clerk made them in, and
the worker's store connection (see :mod:`app.ui.session`) is never used by two threads at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it so the callbacks run on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:
            self._relay.failed.emit(exc)
            return
        self._relay.done.emit(result)


class TaskManager(QObject):
    """Runs callables on one background thread, in submission order, and reports back on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the thread: the worker connection stays on one thread
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    @property
    def pending(self) -> int:
        """Callables submitted and not yet reported back (running or waiting their turn)."""
        return len(self._relays)

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> None:
        """Run ``fn()`` in the background; then ``on_success(result)`` or ``on_failure(exc)`` on this thread."""
        relay = _Relay()
        was_busy = self.busy
        self._relays.add(relay)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            try:
                callback(value)
            finally:
                if not self.busy:
                    self.busy_changed.emit(False)

        relay.done.connect(lambda result: finish(on_success, result))
        relay.failed.connect(lambda exc: finish(on_failure, exc))
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued jobs have run (used at shutdown and by tests); False on timeout."""
        return self._pool.waitForDone(msecs)
