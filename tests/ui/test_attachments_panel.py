"""The scanned-pages panel: add files, F8 scans the next page, move/rotate/delete, drops, bad files, detail tab."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.services import attachments as att
from app.services import scanning
from app.services.receive import ReceiveInput, receive_dossier
from app.ui.attachments.panel import FilePicker, PagesPanel
from tests.attachments.pages import text_page
from tests.ui.conftest import wait_idle


@pytest.fixture
def code(ctx: Any) -> str:
    inp = ReceiveInput(procedure_code="1.001699", applicant_name="Phạm Văn Đông", id_number="001085012345")
    return str(receive_dossier(ctx, inp).dossier["code"])


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for seed, size in ((1, (620, 877)), (2, (877, 620)), (3, (620, 877))):
        path = tmp_path / f"trang-{seed}.png"
        text_page(seed, size=size).save(path, dpi=(75, 75))
        out.append(path)
    return out


def _panel(session: Any, qtbot: Any, code: str) -> PagesPanel:
    panel = PagesPanel(session, code)
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(panel.isActiveWindow, timeout=2000)
    return panel


def _sizes(panel: PagesPanel) -> list[tuple[int, int]]:
    return [
        (
            panel.pages.item(i).icon().availableSizes()[0].width(),
            panel.pages.item(i).icon().availableSizes()[0].height(),
        )
        for i in range(panel.pages.count())
    ]


def test_add_move_rotate_delete(
    session: Any, qtbot: Any, ctx: Any, code: str, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = _panel(session, qtbot, code)
    assert panel.checklist.count() == 2 and "chưa có ảnh" in panel.checklist.item(1).text()
    panel.checklist.setCurrentRow(1)
    monkeypatch.setattr(FilePicker, "ask", classmethod(lambda cls, parent: files))
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, session)
    assert panel.pages.count() == 3 and "3 trang" in panel.checklist.item(1).text()
    portrait, landscape, _ = _sizes(panel)
    assert portrait[0] < portrait[1] and landscape[0] > landscape[1]  # the thumbnails are the stored pages
    panel.pages.setCurrentRow(1)
    panel.left_button.click()
    wait_idle(qtbot, session)
    assert _sizes(panel)[0][0] > _sizes(panel)[0][1] and panel.pages.currentRow() == 0
    panel.rotate_button.click()
    wait_idle(qtbot, session)
    assert _sizes(panel)[0][0] < _sizes(panel)[0][1]  # landscape page turned upright
    panel.pages.setCurrentRow(2)
    panel.delete_button.click()
    wait_idle(qtbot, session)
    assert panel.pages.count() == 2 and att.document_pages(ctx, code)[1].pages == 2


def test_a_bad_file_shows_a_message_and_changes_nothing(
    session: Any, qtbot: Any, ctx: Any, code: str, files: list[Path], tmp_path: Path
) -> None:
    panel = _panel(session, qtbot, code)
    bad = tmp_path / "ghi-chu.png"
    bad.write_bytes(b"not an image")
    panel.add_files([files[0], bad])
    wait_idle(qtbot, session)
    texts = " ".join(label.text() for label in panel.banner.findChildren(QLabel))
    assert panel.banner.isVisible() and str(bad) in texts and "không phải ảnh" in texts
    assert panel.pages.count() == 0 and att.document_pages(ctx, code)[0].pages == 0


def test_dropped_files_become_pages(session: Any, qtbot: Any, code: str, files: list[Path]) -> None:
    panel = _panel(session, qtbot, code)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files[:2]])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    panel.dropEvent(event)
    wait_idle(qtbot, session)
    assert panel.pages.count() == 2


@pytest.mark.skipif(not shutil.which("scanimage"), reason="sane-utils not installed")
def test_f8_scans_the_next_page(session: Any, qtbot: Any, ctx: Any, code: str) -> None:
    scanning.choose_scanner(ctx, "test:0", 75, "grey", options=("--test-picture Grid -x 100 -y 140",))
    panel = _panel(session, qtbot, code)
    panel.checklist.setFocus()
    for expected in (1, 2):
        QTest.keyClick(panel.checklist, Qt.Key.Key_F8)
        wait_idle(qtbot, session)
        assert panel.pages.count() == expected


def test_the_dossier_dialog_has_the_pages_tab(window: Any, code: str) -> None:
    dialog = window.commands.open_dossier(code)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Trang đã quét" in tabs
    dialog.close()


def test_intake_opens_the_pages_of_the_dossier_just_received(window: Any, code: str, qtbot: Any) -> None:
    hook = window.intake_pages
    assert hook.open() is None  # nothing received yet
    window.intake_page.received.emit(code)
    assert hook.shortcut.key().toString() == "Ctrl+F8"
    hook.shortcut.activated.emit()
    dialog = hook.dialog
    assert dialog is not None and dialog.isVisible() and dialog.panel.code == code
    assert dialog.panel.checklist.count() == 2
    dialog.close()


def test_pages_from_the_scan_folder(session: Any, qtbot: Any, ctx: Any, code: str, files: list[Path],
                                    tmp_path: Path) -> None:
    folder = tmp_path / "may-photo"
    folder.mkdir()
    scanning.choose_scanner(ctx, "", hot_folder=str(folder))
    shutil.copy(files[0], folder / "scan0001.png")
    (folder / "scan0002.png").write_bytes(b"half a file")
    panel = _panel(session, qtbot, code)
    panel.folder_button.click()
    qtbot.waitUntil(lambda: not panel.busy, timeout=20000)
    wait_idle(qtbot, session)
    assert panel.pages.count() == 1  # the good file, although the other was set aside
    texts = " ".join(label.text() for label in panel.banner.findChildren(QLabel))
    assert "scan0002.png" in texts and (folder / "lỗi" / "scan0002.png").is_file()


def test_thumbnails_render_on_the_worker_and_the_newest_choice_wins(
    session: Any, qtbot: Any, ctx: Any, code: str, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from app.attachments import thumbs

    att.attach_files(ctx, code, files, 1)
    att.attach_files(ctx, code, files[:1], 2)
    threads: list[threading.Thread] = []
    real = thumbs.thumbnails

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(thumbs, "thumbnails", spy)
    panel = _panel(session, qtbot, code)
    for row in (1, 0, 1):  # the clerk runs down the checklist faster than pages render
        panel.checklist.setCurrentRow(row)
    wait_idle(qtbot, session)
    assert panel.pages.count() == 1, "the last document chosen (one page), not a late answer for the first"
    assert threads and threading.main_thread() not in threads
