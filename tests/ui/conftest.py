"""Fixtures of the desktop-app tests: real widgets on a real store copied from the session template.

Every test here is marked ``gui`` (so ``-m "not gui"`` is a fast run) and fails on any Qt warning, the way
qutebrowser's and Picard's suites do: a warning from Qt is a bug we have not understood yet. The session's
clock is fixed (Monday 2026-11-16 09:00), so due dates and badges are the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import FIXED_NOW

UI_DIR = Path(__file__).resolve().parent
# What the offscreen platform itself says about features it lacks (not something our code does wrong).
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints", "This plugin does not support raise")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(UI_DIR):
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def font_family(qapp: QApplication) -> str:
    from app.ui.fonts import apply_scale, register_fonts

    family = register_fonts()
    apply_scale(qapp, family, 1.0)
    return family


@pytest.fixture
def clock() -> Any:
    from app.services.clock import FixedClock

    return FixedClock(FIXED_NOW)


@pytest.fixture
def session(data_dir: Path, clock: Any, qapp: QApplication, font_family: str) -> Iterator[Any]:
    """An app session on a fresh store copy; closed (queued writes finished) after the test."""
    from app.services.setup import open_store
    from app.ui.session import AppSession

    app_session = AppSession(data_dir, open_store(data_dir), lang="vi", clock=clock)
    yield app_session
    app_session.close()


@pytest.fixture
def clerk(ctx: Any) -> Any:
    """A clerk account "lan" (password "mat-khau-lan") in the same store as ``ctx``."""
    from dataclasses import replace

    from app.services.accounts import create_user
    from app.services.context import Actor

    as_admin = replace(ctx, actor=Actor("admin", "Quản trị", "admin"))  # accounts are an admin's to make
    create_user(as_admin, "lan", "Nguyễn Thị Lan", "clerk", "mat-khau-lan")
    return Actor("lan", "Nguyễn Thị Lan", "clerk")


@pytest.fixture
def window(session: Any, qtbot: Any, font_family: str) -> Any:
    """The main window, logged in as the admin, on the list page."""
    from app.services.context import Actor
    from app.ui.main_window import MainWindow

    win = MainWindow(session, font_family)
    # pytest-qt closes the window before fixture teardown: empty the form first so closing asks nothing
    qtbot.addWidget(win, before_close_func=lambda w: w.intake_page.clear_form())
    win.resize(1280, 760)
    win.show()
    win._on_unlocked(Actor("admin", "Quản trị viên", "admin"))
    return win


def wait_idle(qtbot: Any, session: Any) -> None:
    """Wait until the worker has run every queued job and its callback."""
    qtbot.waitUntil(lambda: not session.tasks.busy, timeout=5000)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; non-ASCII characters go as text-only key events (STYLE.md's trap)."""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in " .-@/"):
            QTest.keyClick(widget, ch)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                               Qt.KeyboardModifier.NoModifier)


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question nobody answers would hang the run: tests that expect one replace ``ask``."""

    def unexpected(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    monkeypatch.setattr("app.ui.dialogs.Confirm.ask", classmethod(unexpected))
    monkeypatch.setattr("app.ui.dialogs.ReasonDialog.ask", classmethod(unexpected))
    monkeypatch.setattr("app.ui.dossiers.supplement_dialog.SupplementDialog.ask", classmethod(unexpected))


@pytest.fixture
def vi(qapp: QApplication) -> Iterator[None]:
    """The Vietnamese translation installed, as ``motcua`` (default language) and ``motcua --lang vi`` do: it
    renames Qt's own key names, which is what broke Ctrl+Enter there while it worked in English (issue 17)."""
    from app.ui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "vi")
    yield
    remove_translators(qapp, translators)
