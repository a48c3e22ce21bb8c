"""The desktop app's composition root: parse the options, build the Qt application, the session and the window.

Everything a view needs is created here once and passed in (no module-level singletons), which is what lets the
tests build the same window on a temporary store. ``--kiosk`` and ``--display`` open the queue screens
(:mod:`app.ui.queue.entry`) on the same session instead of the clerk's window.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import default_data_dir
from app.store import settings
from app.store.errors import EnvironmentStoreError
from app.ui.crash_log import enable_crash_log
from app.ui.errors import log_exception, user_message
from app.ui.fonts import apply_scale, register_fonts
from app.ui.i18n import choose_language, install_translators
from app.ui.session import AppSession
from app.ui.sync_watch import SyncWatcher

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

SMOKE_ENV = "MOTCUA_UI_SMOKE"  # path: save a picture of the window once it is up, print READY (tests, bench)
QUIT_ENV = "MOTCUA_UI_QUIT_AFTER_MS"  # quit that long after the window is up (bench)
NOTE_ENV = "MOTCUA_WINDOW_NOTE"  # text added to the window titles ("Quầy 2": one PC of the demo office)


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="motcua", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--demo-login", action="store_true")  # show the demo sign-in (a PC of the demo office)
    parser.add_argument("--lang", choices=["vi", "en"])
    parser.add_argument("--kiosk", action="store_true")
    parser.add_argument("--display", action="store_true")
    return parser.parse_known_args(args)[0]


def data_dir_for(ns: argparse.Namespace) -> Path:
    if ns.data_dir:
        return Path(ns.data_dir)
    return default_data_dir() / "demo" if ns.demo else default_data_dir()


def make_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "motcua"])
    app.setApplicationName("MotCua")
    app.setOrganizationName("MotCua")
    app.setDesktopFileName("motcua")
    return app


def run_gui(args: list[str]) -> int:
    """Start the clerk's window; returns the process exit code."""
    ns = parse_args(args)
    data_dir = data_dir_for(ns)
    app = make_app()
    family = register_fonts()
    apply_scale(app, family, 1.0)
    demo_login: tuple[str, str] | None = None
    try:
        from app.services.setup import open_store

        if ns.demo:
            from app.services.demo import seed_demo

            info = seed_demo(data_dir)
            demo_login = (info.username, info.password)
        elif ns.demo_login:
            from app.services.demo import DEMO_PASSWORD, DEMO_USER

            demo_login = (DEMO_USER, DEMO_PASSWORD)
        from app.ui.encrypt_progress import encrypt_with_progress

        encrypt_with_progress(app, data_dir, ns.lang or "vi")  # an old plain store: minutes, with words on screen
        store = open_store(data_dir)
    except EnvironmentStoreError as exc:
        QMessageBox.critical(None, "MotCua", user_message(exc, ns.lang or "vi"))
        return 3
    lang = choose_language(ns.lang, None if ns.lang else str(settings.get(store, "language")))
    translators = install_translators(app, lang)
    apply_scale(app, family, float(settings.get(store, "font_scale")))
    session = AppSession(data_dir, store, lang=lang, demo_login=demo_login)
    enable_crash_log(data_dir)
    sys.excepthook = _excepthook(session)
    note = os.environ.get(NOTE_ENV)
    if note:  # which PC of the demo office this window plays, in its title
        QTimer.singleShot(500, lambda: _add_note(app, note))
    try:
        if ns.kiosk or ns.display:
            from app.ui.queue.entry import run_display, run_kiosk

            return (run_kiosk if ns.kiosk else run_display)(app, session, family)
        return _run(app, session, family)
    finally:
        session.close()
        del translators


def _run(app: QApplication, session: AppSession, family: str) -> int:
    from app.services.setup import is_initialised
    from app.ui.main_window import MainWindow

    if not is_initialised(session.store):
        from app.ui.first_run import FirstRunDialog

        if FirstRunDialog.ask(None, session) is None:
            return 0
    window = MainWindow(session, family)
    screen = app.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()
    smoke = os.environ.get(SMOKE_ENV)
    if smoke:
        QTimer.singleShot(0, lambda: _smoke(window, Path(smoke)))
    sync = SyncWatcher(session)
    current = [window]

    def adopt(shown: MainWindow) -> None:  # the first window, and each one built again in another language
        current[0] = shown
        sync.state_changed.connect(shown.status.set_sync_state)
        shown.status.set_sync_state(sync.state)
        shown.replaced.connect(adopt)

    adopt(window)
    QTimer.singleShot(2000, lambda: _after_start(current[0], sync))
    try:
        return app.exec()
    finally:
        sync.stop()
        _backup_on_close(session)


def _after_start(window: MainWindow, sync: SyncWatcher) -> None:
    """Once the window is up: today's automatic backup if not taken yet, then background sync."""
    window.commands.backup_now(force=False)
    sync.start()


def _backup_on_close(session: AppSession) -> None:
    """Today's automatic backup if it was not taken yet (the event loop has ended: run it here and now)."""
    from app.services.backup_schedule import run_auto_backup

    session.tasks.wait(10_000)
    try:
        run_auto_backup(session.write_context())
    except Exception as exc:  # closing must not fail; the next start tries again
        log_exception(session.data_dir, exc)


def _smoke(window: MainWindow, path: Path) -> None:
    """Save a picture of the window, say READY on stdout, and quit after MOTCUA_UI_QUIT_AFTER_MS if set.

    READY is said once the window is drawn (``grab`` paints it) and before the picture is written: encoding the
    PNG is the test's and the bench's work, not the start's (bench/bench_start.py times up to READY)."""
    picture = window.grab()
    print("MOTCUA_UI_READY", flush=True)
    picture.save(str(path))
    quit_after = os.environ.get(QUIT_ENV)
    if quit_after:
        QTimer.singleShot(int(quit_after), window.close)


def _add_note(app: QApplication, note: str) -> None:
    for widget in app.topLevelWidgets():
        if widget.isWindow() and widget.isVisible() and note not in widget.windowTitle():
            widget.setWindowTitle(f"{widget.windowTitle()} — {note}")


def _excepthook(session: AppSession) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """Uncaught exceptions in slots: log them and show one calm sentence, never a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        exc.__traceback__ = tb
        from app.ui.errors import is_expected, show_error

        if is_expected(exc):  # show_error logs only bugs; an uncaught expected error is still worth a line
            log_exception(session.data_dir, exc)
        show_error(QApplication.activeWindow(), session, exc)

    return hook
