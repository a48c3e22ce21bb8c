"""What every window and view of one running app shares, built once by :mod:`app.ui.launch` and passed in.

Why a session object and not globals: tests build several apps on several stores in one process (qutebrowser's
objreg and Picard's config global show what the alternative costs), so every dependency is handed over here.

Two connections to the same SQLite file: ``store`` is read on the GUI thread (lists, detail, status bar) and
the worker connection is used only inside :class:`~app.ui.tasks.TaskManager` jobs for writes. WAL lets the GUI
read while the worker writes, and the GUI never waits on a write's ``fsync``.

A second worker, ``network``, with a third connection of its own, runs what waits on a server (the queue
panel's reads and actions and the kiosk's services and tickets on the office hub, "sync now", enrolment): a hub
PC that hangs holds a read for its whole timeout, and on the store worker a dossier's receipt waited behind it.
The clerk never waits for the LAN.

The clerk's window is shown before the store is open (:mod:`app.ui.store_opener` opens it right after the first
paint), so a session can start without a store: :attr:`is_open` says whether it has one, :attr:`store` refuses
to be read before, and :attr:`opened` is emitted once :meth:`attach_store` hands it over.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes
from app.services.clock import Clock, SystemClock
from app.services.context import Actor, ServiceContext
from app.ui.tasks import TaskManager

if TYPE_CHECKING:  # the store modules load with the store, after the window (app.ui.store_opener)
    from app.store.db import Store


class StoreNotOpenError(RuntimeError):
    """Something read the store before it was open: a missing guard, not the user's fault."""


class AppSession(QObject):
    """Data folder, stores, clock, language, the logged-in clerk and the worker; announces what changed."""

    changed = Signal(object)  # a Changes report after each successful write
    opened = Signal()  # the store is open (attach_store): views that waited for it read it now
    actor_changed = Signal()
    language_changed = Signal(str)

    def __init__(self, data_dir: Path, store: Store | None, *, lang: str = "vi", clock: Clock | None = None,
                 tasks: TaskManager | None = None, demo_login: tuple[str, str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._store = store
        self.lang = lang
        self.clock: Clock = clock or SystemClock()
        self.tasks = tasks or TaskManager(self)
        self.network = TaskManager(self)  # jobs that wait on the office hub; never the intake's writes
        self.demo_login = demo_login
        self._actor: Actor | None = None
        self._worker_store: Store | None = None
        self._network_store: Store | None = None

    # -- the store -------------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        """The GUI thread's connection; reading it before the store is open is a bug (every caller is guarded)."""
        if self._store is None:
            raise StoreNotOpenError("the store is not open yet")
        return self._store

    def attach_store(self, store: Store) -> None:
        """The store opened after the window appeared: keep it and tell the views."""
        self._store = store
        self.opened.emit()

    # -- who is working --------------------------------------------------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self._actor

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.actor_changed.emit()

    # -- reads and writes -------------------------------------------------------------------------------
    def setting(self, key: str) -> Any:
        """A declared office setting, read on the GUI connection (cheap: one indexed row)."""
        from app.store import settings

        return settings.get(self.store, key)

    def _connection(self) -> Store:
        from app.store.db import Store

        gui = self._store  # with the GUI connection's key: the key store is asked once per start
        return Store(gui.path, key=gui.key) if gui is not None and gui.key is not None else Store.in_folder(
            self.data_dir)

    def worker_store(self) -> Store:
        """The write connection; call only from inside a :class:`TaskManager` job."""
        if self._worker_store is None:
            self._worker_store = self._connection()
        return self._worker_store

    def write_context(self) -> ServiceContext:
        """A service context on the worker connection, acting as the logged-in clerk."""
        return ServiceContext(store=self.worker_store(), data_dir=self.data_dir, clock=self.clock,
                              actor=self._actor or Actor.system())

    def network_context(self) -> ServiceContext:
        """A service context for a job of the ``network`` worker (its own connection: the hub-down fallback
        writes this PC's own tickets in it), acting as the logged-in clerk."""
        if self._network_store is None:
            self._network_store = self._connection()
        return ServiceContext(store=self._network_store, data_dir=self.data_dir, clock=self.clock,
                              actor=self._actor or Actor.system())

    def announce(self, changes: Changes) -> None:
        """Tell every view what a write changed; each decides whether to refresh."""
        self.changed.emit(changes)

    def t(self, vi: str, en: str) -> str:
        """Pick the text of the current language for messages that come in both (domain, store errors)."""
        return en if self.lang == "en" else vi

    def close(self) -> None:
        """Let queued writes (and a hub read under way, for its timeout at most) finish, then close the
        connections."""
        self.tasks.wait(10_000)
        self.network.wait(15_000)
        for name in ("_worker_store", "_network_store"):
            connection = getattr(self, name)
            if connection is not None:
                connection.close()
                setattr(self, name, None)
        if self._store is not None:
            self._store.close()
