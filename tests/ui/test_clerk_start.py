"""The clerk's window appears before its store is open, opens it right after, and stays harmless meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar

from app.store.db import DB_FILENAME, Store
from app.ui.actions import ActionKey
from app.ui.clerk_start import STORE_ERROR_EXIT, ClerkStart
from app.ui.fonts import apply_scale
from app.ui.launch import parse_args
from app.ui.start_prefs import StartPrefs, read_prefs, write_prefs
from tests.conftest import ADMIN_PASSWORD

OFFICE_NAME = "UBND xã Mẫu Sơn"  # the template office (tests/conftest.py)


@pytest.fixture
def starts(qapp: QApplication, font_family: str) -> Iterator[list[ClerkStart]]:
    """The starts a test makes; each closed and finished (store closed, translators off) afterwards."""
    made: list[ClerkStart] = []
    yield made
    for start in made:
        start.finish()  # first: the work it waits for reports back to a window still there
        if start.error_box is not None:
            start.error_box.done(0)
        start.window.close()
    apply_scale(qapp, font_family, 1.0)


def new_start(starts: list[ClerkStart], qapp: QApplication, data_dir: Path, family: str,
              *args: str) -> ClerkStart:
    start = ClerkStart(qapp, parse_args(list(args)), data_dir, family)
    starts.append(start)
    return start


def sign_in(qtbot: Any, start: ClerkStart, password: str = ADMIN_PASSWORD) -> None:
    page = start.window.lock_page
    page.username.setText("admin")
    page.password.setText(password)
    with qtbot.waitSignal(start.window.ready, timeout=20_000):
        qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)


def test_the_window_appears_first_and_the_store_opens_after(data_dir: Path, qapp: QApplication, qtbot: Any,
                                                            font_family: str, starts: list[ClerkStart]) -> None:
    start = new_start(starts, qapp, data_dir, font_family)
    window, session = start.window, start.session
    order: list[str] = []
    window.painted.connect(lambda: order.append("painted"))
    session.opened.connect(lambda: order.append("opened"))
    assert not session.is_open  # the whole window is built without a store
    assert not window.lock_page.button.isEnabled()
    assert [k for k, a in window.command_actions.items() if a.isEnabled()] == [ActionKey.QUIT]
    assert window.pages.count() == 0
    with qtbot.waitSignal(start.store_opened, timeout=20_000):
        start.show()
    assert order == ["painted", "opened"]
    assert window.lock_page.button.isEnabled() and window.lock_page.loading.isHidden()
    assert window.lock_page.title.text() == OFFICE_NAME  # read from the store once it is open
    assert OFFICE_NAME in window.status.office.toolTip()
    qtbot.waitUntil(lambda: window.pages.count() == 2)  # the work pages follow the store
    assert read_prefs(data_dir) == StartPrefs("vi", 1.0)  # the next start draws its window the same way
    sign_in(qtbot, start)
    assert not window.locked


def test_clicks_and_keys_while_the_store_opens_do_nothing(data_dir: Path, qapp: QApplication, qtbot: Any,
                                                          font_family: str, starts: list[ClerkStart]) -> None:
    start = new_start(starts, qapp, data_dir, font_family)
    window, session = start.window, start.session
    gate = threading.Event()  # holds the worker, so the opening queued behind it waits as on a slow disk
    session.tasks.run(gate.wait, lambda _r: None, lambda _e: None)
    start.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    page = window.lock_page
    assert page.loading.isVisible() and page.loading.text()
    qtbot.keyClicks(page.username, "admin")  # typing is allowed: it is kept for when the store is open
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)
    QTest.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    for action in toolbar.actions():
        qtbot.mouseClick(toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)
    for key, action in window.command_actions.items():
        if key is not ActionKey.QUIT:
            for sequence in action.shortcuts():
                QTest.keySequence(window, sequence)
    qtbot.wait(50)
    assert not session.is_open and window.locked and session.actor is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]  # no dialog opened
    assert page.error.isHidden()  # no "wrong password" either: nothing was checked
    with qtbot.waitSignal(start.store_opened, timeout=20_000):
        gate.set()
    assert page.password.text() == ADMIN_PASSWORD
    with qtbot.waitSignal(window.ready, timeout=20_000):
        qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    assert session.actor is not None and session.actor.username == "admin"


def _missing_key(data_dir: Path) -> None:
    (data_dir / "store-key.id").write_text("0123456789abcdef0123456789abcdef", "ascii")


def _newer_schema(data_dir: Path) -> None:
    from app.store.migrations import LATEST

    store = Store.in_folder(data_dir)
    store.conn.execute(f"PRAGMA user_version={LATEST + 3}")
    store.close()


def _damaged(data_dir: Path) -> None:
    path = data_dir / DB_FILENAME
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        side.unlink(missing_ok=True)
    path.write_bytes(b"\x8f\x11 not a database " * 512)


@pytest.mark.parametrize(("spoil", "words"), [
    (_missing_key, "không có khóa mở dữ liệu"),
    (_newer_schema, "phiên bản MotCua mới hơn"),
    (_damaged, "sai khóa hoặc tệp hỏng"),
])
def test_a_store_that_cannot_open_is_one_sentence_over_the_window(
        data_dir: Path, qapp: QApplication, qtbot: Any, font_family: str, starts: list[ClerkStart],
        spoil: Any, words: str) -> None:
    spoil(data_dir)
    before = sorted(p.name for p in data_dir.rglob("*"))
    start = new_start(starts, qapp, data_dir, font_family)
    with qtbot.waitSignal(start.open_failed, timeout=20_000) as failed:
        start.show()
    text = failed.args[0]
    assert words in text and "Traceback" not in text and "\n" not in text
    box = start.error_box
    assert box is not None and box.isVisible() and box.text() == text and box.parent() is start.window
    assert start.exit_code == STORE_ERROR_EXIT
    assert not start.session.is_open and not start.window.lock_page.button.isEnabled()
    assert not (data_dir / "logs" / "ui.log").exists()  # the user's trouble, not a bug to log
    gone: list[bool] = []
    start.window.destroyed.connect(lambda: gone.append(True))
    box.accept()  # answering the message ends the app: nothing works without the store
    qtbot.waitUntil(lambda: bool(gone))
    start.finish()
    starts.remove(start)
    assert sorted(p.name for p in data_dir.rglob("*")) == before  # nothing written, not even the prefs copy


def test_the_stored_language_wins_over_the_copy(data_dir: Path, qapp: QApplication, qtbot: Any,
                                               font_family: str, starts: list[ClerkStart]) -> None:
    write_prefs(data_dir, StartPrefs("en", 1.0))  # a copy left by another office's data (a restore)
    start = new_start(starts, qapp, data_dir, font_family)
    first = start.window
    assert first.lock_page.button.text() == "Sign in"
    with qtbot.waitSignal(start.store_opened, timeout=20_000):
        start.show()
    assert start.window is not first  # built again, once, in the store's language
    assert start.session.lang == "vi" and start.window.lock_page.button.text() == "Đăng nhập"
    assert start.window.lock_page.button.isEnabled()
    assert read_prefs(data_dir) == StartPrefs("vi", 1.0)


def test_a_window_closed_while_the_store_opens_ends_cleanly(data_dir: Path, qapp: QApplication, qtbot: Any,
                                                            font_family: str, starts: list[ClerkStart]) -> None:
    start = new_start(starts, qapp, data_dir, font_family)
    gate = threading.Event()
    start.session.tasks.run(gate.wait, lambda _r: None, lambda _e: None)
    start.show()
    qtbot.waitExposed(start.window)
    assert start.window.close()  # Quit while loading: nothing to ask
    gate.set()
    start.finish()  # waits for the opening, closes the store it never handed over
    starts.remove(start)
    assert not start.session.is_open
    Store.in_folder(data_dir).close()  # the folder opens again


def test_an_old_plain_store_is_encrypted_and_migrated_behind_the_window_with_each_step_shown(
        tmp_path: Path, qapp: QApplication, qtbot: Any, font_family: str, starts: list[ClerkStart]) -> None:
    import shutil

    from app.store.migrations import LATEST

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(Path(__file__).parents[1] / "upgrade" / "fixtures" / "store-v7.sqlite3", data_dir / DB_FILENAME)
    start = new_start(starts, qapp, data_dir, font_family)
    shown: list[str] = []  # what the sign-in page said at each step
    start.opener.step.connect(lambda _text: shown.append(start.window.lock_page.loading.text()),
                              Qt.ConnectionType.QueuedConnection)
    with qtbot.waitSignal(start.store_opened, timeout=60_000):
        start.show()
    assert shown[0].startswith("Đang mã hóa dữ liệu của máy lần đầu")
    assert shown[-1].startswith("Đang nâng cấp dữ liệu lên phiên bản mới")
    assert start.session.store.user_version == LATEST and start.session.store.encrypted
    assert list((data_dir / "backups").glob("pre-migration-v7-*"))  # the copy before the migration
    assert start.window.lock_page.loading.isHidden() and start.window.lock_page.button.isEnabled()
