"""The clerk's main window: the lock screen over a work area with the dossier list and the intake form.

It owns no data: the session (store, worker, clerk) comes from the composition root, every write goes through
the worker and comes back as a change report that the window hands to each view.

Why the list and the intake pages are built after the first paint: a window starts locked, showing only the
sign-in page, and building (and importing) the two work pages was a large part of the start. They are built
right after the window is on screen, long before a clerk has typed a password, or at once when anything asks
for them first (:attr:`list_page`, :attr:`intake_page`), so nothing ever sees a half-built window.

Why the window may be built before the store is open: opening it (the key store, SQLCipher, a migration) came
before the first paint. The clerk's window now appears in a loading state (:meth:`_loading`): the sign-in page
says the data is being opened and refuses to sign in, every command but "Quit" is off, and the pages are not
built; :meth:`_on_store_opened` ends it when the session announces the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QStackedWidget, QToolBar, QWidget

from app.services.changes import Changes
from app.services.context import Actor
from app.ui.actions import ActionKey, create_actions, set_logged_in
from app.ui.commands import WindowCommands
from app.ui.idle import IdleWatcher
from app.ui.lock_guard import LockGuard
from app.ui.lock_page import LockPage
from app.ui.session import AppSession
from app.ui.status_bar import CounterStatusBar, SyncState
from app.ui.widgets import make

if TYPE_CHECKING:
    from app.services.queue import Ticket
    from app.ui.attachments.intake_hook import IntakePages
    from app.ui.dossiers.list_page import DossierListPage
    from app.ui.intake.page import IntakePage
    from app.ui.queue.panel import QueuePanel

LIST_PAGE, INTAKE_PAGE = 0, 1
WIDE_SCREEN = 1600


class MainWindow(QMainWindow):
    ready = Signal()  # the first paint after login: the window is usable
    painted = Signal()  # the first paint: the window is on screen (the store may still be opening)
    replaced = Signal(object)  # the window built again in another language (app/ui/relanguage.py)

    def __init__(self, session: AppSession, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.font_family = font_family
        self.setObjectName("mainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("MotCua — Tiếp nhận hồ sơ một cửa"))
        self.command_actions = create_actions(self)

        self.lock_page = LockPage(session, self)
        self._list_page: DossierListPage | None = None  # built after the first paint (see _build_pages)
        self._intake_page: IntakePage | None = None
        self._intake_pages: IntakePages | None = None
        self._painted = False
        self.pages = make(QStackedWidget, self, objectName="workPages")
        self.top = QStackedWidget(self)
        self.top.addWidget(self.lock_page)
        self.top.addWidget(self.pages)
        self.setCentralWidget(self.top)
        self.status = CounterStatusBar(session, self)
        self.setStatusBar(self.status)
        self.queue: QueuePanel | None = None  # built at the first sign-in (see _ensure_queue)
        self.queue_dock = make(QDockWidget, self.tr("Hàng đợi"), self, objectName="queueDock")
        self.queue_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                    | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.queue_dock)
        self.commands = WindowCommands(self)
        self.guard = LockGuard(self)
        self._build_toolbar()
        self._build_menus()

        # paused while locked; with no store yet the minutes come when it opens (_on_store_opened)
        self.idle = IdleWatcher(int(session.setting("idle_lock_minutes")) if session.is_open else 10, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.idle.connect(self.lock)
        self.lock_page.unlocked.connect(self._on_unlocked)
        self.queue_dock.visibilityChanged.connect(self._on_queue_visibility)
        session.changed.connect(self._on_changed)
        self._show_locked(None)
        if not session.is_open:
            self._loading()

    # -- the store opening after the window -----------------------------------------------------------------
    def _loading(self) -> None:
        """Until the store is open: only "Quit" works, the sign-in waits, the status bar says why."""
        for key, action in self.command_actions.items():
            action.setEnabled(key is ActionKey.QUIT)
        self.lock_page.set_loading(True)
        self.session.opened.connect(self._on_store_opened)

    def _on_store_opened(self) -> None:
        self.session.opened.disconnect(self._on_store_opened)
        set_logged_in(self.command_actions, False)
        self.idle.set_minutes(int(self.session.setting("idle_lock_minutes")))
        self.lock_page.set_loading(False)
        self.commands.show_scale()
        self.status.refresh()
        if self._painted:
            QTimer.singleShot(0, self, self._build_pages)

    # -- layout ---------------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = make(QToolBar, self.tr("Lệnh"), self, objectName="mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in (ActionKey.NEW_DOSSIER, ActionKey.DOSSIER_LIST, ActionKey.FIND, ActionKey.QUEUE,
                    ActionKey.CUSTOMER_WINDOW, ActionKey.LARGE_TEXT, ActionKey.LOCK):
            bar.addAction(self.command_actions[key])
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        dossier = self.menuBar().addMenu(self.tr("&Hồ sơ"))
        for key in (ActionKey.NEW_DOSSIER, ActionKey.DOSSIER_LIST, ActionKey.FIND, ActionKey.REFRESH):
            dossier.addAction(self.command_actions[key])
        system = self.menuBar().addMenu(self.tr("Hệ &thống"))
        for key in (ActionKey.QUEUE, ActionKey.CUSTOMER_WINDOW, ActionKey.WAITING_DISPLAY, ActionKey.LARGE_TEXT,
                    ActionKey.SYNC_NOW, ActionKey.BACKUP, ActionKey.SETTINGS, ActionKey.LOCK):
            system.addAction(self.command_actions[key])
        system.addSeparator()
        supervise = self.menuBar().addMenu(self.tr("&Giám sát"))
        for key in (ActionKey.SUPERVISOR, ActionKey.CONNECT, ActionKey.SYNC_REJECTED, ActionKey.ACCOUNTS,
                    ActionKey.CALENDAR, ActionKey.QUEUE_SETUP):
            supervise.addAction(self.command_actions[key])
        system.addAction(self.command_actions[ActionKey.QUIT])

    # -- pages ------------------------------------------------------------------------------------------------
    @property
    def list_page(self) -> DossierListPage:
        if self._list_page is None:
            self._build_pages()
        assert self._list_page is not None
        return self._list_page

    @property
    def intake_page(self) -> IntakePage:
        if self._intake_page is None:
            self._build_pages()
        assert self._intake_page is not None
        return self._intake_page

    @property
    def intake_pages(self) -> IntakePages:
        """Ctrl+F8 on the intake form: scan the new dossier's pages."""
        self._build_pages()
        assert self._intake_pages is not None
        return self._intake_pages

    def set_sync_state(self, state: SyncState) -> None:
        """What the sync last reported: the status bar shows it, the intake form warns of a clock off the server's."""
        self.status.set_sync_state(state)
        if self._intake_page is not None:  # else _build_pages gives it the state
            self._intake_page.clock_note.set_skew(state.clock_skew_s)

    def _build_pages(self) -> None:
        if self._list_page is not None:
            return
        from app.ui.attachments.intake_hook import attach_pages_shortcut
        from app.ui.dossiers.list_page import DossierListPage
        from app.ui.intake.page import IntakePage

        self._list_page = DossierListPage(self.session, self)
        self._intake_page = IntakePage(self.session, self)
        self.pages.addWidget(self._list_page)
        self.pages.addWidget(self._intake_page)
        self._list_page.open_requested.connect(self.commands.open_dossier)
        self._intake_page.received.connect(lambda _code: self.list_page.refresh())
        self._intake_pages = attach_pages_shortcut(self._intake_page, self.session)
        self._intake_page.clock_note.set_skew(self.status.sync_state.clock_skew_s)
        if self.queue is not None:
            self.queue.ticket_released.connect(self._intake_page.release_ticket)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # the window is on screen: build the pages it does not show yet
            self._painted = True
            self.painted.emit()
            if self.session.is_open:
                QTimer.singleShot(0, self, self._build_pages)

    def show_list(self) -> None:
        self._build_pages()
        self.pages.setCurrentIndex(LIST_PAGE)
        self.list_page.focus_search()

    def show_intake(self) -> None:
        self._build_pages()
        self.pages.setCurrentIndex(INTAKE_PAGE)
        self.intake_page.start()

    # -- login and lock ---------------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.top.currentWidget() is self.lock_page

    def lock(self) -> None:
        """Hide the work (kept as it is) behind the lock screen (Ctrl+L, or idle)."""
        if self.locked:
            return
        self._show_locked(self.session.actor)

    def _show_locked(self, actor: Actor | None) -> None:
        self.top.setCurrentWidget(self.lock_page)
        self._queue_wanted = self.queue_dock.isVisible() if actor is not None else self._wide_screen()
        self.queue_dock.hide()  # no queue keys and no numbers while nobody is signed in
        self._queue_keys(False)
        self.guard.hide_all(actor.username if actor is not None else None)
        set_logged_in(self.command_actions, False)
        self.idle.pause()
        if actor is None:
            self.lock_page.show_login()
        else:
            self.lock_page.show_locked(actor)

    def _on_unlocked(self, actor: Actor) -> None:
        first = self.session.actor is None
        self._build_pages()
        self.session.set_actor(actor)
        self.top.setCurrentWidget(self.pages)
        set_logged_in(self.command_actions, True)
        self._ensure_queue()
        self._queue_keys(True)
        self.queue_dock.setVisible(self._queue_wanted)
        self.commands.apply_role(actor)
        self.guard.restore(actor.username)
        self.idle.restart()
        self.status.refresh()
        if first:
            from app.ui.dossiers.filters import QuickFilter

            self.list_page.refresh()
            if self.list_page.model.rowCount() == 0 and self.list_page.quick_filter() is QuickFilter.TODAY:
                self.list_page.set_quick_filter(QuickFilter.OPEN)  # nothing received yet today
            self.show_list()
            self.ready.emit()
        elif self.pages.currentIndex() == INTAKE_PAGE:
            self.intake_page.focus_current()
        else:
            self.list_page.focus_search()

    # -- the queue ------------------------------------------------------------------------------------------
    def _on_ticket_called(self, ticket: Ticket) -> None:
        """A citizen was called to this counter: the intake form gets ready for them (unless half-filled)."""
        self.intake_page.serve_ticket(ticket)
        if not self.intake_page.has_unsaved_input():
            self.show_intake()

    def _ensure_queue(self) -> QueuePanel:
        """The queue panel, made when first needed: it pulls in the ticket printer (reportlab, ~0.2 s), which
        the window's first appearance should not wait for."""
        if self.queue is None:
            from app.ui.queue.panel import QueuePanel

            self.queue = make(QueuePanel, self.session, parent=self.queue_dock)
            self.queue_dock.setWidget(self.queue)
            self._fit_queue_dock()
            self.queue.ticket_called.connect(self._on_ticket_called)
            if self._intake_page is not None:  # else _build_pages connects it
                self.queue.ticket_released.connect(self._intake_page.release_ticket)
        return self.queue

    def _fit_queue_dock(self) -> None:
        """At most ~40 characters wide, at any text size: opening the queue must not squeeze the intake form
        (issue 17: at 1366 px the dock took a third of the screen and cut procedure names and columns)."""
        if self.queue is not None:
            self.queue_dock.setMaximumWidth(self.queue.fontMetrics().averageCharWidth() * 40)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_queue_dock()

    def _queue_keys(self, on: bool) -> None:
        """The queue's keys (F6 call next…) work in the whole window, even with its panel hidden."""
        if self.queue is None:
            return
        for action in self.queue.actions():
            if on:
                self.addAction(action)
            else:
                self.removeAction(action)

    def _wide_screen(self) -> bool:
        """Room for the queue panel beside the list (a 1366-pixel counter screen has none: F10 shows it)."""
        screen = self.screen()
        return screen is not None and screen.availableGeometry().width() >= WIDE_SCREEN

    def _on_queue_visibility(self, visible: bool) -> None:
        action = self.command_actions[ActionKey.QUEUE]
        action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(False)

    # -- changes ------------------------------------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if self._list_page is not None and self._intake_page is not None:  # pages built later read afresh
            self._list_page.apply_changes(changes)
            self._intake_page.apply_changes(changes)
        self.status.refresh()
        if changes.settings:
            self.idle.set_minutes(int(self.session.setting("idle_lock_minutes")))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commands.confirm_quit():
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.pause()
        if self._list_page is not None and self._intake_page is not None:
            self._list_page.stop()
            self._intake_page.stop()
        self.commands.close_windows()
        super().closeEvent(event)
