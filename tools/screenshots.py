"""Render every window of the app at 1366×768, in normal and "Rất lớn" text, to PNG files — to look at them.

Why a script: issue 17 found text cut off and windows wider than the usual commune PC screen only by using the
app on one; this makes the check repeatable. It runs offscreen (no display needed) on a demo office in a temporary
folder, so it touches no real data. ``--docs`` also copies one picture of each window named in the README to
``docs/screenshots/``.

    .venv/bin/python tools/screenshots.py [--out /tmp/motcua-shots] [--docs] [--lang en] [--only NAME ...]

``--lang en`` renders the English interface (files named ``<window>-<size>-en.png``); ``--only`` a few windows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

SCREEN = QSize(1366, 768)
SCALES = {"normal": 1.0, "ratlon": 1.5}  # "Bình thường" and "Rất lớn"
# name in docs/screenshots/ <- rendered picture (normal text)
DOCS = {"main-window.png": "intake", "supervisor.png": "supervisor", "display.png": "display", "kiosk.png": "kiosk",
        "connect-sync.png": "connect", "accounts.png": "accounts", "calendar.png": "calendar",
        "correction.png": "correction"}


def settle(app: QApplication, session: object) -> None:
    for _ in range(30):
        app.processEvents()
    session.tasks.wait(10_000)  # type: ignore[attr-defined]
    for _ in range(30):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "motcua-shots")
    parser.add_argument("--docs", action="store_true", help="copy the README's pictures to docs/screenshots/")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--only", nargs="*", default=(), help="render only these windows (login, supervisor, …)")
    args = parser.parse_args(argv)
    suffix = "" if args.lang == "vi" else f"-{args.lang}"

    from app.services.demo import seed_demo
    from app.services.setup import open_store
    from app.ui.fonts import apply_scale, register_fonts
    from app.ui.i18n import install_translators
    from app.ui.launch import make_app
    from app.ui.main_window import MainWindow
    from app.ui.session import AppSession

    app = make_app()
    family = register_fonts()
    keep = install_translators(app, args.lang)
    folder = Path(tempfile.mkdtemp(prefix="motcua-shots-"))
    info = seed_demo(folder / "demo")
    session = AppSession(folder / "demo", open_store(folder / "demo"), lang=args.lang,
                         demo_login=(info.username, info.password))
    args.out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    try:
        for label, scale in SCALES.items():
            apply_scale(app, family, scale)
            window = MainWindow(session, family)
            window.resize(SCREEN)
            window.show()
            settle(app, session)
            shots = _shots(window, session)
            for name, make in shots.items():
                widget = make()
                if args.only and name not in args.only:
                    continue
                if widget is not window and widget.isWindow():
                    widget.resize(widget.size().boundedTo(SCREEN).expandedTo(widget.minimumSizeHint()))
                settle(app, session)
                path = args.out / f"{name}-{label}{suffix}.png"
                widget.grab().save(str(path))
                written[f"{name}-{label}"] = path
                too_big = widget.isWindow() and (widget.width() > SCREEN.width() or widget.height() > SCREEN.height())
                print(f"{path}  {widget.width()}×{widget.height()}{'  TOO BIG' if too_big else ''}")
                if widget is not window and widget.isWindow():
                    widget.close()
                settle(app, session)
            window.intake_page.clear_form()
            window.close()
            settle(app, session)
    finally:
        apply_scale(app, family, 1.0)
        session.close()
        del keep
    if args.docs and not suffix and not args.only:
        target = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        for name, shot in DOCS.items():
            shutil.copyfile(written[f"{shot}-normal"], target / name)
            print(f"docs/screenshots/{name}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _shots(window: object, session: object) -> dict[str, Callable[[], QWidget]]:
    """Each window or state to render, made on demand (in this order)."""
    from app.services.context import Actor
    from app.ui.actions import ActionKey

    w = window  # MainWindow
    admin = Actor("admin", "Quản trị viên", "admin")

    def login() -> QWidget:
        return w  # type: ignore[return-value]

    def listing() -> QWidget:
        from app.ui.dossiers.filters import QuickFilter

        w._on_unlocked(admin)  # type: ignore[attr-defined]
        w.show_list()  # type: ignore[attr-defined]
        w.list_page.set_quick_filter(QuickFilter.ALL)  # type: ignore[attr-defined]
        return w  # type: ignore[return-value]

    def intake() -> QWidget:
        w.show_intake()  # type: ignore[attr-defined]
        page = w.intake_page  # type: ignore[attr-defined]
        page.picker.search.setText("1.001193")
        page.picker.choose_current()
        page.applicant.name.setText("Nguyễn Thị Hồng Đào")
        page.applicant.id_number.setText("001190012345")
        return w  # type: ignore[return-value]

    def intake_queue() -> QWidget:
        w.command_actions[ActionKey.QUEUE].setChecked(True)  # type: ignore[attr-defined]
        return w  # type: ignore[return-value]

    def intake_errors() -> QWidget:
        w.command_actions[ActionKey.QUEUE].setChecked(False)  # type: ignore[attr-defined]
        page = w.intake_page  # type: ignore[attr-defined]
        page.applicant.id_number.setText("12345")
        page.applicant.phone.setText("12")
        page.receive()
        return w  # type: ignore[return-value]

    def detail() -> QWidget:
        w.intake_page.clear_form()  # type: ignore[attr-defined]
        code = session.store.scalar("SELECT code FROM dossiers ORDER BY seq LIMIT 1")  # type: ignore[attr-defined]
        return w.commands.open_dossier(code)  # type: ignore[attr-defined, no-any-return]

    def correction() -> QWidget:
        code = session.store.scalar("SELECT code FROM dossiers ORDER BY seq LIMIT 1")  # type: ignore[attr-defined]
        return w.commands.open_dossier(code).open_correction()  # type: ignore[attr-defined, no-any-return]

    def supervisor() -> QWidget:
        w.command_actions[ActionKey.SUPERVISOR].trigger()  # type: ignore[attr-defined]
        view = w.commands._supervisor  # type: ignore[attr-defined]
        view.resize(SCREEN)  # the offscreen screen is 800×600: the size a 1366×768 PC gives it
        return view  # type: ignore[no-any-return]

    def screen(key: ActionKey, name: str) -> Callable[[], QWidget]:
        def make() -> QWidget:
            w.command_actions[key].trigger()  # type: ignore[attr-defined]
            return w.commands.screens[name]  # type: ignore[attr-defined, no-any-return]
        return make

    def settings() -> QWidget:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(session, w)  # type: ignore[arg-type]
        dialog.show()
        return dialog

    def customer() -> QWidget:
        return w.commands.show_customer_window()  # type: ignore[attr-defined, no-any-return]

    def display() -> QWidget:
        shown = w.commands.open_waiting_display()  # type: ignore[attr-defined]
        shown.resize(SCREEN)
        return shown  # type: ignore[no-any-return]

    def kiosk() -> QWidget:
        from app.ui.queue.kiosk import KioskWindow

        k = KioskWindow(session)  # type: ignore[arg-type]
        k.resize(SCREEN)
        k.show()
        return k

    def locked() -> QWidget:
        w.lock()  # type: ignore[attr-defined]
        return w  # type: ignore[return-value]

    return {"login": login, "list": listing, "intake": intake, "intake-queue": intake_queue,
            "intake-errors": intake_errors, "detail": detail, "correction": correction, "supervisor": supervisor,
            "connect": screen(ActionKey.CONNECT, "syncDialog"),
            "accounts": screen(ActionKey.ACCOUNTS, "accountsDialog"),
            "calendar": screen(ActionKey.CALENDAR, "calendarDialog"), "settings": settings, "customer": customer,
            "display": display, "kiosk": kiosk, "locked": locked}


if __name__ == "__main__":
    sys.exit(main())
