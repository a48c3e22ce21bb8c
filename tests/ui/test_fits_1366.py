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
