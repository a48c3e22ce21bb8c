"""The clerk's window start: the window first, in a loading state, then the store, then the work.

Why in this order: a bare PySide6 window is the floor of any start, and everything the store needs (the key
store, SQLCipher, the schema check, a migration) used to come before the first paint. Now the window is drawn
in the language and text size of the last start (:mod:`app.ui.start_prefs`), the store opens in the worker
right after the first paint (:mod:`app.ui.store_opener`), and the window leaves its loading state when the
session announces the store (:meth:`MainWindow._on_store_opened`). Nothing is done twice: the store is opened
once, the key store asked once, and the window built again only when the store's language differs from the
copy's (a restore, another PC). An error opening the store (wrong or missing key, a store locked by another
process, a full disk, a newer schema) becomes one sentence in a message box over the window, then the app ends
with exit code 3; a bug is logged as well, never shown as a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.errors import log_exception, user_message
from app.ui.fonts import apply_scale
from app.ui.i18n import choose_language, install_translators, remove_translators
from app.ui.session import AppSession
from app.ui.start_prefs import StartPrefs, read_prefs, write_prefs
from app.ui.store_opener import StoreOpener
from app.ui.sync_watch import SyncWatcher

if TYPE_CHECKING:
    from app.store.db import Store
    from app.ui.main_window import MainWindow

STORE_ERROR_EXIT = 3
AFTER_START_MS = 2000  # today's backup and the background sync wait until the clerk has the window


class ClerkStart(QObject):
    """Builds and shows the clerk's window on a session with no store yet, then opens the store behind it."""

    store_opened = Signal()  # the store is open and the sign-in enabled
    open_failed = Signal(str)  # the sentence shown to the user

    def __init__(self, app: QApplication, ns: argparse.Namespace, data_dir: Path, family: str,
                 demo_login: tuple[str, str] | None = None) -> None:
        super().__init__()
        from app.ui.main_window import MainWindow

        self._app = app
        self._ns = ns
        self._family = family
        self.prefs = read_prefs(data_dir)
        lang = choose_language(ns.lang, self.prefs.language)
        apply_scale(app, family, self.prefs.font_scale)
        install_translators(app, lang)
        self.session = AppSession(data_dir, None, lang=lang, demo_login=demo_login)
        self.window: MainWindow = MainWindow(self.session, family)
        self.sync = SyncWatcher(self.session)
        self.exit_code = 0
        self.error_box: QMessageBox | None = None
        self._adopt(self.window)
        self.opener = StoreOpener(self.session, demo=bool(getattr(ns, "demo", False)))
        self.opener.step.connect(lambda text: self.window.lock_page.set_loading(True, text))
        self._started = False
        self.window.painted.connect(lambda: QTimer.singleShot(0, self, self.open_store))
        # a window never painted (minimised at start) opens the store too; backup and sync wait for the clerk
        self._fallback = QTimer(self, singleShot=True, interval=1000, timeout=self.open_store)
        self._later = QTimer(self, singleShot=True, interval=AFTER_START_MS, timeout=self._after_start)

    def show(self) -> None:
        screen = self._app.primaryScreen()
        if screen is not None:
            self.window.setGeometry(screen.availableGeometry())
        self.window.showMaximized()
        self._fallback.start()

    def open_store(self) -> None:
        """Start opening the store (once): after the first paint, so the window is never late for it."""
        if not self._started:
            self._started = True
            self.opener.start(self._opened, self._failed)

    def _adopt(self, shown: MainWindow) -> None:
        """The first window, and each one built again in another language."""
        self.window = shown
        self.sync.state_changed.connect(shown.set_sync_state)
        shown.set_sync_state(self.sync.state)
        shown.replaced.connect(self._adopt)

    def _opened(self, store: Store) -> None:
        from app.ui.crash_log import enable_crash_log

        self.opener.late = None
        session = self.session
        session.attach_store(store)
        enable_crash_log(session.data_dir)
        self._follow_store_prefs()
        session.changed.connect(lambda changes: self._save_prefs() if changes.settings else None)
        self.store_opened.emit()
        from app.services.setup import is_initialised

        if not is_initialised(store):
            from app.ui.first_run import FirstRunDialog

            if FirstRunDialog.ask(self.window, session) is None:
                self.window.close()
                return
            self.window.lock_page.show_login()  # the office has a name now
        self._later.start()

    def _failed(self, exc: BaseException) -> None:
        from app.ui.errors import is_expected

        self.opener.late = None
        if not is_expected(exc):
            log_exception(self.session.data_dir, exc)
        text = user_message(exc, self.session.lang)
        self.exit_code = STORE_ERROR_EXIT
        box = QMessageBox(QMessageBox.Icon.Critical, "MotCua", text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("storeErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self.window.close())  # nothing works without the store
        self.error_box = box
        box.open()
        self.open_failed.emit(text)

    def _follow_store_prefs(self) -> None:
        """The store's language and text size win over the copy the window was drawn with."""
        session = self.session
        scale = float(session.setting("font_scale"))
        if scale != self.prefs.font_scale:
            apply_scale(self._app, self._family, scale)
        lang = choose_language(self._ns.lang, None if self._ns.lang else str(session.setting("language")))
        self._save_prefs()
        if lang != session.lang:
            from app.ui.relanguage import switch_language

            switch_language(self.window, lang)

    def _save_prefs(self) -> None:
        session = self.session
        write_prefs(session.data_dir, StartPrefs(str(session.setting("language")),
                                                 float(session.setting("font_scale"))))

    def _after_start(self) -> None:
        """Once the window is up: today's automatic backup if not taken yet, then background sync."""
        self.window.commands.backup_now(force=False)
        self.sync.start()

    def finish(self) -> None:
        """After the event loop: stop sync, take today's backup if not yet taken, close the store."""
        self._fallback.stop()
        self._later.stop()
        self.sync.stop()
        session = self.session
        session.tasks.wait(10_000)  # the opening may still run (a window closed while loading)
        if session.is_open:
            from app.services.backup_schedule import run_auto_backup

            try:
                run_auto_backup(session.write_context())
            except Exception as exc:  # closing must not fail; the next start tries again
                log_exception(session.data_dir, exc)
        session.close()
        if self.opener.late is not None:  # opened after the last window closed: never handed over
            self.opener.late.close()
        # the translations this start installed, or the language switch after it (each is a child of the app)
        from PySide6.QtCore import QTranslator

        remove_translators(self._app, self._app.findChildren(QTranslator))
