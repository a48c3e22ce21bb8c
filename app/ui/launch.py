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
from app.store.errors import EnvironmentStoreError
from app.ui.crash_log import enable_crash_log
from app.ui.errors import log_exception, user_message
from app.ui.fonts import apply_scale, register_fonts
from app.ui.i18n import choose_language, install_translators
from app.ui.session import AppSession

if TYPE_CHECKING:
    from app.ui.clerk_start import ClerkStart
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
    """Start the clerk's window (or a queue screen); returns the process exit code."""
    ns = parse_args(args)
    data_dir = data_dir_for(ns)
    app = make_app()
    family = register_fonts()
    note = os.environ.get(NOTE_ENV)
    if note:  # which PC of the demo office this window plays, in its title
        QTimer.singleShot(500, lambda: _add_note(app, note))
    if ns.kiosk or ns.display:
        return _run_queue_screen(app, ns, data_dir, family)
    return _run_clerk(app, ns, data_dir, family)


def _run_queue_screen(app: QApplication, ns: argparse.Namespace, data_dir: Path, family: str) -> int:
    """The kiosk or the waiting-room display: the store first (they show its data at once), then the screen."""
    apply_scale(app, family, 1.0)
    try:
        from app.services.setup import open_store
        from app.ui.encrypt_progress import encrypt_with_progress

        if ns.demo:
            from app.services.demo import seed_demo

            seed_demo(data_dir)
        encrypt_with_progress(app, data_dir, ns.lang or "vi")  # an old plain store: minutes, with words on screen
        store = open_store(data_dir)
    except EnvironmentStoreError as exc:
        QMessageBox.critical(None, "MotCua", user_message(exc, ns.lang or "vi"))
        return 3
    from app.store import settings

    lang = choose_language(ns.lang, None if ns.lang else str(settings.get(store, "language")))
    translators = install_translators(app, lang)
    apply_scale(app, family, float(settings.get(store, "font_scale")))
    session = AppSession(data_dir, store, lang=lang)
    enable_crash_log(data_dir)
    sys.excepthook = _excepthook(session)
    try:
        from app.ui.queue.entry import run_display, run_kiosk

        return (run_kiosk if ns.kiosk else run_display)(app, session, family)
    finally:
        session.close()
        del translators


def _run_clerk(app: QApplication, ns: argparse.Namespace, data_dir: Path, family: str) -> int:
    """The clerk's window, its store opened after the first paint (:mod:`app.ui.clerk_start`)."""
    from app.ui.clerk_start import ClerkStart

    demo_login = None
    if ns.demo or ns.demo_login:
        from app.services.demo_login import DEMO_PASSWORD, DEMO_USER

        demo_login = (DEMO_USER, DEMO_PASSWORD)
    start = ClerkStart(app, ns, data_dir, family, demo_login)
    sys.excepthook = _excepthook(start.session)
    smoke = os.environ.get(SMOKE_ENV)
    if smoke:
        start.store_opened.connect(lambda: _opened_smoke(start.window, Path(smoke)))
        start.open_failed.connect(lambda text: _failed_smoke(start, text))
        QTimer.singleShot(0, lambda: _smoke(start.window, Path(smoke)))
    start.show()
    try:
        code = app.exec()
        return start.exit_code or code
    finally:
        start.finish()


def _smoke(window: MainWindow, path: Path) -> None:
    """Say READY on stdout once the window is drawn (``grab`` paints it); ``MOTCUA_UI_OPEN`` follows when the store
    is open, and the picture is written then (:func:`_opened_smoke`).

    Encoding the PNG is the test's and the bench's work, not the start's: it must not delay the store's opening
    (bench/bench_start.py times up to READY and up to OPEN). A store that never opens still leaves the first
    picture, written when the app quits."""
    picture = window.grab()
    print("MOTCUA_UI_READY", flush=True)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: path.exists() or picture.save(str(path)))


def _opened_smoke(window: MainWindow, path: Path) -> None:
    """Say OPEN, write the usable window's picture (the Windows smoke waits for it before it signs in), and quit
    MOTCUA_UI_QUIT_AFTER_MS later (tests, bench): the whole start is then counted."""
    print("MOTCUA_UI_OPEN", flush=True)
    # after the layout has taken the office's name (a posted request): a grab at once showed it cut to one line
    QTimer.singleShot(0, lambda: window.grab().save(str(path)))
    quit_after = os.environ.get(QUIT_ENV)
    if quit_after:
        QTimer.singleShot(int(quit_after), window.close)


def _failed_smoke(start: ClerkStart, text: str) -> None:
    """Say what the user is shown, and answer the message box MOTCUA_UI_QUIT_AFTER_MS later (tests)."""
    print(f"MOTCUA_UI_FAILED {text}", flush=True)
    quit_after = os.environ.get(QUIT_ENV)
    box = start.error_box
    if quit_after and box is not None:
        QTimer.singleShot(int(quit_after), box.accept)


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
