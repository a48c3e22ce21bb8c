"""Running a service write from a view: in the worker, then report the change and call back.

Modelled on Anki's ``CollectionOp``: a view says what to run and what to do on success; the op runs it through
the session's worker, broadcasts the returned :class:`~app.services.changes.Changes` so every view refreshes
only what it shows, and turns any failure into a plain message unless the view handles failures itself (the
intake form does, to show the message next to the field and keep what the clerk typed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from app.services.changes import Changes
from app.services.context import ServiceContext
from app.ui.errors import show_error
from app.ui.session import AppSession

R = TypeVar("R")


def changes_of(result: Any) -> Changes | None:
    """The change report of a service result: the result itself, or its ``changes`` attribute."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


class StoreOp(Generic[R]):
    """One service call on the worker connection, with success/failure callbacks on the GUI thread."""

    def __init__(self, parent: QWidget | None, session: AppSession, op: Callable[[ServiceContext], R]) -> None:
        self._parent = parent
        self._session = session
        self._op = op
        self._on_success: Callable[[R], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[R], None]) -> StoreOp[R]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> StoreOp[R]:
        self._on_failure = callback
        return self

    def run(self) -> None:
        session = self._session
        session.tasks.run(lambda: self._op(session.write_context()), self._done, self._failed)

    def run_on_network(self) -> None:
        """Run on the session's ``network`` worker instead: for an operation that waits on the office hub, so a
        hub that hangs never holds the store worker (a dossier being received) for its timeouts."""
        session = self._session
        session.network.run(lambda: self._op(session.network_context()), self._done, self._failed)

    def _gone(self) -> bool:
        """The view that asked was closed meanwhile (a hub's answer can come seconds later): no callback."""
        return self._parent is not None and not shiboken6.isValid(self._parent)

    def _done(self, result: R) -> None:
        changes = changes_of(result)
        if changes is not None:
            self._session.announce(changes)
        if self._on_success is not None and not self._gone():
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        if self._gone():
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_error(self._parent, self._session, exc)
