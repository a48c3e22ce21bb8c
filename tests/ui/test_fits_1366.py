"""Issue 17 at 1366×768 in "Rất lớn" text: opening the queue panel squeezes nothing off the screen, the intake
form keeps its fields, and the dossier list keeps its procedure column."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from app.ui.actions import ActionKey
from app.ui.dossiers.filters import QuickFilter


def test_large_text_with_the_queue_open_fits_1366(window: Any, qapp: Any, font_family: str, session: Any) -> None:
    from app.ui.fonts import apply_scale

    try:
        apply_scale(qapp, font_family, 1.5)
        window.resize(1366, 740)
        window.command_actions[ActionKey.QUEUE].setChecked(True)
        window.show_intake()
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1366
        assert window.width() <= 1366
        assert window.queue_dock.width() <= 1366 // 3  # the form keeps two thirds of the screen
        page = window.intake_page
        assert page.picker.search.width() >= page.picker.search.fontMetrics().averageCharWidth() * 20
        window.command_actions[ActionKey.QUEUE].setChecked(False)
        window.show_list()
        window.list_page.set_quick_filter(QuickFilter.ALL)
        QApplication.processEvents()
        table = window.list_page.table
        assert table.columnWidth(2) >= table.fontMetrics().horizontalAdvance("Thủ tục đăng ký")
    finally:
        apply_scale(qapp, font_family, 1.0)


def test_a_long_status_note_never_widens_the_window(window: Any, qapp: Any, font_family: str) -> None:
    """The Wine smoke's window was cut off on the right at 1366 px: the start-up backup's note named a long Windows
    path (C:\\users\\<name>\\AppData\\Local\\MotCua\\…) and the status bar grew to fit it, the window with it."""
    from app.ui.fonts import apply_scale

    path = ("C:\\users\\Nguyễn Văn An\\AppData\\Local\\MotCua\\demo\\backups\\auto\\"
            "motcua-2026-12-01_194206.sqlite3")
    for scale in (1.0, 1.5):
        try:
            apply_scale(qapp, font_family, scale)
            window.resize(1366, 740)
            window.show_list()
            window.status.say(f"✓ Đã sao lưu vào {path} — ⚠ chưa chép được sang thư mục thứ hai", 60_000)
            QApplication.processEvents()
            assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
            note = window.status.note
            assert note.text().startswith("✓ Đã sao lưu vào C:") and "…" in note.text()
            assert note.toolTip().endswith("thư mục thứ hai")
            assert note.geometry().right() <= window.status.sync.geometry().left()  # no overlap
        finally:
            apply_scale(qapp, font_family, 1.0)
