"""What the window commands need from the window, as a Protocol: :mod:`app.ui.commands` names no window class.

Why: ``commands`` and ``main_window`` imported each other (issue 18, item 15). The commands need a handful of
the window's parts and acts; naming them here keeps the dependency one way (the window builds the commands)
and lets a test hand the commands any object with these parts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from app.ui.actions import ActionKey
from app.ui.session import AppSession
from app.ui.status_bar import CounterStatusBar

if TYPE_CHECKING:  # the pages are imported when the window builds them, after its first paint
    from app.ui.dossiers.list_page import DossierListPage
    from app.ui.intake.page import IntakePage


class CommandTarget(Protocol):
    session: AppSession
    font_family: str
    command_actions: dict[ActionKey, QAction]
    queue_dock: QDockWidget
    status: CounterStatusBar
    @property
    def list_page(self) -> DossierListPage: ...

    @property
    def intake_page(self) -> IntakePage: ...

    @property
    def locked(self) -> bool: ...

    def show_intake(self) -> None: ...

    def show_list(self) -> None: ...

    def lock(self) -> None: ...

    def close(self) -> bool: ...


def as_widget(target: CommandTarget) -> QWidget:
    """The window as the parent of the dialogs the commands open."""
    assert isinstance(target, QWidget)
    return target
